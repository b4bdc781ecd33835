package io.rxbreak.controller.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyReaderTest
{
    @TempDir
    Path temp;

    @Test
    void theIssuesExampleReadsAsWritten() throws IOException
    {
        final Topology topology = read("""
            tokenEnv: RXBREAK_AGENT_TOKEN
            agents:
              - name: tx1
                role: sender
                url: http://198.18.5.1:7071      # or ssh: user@host (with the agent's options)
              - name: rx-a
                role: receiver
                url: http://198.18.5.2:7070
            """);
        assertThat(topology.tokenEnv()).isEqualTo("RXBREAK_AGENT_TOKEN");
        assertThat(topology.senders()).extracting(TopologyAgent::name).containsExactly("tx1");
        assertThat(topology.receivers()).extracting(TopologyAgent::url).containsExactly("http://198.18.5.2:7070");
        assertThat(topology.receivers().get(0).started()).isFalse();
    }

    @Test
    void everyKeyOfBothRolesIsRead() throws IOException
    {
        final Topology topology = read("""
            agents:
              - {name: tx1, role: sender, ssh: root@198.18.5.1, sshOptions: [-i, /k], command: java -jar /r.jar,
                 listen: "198.18.5.1:7071", interface: veth1, groups: ["239.1.1.1:5000", "239.1.1.2:5000"], streams: 2,
                 ttl: 4}
              - {name: rx-a, role: receiver, url: "https://198.18.5.2:7070", interface: veth2, throttle: "rate:5000",
                 rcvbuf: 4MiB, sockets: 2,
                 tlsFingerprint: "sha256:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"}
              - {name: rx-b, role: receiver}
            """);
        final TopologyAgent tx = topology.senders().get(0);
        assertThat(tx.sshOptions()).containsExactly("-i", "/k");
        assertThat(tx.command()).isEqualTo("java -jar /r.jar");
        assertThat(tx.groups()).hasSize(2);
        assertThat(tx.streams()).isEqualTo(2);
        assertThat(tx.ttl()).isEqualTo(4);
        final TopologyAgent rx = topology.receivers().get(0);
        assertThat(rx.rcvbufBytes()).isEqualTo(4L << 20);
        assertThat(rx.sockets()).isEqualTo(2);
        assertThat(rx.interfaceName()).isEqualTo("veth2");
        assertThat(topology.receivers().get(1).started()).isTrue();
        assertThat(topology.receivers().get(1).where()).isEqualTo("this host");
        assertThat(topology.tokenEnv()).isEqualTo(Topology.DEFAULT_TOKEN_ENV);
    }

    @Test
    void badFilesAreOneLineNamingTheAgentAndWhatToChange()
    {
        refused("agents:\n  - {name: tx1, role: sender}\n", "at least one agent of role sender and one of role receiver");
        refused("agents:\n  - {name: tx1, role: sender}\n  - {name: tx1, role: receiver}\n", "agent tx1: the name is given twice");
        refused("agents:\n  - {name: tx1, role: sendr}\n  - {name: r, role: receiver}\n", "agent tx1: role: expected sender or receiver");
        refused("agents:\n  - {name: tx1, role: sender, throttle: 'rate:5'}\n  - {name: r, role: receiver}\n",
            "agent tx1: throttle is a receiver's key");
        refused("agents:\n  - {name: tx1, role: sender}\n  - {name: r, role: receiver, streams: 2}\n",
            "agent r: streams is a sender's key");
        refused("agents:\n  - {name: tx1, role: sender, url: 'http://a:1', ssh: a}\n  - {name: r, role: receiver}\n",
            "not both");
        refused("agents:\n  - {name: tx1, role: sender, url: 'ftp://a:1'}\n  - {name: r, role: receiver}\n",
            "url: expected http(s)://HOST:PORT");
        refused("agents:\n  - {name: tx1, role: sender, command: rxbreak}\n  - {name: r, role: receiver}\n",
            "command goes with ssh:");
        refused("agents:\n  - {name: tx1, role: sender}\n  - {name: r, role: receiver, throttle: 'slow'}\n",
            "agent r: ");
        refused("agents:\n  - {name: tx1, role: sender, groups: ['10.0.0.1:5']}\n  - {name: r, role: receiver}\n",
            "agent tx1: ");
        refused("agents:\n  - {name: tx1, role: sender, url: 'http://a:1', tlsFingerprint: 'sha256:00'}\n  - {name: r, role: receiver}\n",
            "tlsFingerprint: ");
        refused("agents:\n  - {name: tx1, role: sender, trottle: 1}\n  - {name: r, role: receiver}\n",
            "unknown key 'trottle'");
        refused("tokenEnv: 'NOT A NAME'\nagents:\n  - {name: tx1, role: sender}\n  - {name: r, role: receiver}\n",
            "tokenEnv: 'NOT A NAME' is no environment variable name");
        refused("agents:\n  - {name: tx1, role: sender}\n  - {name: r, role: receiver, sockets: 0}\n",
            "sockets: must be 1 or more");
        refused("agents: [\n", "expected YAML");
        assertThatThrownBy(() -> TopologyReader.read(temp.resolve("missing.yaml")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("no such topology file");
    }

    private void refused(final String yaml, final String expected)
    {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(BadInputException.class)
            .hasMessageContaining(expected).hasMessageNotContaining("\n");
    }

    private Topology read(final String yaml) throws IOException
    {
        final Path file = Files.writeString(temp.resolve("topology.yaml"), yaml);
        return TopologyReader.read(file);
    }
}
