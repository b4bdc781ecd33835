package io.rxbreak.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NamespaceLab;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.Sshd;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topology ramp across a lab of six "hosts" on one machine (network namespaces joined by a bridge, each with its
 * own address): the controller on host 0, two sender agents (hosts 1 and 2) and two receiver agents (hosts 3 and 4)
 * already running, reached by URL, and a third receiver (host 5) the controller starts over SSH through Debian's
 * sshd there. The receivers read at most 6,000, 9,000 and 13,500 messages a second: a socket per group, each read at
 * most half that ({@code rate:N} throttles each reading socket). Each one's break point must lie within 3 % below its
 * capacity, the weakest must be named as the run's, and the rate each trial asked for must be exactly what the two
 * senders were given between them.
 */
class TopologyLabTest
{
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final long[] CAPACITY = {6_000, 9_000, 13_500};
    private static final String[] GROUP = {"239.255.77.41:47041", "239.255.77.42:47041"};
    private static final String MAIN = Main.class.getName();
    /** How far apart two JVMs' epoch clocks may be anchored on one kernel clock (one wall-clock read each). */
    private static final long ANCHOR_NS = 100_000;

    private final String token = "rxb-lab-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    @TempDir
    Path temp;

    @BeforeEach
    void needs()
    {
        Privileges.assumeRoot("the lab's hosts are network namespaces and sshd runs as root");
        Sshd.assumeAvailable();
    }

    @Test
    void everyReceiverGetsItsOwnBreakPointTheWeakestIsNamedAndTheAggregateIsExact() throws IOException
    {
        try (NamespaceLab lab = NamespaceLab.create(6); Sshd sshd = Sshd.start(lab, 5))
        {
            final List<ChildProcess> agents = new ArrayList<>();
            final List<String> urls = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                agents.add(agent(lab, 1 + i, "send", "--group", GROUP[i], "--interface", lab.interfaceName(1 + i),
                    "--idle", "sleep"));
            }
            for (int i = 0; i < 2; i++)
            {
                agents.add(agent(lab, 3 + i, "receive", "--group", GROUP[0], "--group", GROUP[1], "--interface",
                    lab.interfaceName(3 + i), "--throttle", "rate:" + CAPACITY[i] / 2));
            }
            final List<String> pins = new ArrayList<>();
            for (final ChildProcess agent : agents)
            {
                final String listening = agent.awaitLine(Duration.ofSeconds(60),
                    line -> line.startsWith(AgentOptions.LISTENING));
                urls.add(listening.substring(AgentOptions.LISTENING.length()).trim());
                pins.add(pin(agent));
            }
            final Path topology = Files.writeString(temp.resolve("lab.yaml"), String.join("\n",
                "tokenEnv: LAB_TOKEN",
                "agents:",
                agentEntry("tx1", "sender", urls.get(0), pins.get(0)),
                agentEntry("tx2", "sender", urls.get(1), pins.get(1)),
                agentEntry("rx-a", "receiver", urls.get(2), pins.get(2)),
                agentEntry("rx-b", "receiver", urls.get(3), pins.get(3)),
                "  - name: rx-c",
                "    role: receiver",
                "    ssh: " + sshd.target(),
                "    sshOptions: [" + String.join(", ", sshd.clientOptions().stream().map(o -> "'" + o + "'").toList())
                    + "]",
                "    command: '" + String.join(" ", javaCommand()) + "'",
                "    listen: " + lab.address(5) + ":0",
                "    interface: " + lab.interfaceName(5),
                "    throttle: rate:" + CAPACITY[2] / 2,
                ""));
            final Path runs = temp.resolve("run");
            final ChildProcess ramp = lab.host(0).start(withToken(ChildProcess.javaCommand(Main.class, List.of("ramp",
                "--topology", topology.toString(), "--start-rate", "5500", "--step", "x1.25", "--precision", "2%",
                "--duration", "600ms", "--warm-up", "200ms", "--confirm-duration", "600ms", "--confirm-trial-duration",
                "600ms",
                "--max-rate", "40000", "--max-trials", "40", "--out", runs.toString()))));
            final int exit = ramp.waitFor(TIMEOUT);
            final String output = "stdout:\n" + ramp.stdout() + "\nstderr:\n" + ramp.stderr();
            assertThat(exit).as(output).isZero();

            final JsonNode report = RampProcess.read(runs.resolve("report.json"));
            final JsonNode receivers = report.path("receivers");
            assertThat(receivers.size()).as(output).isEqualTo(3);
            for (int i = 0; i < 3; i++)
            {
                final JsonNode receiver = receivers.get(i);
                assertThat(receiver.path("ndr").asLong()).as(receiver.path("name") + "\n" + output)
                    .isBetween((long)(CAPACITY[i] * 0.97), (long)(CAPACITY[i] * 1.03));
                assertThat(receiver.path("weakest").asBoolean()).as(output).isEqualTo(i == 0);
                assertThat(receiver.path("layer").asText()).as(output).isEqualTo("socket-buffer");
                assertThat(runs.resolve("receivers").resolve(receiver.path("name").asText()).resolve("report.html"))
                    .isNotEmptyFile();
                // every "host" of the lab reads the one kernel's clock: the offset measured over the control channel
                // must hold 0 within its uncertainty (and the microseconds by which each JVM's epoch clock was
                // anchored apart)
                final JsonNode clock = receiver.path("clock");
                assertThat(Math.abs(clock.path("offsetNs").asLong())).as(clock + "\n" + output)
                    .isLessThanOrEqualTo(clock.path("uncertaintyNs").asLong() + ANCHOR_NS);
                assertThat(clock.path("driftPpm").isNumber()).as(clock.toString()).isTrue();
            }
            assertThat(receivers.get(2).path("url").asText()).startsWith("http").contains(lab.address(5));
            assertThat(report.path("ndr").asLong()).isEqualTo(receivers.get(0).path("ndr").asLong());
            assertThat(ramp.stdout()).contains("the weakest: rx-a at " + urls.get(2));
            for (final JsonNode trial : report.path("trials"))
            {
                // the aggregate: the two senders' shares add up to the rate asked, each sender was judged on its own
                // share, and every message either arrived or is counted in a layer
                final JsonNode senders = trial.path("senders");
                assertThat(senders.size()).isEqualTo(2);
                assertThat(senders.get(0).path("targetRate").asLong() + senders.get(1).path("targetRate").asLong())
                    .isEqualTo(trial.path("targetRate").asLong());
                long drops = 0;
                for (final JsonNode layer : trial.path("dropsByLayer"))
                {
                    drops += layer.asLong();
                }
                if ("PASS".equals(trial.path("verdict").asText()))
                {
                    assertThat(trial.path("received").asLong()).isEqualTo(trial.path("sent").asLong());
                    assertThat(senders.get(0).path("achievedRate").asDouble() + senders.get(1).path("achievedRate")
                        .asDouble()).isCloseTo(trial.path("achievedRate").asDouble(), org.assertj.core.data.Offset
                        .offset(1.0));
                }
                assertThat(trial.path("sent").asLong()).isEqualTo(trial.path("received").asLong() + drops
                    + trial.path("unexplained").asLong());
            }
            assertThat(javaProcesses(lab.host(5))).as("the agent started over SSH is gone").isEmpty();
            System.out.println(ramp.stderr());
            agents.forEach(ChildProcess::close);
        }
    }

    private String agentEntry(final String name, final String role, final String url, final String pin)
    {
        return "  - {name: " + name + ", role: " + role + ", url: '" + url + "'" +
            (pin == null ? "" : ", tlsFingerprint: '" + pin + "'") + "}";
    }

    /**
     * @return the fingerprint the agent printed, or null when it serves plain HTTP.
     */
    private static String pin(final ChildProcess agent)
    {
        for (final String line : agent.stdoutLines())
        {
            if (line.startsWith("rxbreak agent TLS certificate "))
            {
                return line.substring("rxbreak agent TLS certificate ".length()).trim();
            }
        }
        return null;
    }

    private ChildProcess agent(final NamespaceLab lab, final int host, final String... args)
    {
        final List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        command.addAll(List.of("--agent", lab.address(host) + ":0"));
        return lab.host(host).start(withToken(command));
    }

    private List<String> withToken(final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("env", "LAB_TOKEN=" + token,
            AgentOptions.TOKEN_ENVIRONMENT + "=" + token));
        full.addAll(command);
        return full;
    }

    private static List<String> javaCommand()
    {
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-cp",
            System.getProperty("java.class.path"), MAIN);
    }

    private static List<Long> javaProcesses(final NetworkNamespace ns)
    {
        final List<Long> found = new ArrayList<>();
        for (final String pid : NetworkNamespace.run("ip", "netns", "pids", ns.name()).split("\\s+"))
        {
            if (!pid.isBlank() && ProcessHandle.of(Long.parseLong(pid)).flatMap(p -> p.info().command())
                .map(c -> c.endsWith("java")).orElse(false))
            {
                found.add(Long.parseLong(pid));
            }
        }
        return found;
    }
}
