package io.rxbreak.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.Skips;
import io.rxbreak.testsupport.SysctlOverride;
import io.rxbreak.testsupport.TracingInstances;
import io.rxbreak.testsupport.VethPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss in the softirq backlog: the sender in one namespace, the receiver (and the controller) in another, joined by
 * a veth. Receive Packet Steering hands the receiving veth's packets to CPU 1's backlog, and
 * {@code net.core.netdev_max_backlog} is lowered to 50 (machine-wide: restored afterwards, also by a shutdown hook):
 * the sender's batches overflow that backlog while the receiver, with a 64 MiB buffer, keeps up. The ramp uses
 * both agents remotely ({@code --sender-agent}, {@code --receiver-agent}, with a token): the sender agent, bound to
 * the veth's address, over TLS with the certificate it generated, pinned by the fingerprint it printed.
 */
class RampBacklogTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GROUP = "239.255.77.7:47007";
    private static final String TOKEN = "backlog-test-token";
    private static final String BACKLOG_FILE = "/proc/sys/net/core/netdev_max_backlog";

    @TempDir
    Path runs;

    private static String url(final ChildProcess agent)
    {
        return agent.awaitLine(TIMEOUT, line -> line.startsWith(AgentOptions.LISTENING))
            .substring(AgentOptions.LISTENING.length()).trim();
    }

    /**
     * @return the fingerprint an agent printed before it listened ({@link #url} first).
     */
    private static String tlsFingerprint(final ChildProcess agent)
    {
        return agent.stdoutLines().stream().filter(line -> line.startsWith(AgentOptions.TLS_CERTIFICATE)).findFirst()
            .orElseThrow(() -> new AssertionError("no TLS fingerprint line: " + agent.stdout()))
            .substring(AgentOptions.TLS_CERTIFICATE.length()).trim();
    }

    private static List<String> onCpu0(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("taskset", "-c", "0"));
        command.addAll(ChildProcess.javaCommand(mainClass, List.of(args)));
        return command;
    }

    @Test
    void aBacklogOverflowIsTheSoftirqLayersLoss()
    {
        Privileges.assumeRoot("two namespaces joined by a veth, RPS and a lowered netdev_max_backlog");
        Skips.assumeCpus(2, "RPS hands the receiving veth's packets to another CPU's backlog");
        final String backlogBefore = NetworkNamespace.run("cat", BACKLOG_FILE).trim();
        assertThat(backlogBefore).as("the test lowers it to 50: it must be something else now").isNotEqualTo("50");
        try (NetworkNamespace senderSide = NetworkNamespace.create();
            NetworkNamespace receiverSide = NetworkNamespace.create();
            VethPair veth = VethPair.create(senderSide, receiverSide))
        {
            receiverSide.exec("sh", "-c", "echo 2 > /sys/class/net/" + veth.nameB() + "/queues/rx-0/rps_cpus");
            final ChildProcess receiver = receiverSide.start(onCpu0(Main.class, "receive", "--group", GROUP,
                "--interface", veth.nameB(), "--rcvbuf", "32MiB", "--rcvbuf-force", "--agent", "127.0.0.1:0",
                "--agent-token", TOKEN));
            final ChildProcess sender = senderSide.start(onCpu0(Main.class, "send", "--group", GROUP, "--interface",
                veth.nameA(), "--gso", "off", "--agent", VethPair.ADDRESS_A + ":0", "--agent-token", TOKEN));
            final String receiverUrl = url(receiver);
            final String senderUrl = url(sender);
            assertThat(senderUrl).startsWith("https://" + VethPair.ADDRESS_A + ":");

            final RampProcess ramp;
            final int exitCode;
            try (SysctlOverride backlog = SysctlOverride.set("net.core.netdev_max_backlog", "50"))
            {
                assertThat(backlog.original()).isEqualTo(backlogBefore);
                // the sender's batches are what overflow a backlog of 50: no sender-lag rule here
                ramp = RampProcess.start(receiverSide, runs.resolve("backlog"), "--sender-agent", senderUrl,
                    "--sender-agent-tls-fingerprint", tlsFingerprint(sender), "--receiver-agent", receiverUrl, "--agent-token", TOKEN, "--group", GROUP, "--interface",
                    veth.nameB(), "--start-rate", "50000", "--step", "x2", "--max-rate", "3M", "--precision", "10%",
                    "--duration", "1s", "--warm-up", "250ms", "--confirm-duration", "1s", "--confirm-trial-duration",
                    "1s", "--max-sender-lag", "0", "--max-trials", "16");
                exitCode = ramp.waitFor(Duration.ofMinutes(3));
            }
            assertThat(NetworkNamespace.run("cat", BACKLOG_FILE).trim()).as("restored").isEqualTo(backlogBefore);
            // complete, with a break point found: a ramp that failed (1), had no valid trial (4) or ran out of its
            // trial budget (1) says nothing about the layer, whatever its report names
            assertThat(exitCode).as(ramp.output()).isEqualTo(ExitCodes.OK);
            assertThat(ramp.report().path("outcome").path("status").asText()).as(ramp.output()).isEqualTo("complete");
            final JsonNode report = ramp.report();
            assertThat(report.path("attribution").size()).as(ramp.output()).isPositive();
            assertThat(report.path("attribution").get(0).path("layer").asText()).as(ramp.output())
                .isEqualTo("softirq-backlog");
            // a valid trial that failed by losing messages, most of them in the softirq backlog
            assertThat(ramp.trials()).as(ramp.output()).anySatisfy(trial ->
            {
                assertThat(trial.path("verdict").asText()).as(trial.toString()).isEqualTo("FAIL");
                assertThat(trial.path("failKind").asText()).as(trial.toString()).isEqualTo("LOST");
                assertThat(trial.path("attribution").get(0).path("layer").asText()).as(trial.toString())
                    .isEqualTo("softirq-backlog");
                assertThat(trial.path("dropsByLayer").path("softirq-backlog").asLong()).as(trial.toString())
                    .isPositive();
            });
            assertThat(ramp.process().stdout()).contains("broke first: softirq-backlog");
            // SIGTERM, so that the receiver agent removes its tracing instances itself
            receiver.terminate(TIMEOUT);
            sender.terminate(TIMEOUT);
            assertThat(TracingInstances.list())
                .noneMatch(name -> name.startsWith("rxbreak-" + receiver.pid() + "-"));
        }
    }
}
