package io.rxbreak.controller.topology;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.core.net.MulticastGroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks before the first trial name every agent that fails them, all at once: here two agents that do not
 * answer (nothing listens on their ports) and two senders on one group.
 */
class TopologyChecksTest
{
    @TempDir
    Path temp;

    @Test
    void everyAgentThatDoesNotAnswerIsNamedAtOnce() throws IOException
    {
        final int tx = freePort();
        final int rx = freePort();
        final Topology topology = TopologyReader.read(Files.writeString(temp.resolve("t.yaml"), String.join("\n",
            "agents:",
            "  - {name: tx1, role: sender, url: 'http://127.0.0.1:" + tx + "'}",
            "  - {name: rx-a, role: receiver, url: 'http://127.0.0.1:" + rx + "'}", "")));
        assertThatThrownBy(() -> TopologyAgents.reach(topology, defaults(), noStarts(), new PrintWriter(new StringWriter())))
            .isInstanceOfSatisfying(TopologyCheckException.class, ex -> assertThat(ex.problems())
                .anySatisfy(line -> assertThat(line).startsWith("tx1 (http://127.0.0.1:" + tx + "): ")
                    .contains("refused the connection"))
                .anySatisfy(line -> assertThat(line).startsWith("rx-a (http://127.0.0.1:" + rx + "): ")
                    .contains("refused the connection")));
    }

    @Test
    void twoSendersOnOneGroupAreRefusedBeforeAnythingStarts() throws IOException
    {
        final Topology topology = TopologyReader.read(Files.writeString(temp.resolve("t.yaml"), String.join("\n",
            "agents:",
            "  - {name: tx1, role: sender, groups: ['239.255.77.51:47051']}",
            "  - {name: tx2, role: sender, groups: ['239.255.77.51:47051']}",
            "  - {name: rx-a, role: receiver}", "")));
        assertThatThrownBy(() -> TopologyAgents.reach(topology, defaults(), noStarts(), new PrintWriter(new StringWriter())))
            .isInstanceOfSatisfying(TopologyCheckException.class, ex -> assertThat(ex.problems()).containsExactly(
                "tx2: sends to 239.255.77.51:47051 as tx1 does: give each sender groups of its own (a receiver tells "
                    + "senders apart by group)"));
    }

    @Test
    void defaultGroupsCountUpFromTheRampsFirstGroup()
    {
        final MulticastGroup first = MulticastGroup.parse("--group", "239.255.77.255:47001", false);
        assertThat(TopologyAgents.defaultGroup(first, 0)).hasToString("239.255.77.255:47001");
        assertThat(TopologyAgents.defaultGroup(first, 1)).hasToString("239.255.78.0:47001");
    }

    private static TopologyAgents.Defaults defaults()
    {
        return new TopologyAgents.Defaults("lo", MulticastGroup.parse("--group", "239.255.77.1:47001", false), 1, 64,
            "sleep", Duration.ofSeconds(2));
    }

    private static TopologyAgents.Starter noStarts()
    {
        return new TopologyAgents.Starter()
        {
            @Override
            public LocalAgent.Launch local(final String role, final List<String> args)
            {
                throw new AssertionError("nothing is started before the checks pass: " + args);
            }

            @Override
            public TopologyAgents.Remote ssh(final TopologyAgent agent, final List<String> argv, final String token)
            {
                throw new AssertionError("nothing is started before the checks pass: " + argv);
            }
        };
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
