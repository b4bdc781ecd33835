package io.rxbreak.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rxbreak.core.control.Json;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real multicast over loopback in a private network namespace: rxbreak receive and a sender as child processes.
 */
class ReceiverNamespaceTest
{
    private static final Duration SEND = Duration.ofSeconds(60);

    @BeforeEach
    void needsRoot()
    {
        Privileges.assumeRoot("creates a network namespace for real multicast");
    }

    @Test
    void sentEqualsReceivedPlusKernelDropsAndGapsEqualDrops() throws Exception
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.3:6000",
                "--throttle", "rate:2000", "--rcvbuf", "4096", "--until-end", "--drain", "100ms");
            final String inode = receiver.awaitStderrLine(ReceiverProcesses.START, l -> l.startsWith("  socket 0:"))
                .replaceAll(".* inode (\\d+) .*", "$1");
            assertThat(ns.exec("cat", "/proc/net/udp")).as("an INET socket, in /proc/net/udp").contains(" " + inode + " ");
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.2.3:6000", "--count", "20000",
                "--rate", "50000", "--markers", "1", "--end-on-stdin");
            sender.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            ReceiverProcesses.awaitDrained(receiver, receiver.stderrLines().size());
            sender.writeLine("end");
            assertThat(sender.waitFor(SEND)).isZero();
            final JsonNode result = ReceiverProcesses.result(receiver);
            // the final object is the receiver agent's trial report (its /trial/end result), field for field
            assertThat(Json.toLine(Json.MAPPER.treeToValue(result, ReceiverTrialReport.class)))
                .isEqualTo(Json.toLine(result));
            final long received = result.get("received").asLong();
            final long drops = result.get("kernelDrops").asLong();
            assertThat(received + drops).as(result.toString()).isEqualTo(20_000);
            assertThat(drops).isPositive();
            assertThat(result.get("gaps").asLong()).isEqualTo(drops);
            assertThat(result.get("unique").asLong()).isEqualTo(received);
            assertThat(result.get("applicationDrops").asLong()).isZero();
            assertThat(result.get("datagrams").asLong()).isEqualTo(received + 1);
            assertThat(result.get("sockets").get(0).get("drops").asLong()).isEqualTo(drops);
            assertThat(result.get("sockets").get(0).get("inode").asText()).isEqualTo(inode);
            assertThat(result.get("rcvbufRequested").asLong()).isEqualTo(4096);
            assertThat(result.get("rcvbufGranted").asLong()).isEqualTo(8192);
            // recvmmsg really batches: a throttled read finds the buffer full and takes several datagrams at once
            assertThat(result.get("datagrams").asDouble() / result.get("batches").asDouble())
                .as("datagrams per read").isGreaterThan(2.0);
        }
    }

    @Test
    void aSocketForGroupAGetsNothingOfGroupBOnTheSamePort()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.4:6001",
                "--group", "239.1.2.5:6001", "--rcvbuf", "1MiB", "--until-end");
            final ChildProcess a = ReceiverProcesses.sender(ns, "239.1.2.4:6001", "--count", "500", "--rate",
                "20000", "--stream", "1", "--end-on-stdin");
            final ChildProcess b = ReceiverProcesses.sender(ns, "239.1.2.5:6001", "--count", "300", "--rate",
                "20000", "--stream", "2", "--end-on-stdin");
            a.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            b.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            a.writeLine("end");
            b.writeLine("end");
            assertThat(a.waitFor(SEND)).isZero();
            assertThat(b.waitFor(SEND)).isZero();
            final JsonNode result = ReceiverProcesses.result(receiver);
            assertThat(result.get("streams")).hasSize(2);
            for (final JsonNode stream : result.get("streams"))
            {
                final int socket = stream.get("socket").asInt();
                assertThat(stream.get("streamId").asInt()).as(result.toString()).isEqualTo(socket + 1);
                assertThat(stream.get("unique").asLong()).isEqualTo(socket == 0 ? 500 : 300);
                assertThat(stream.get("gaps").asLong()).isZero();
            }
            final JsonNode sockets = result.get("sockets");
            assertThat(sockets.get(0).get("group").asText()).isEqualTo("239.1.2.4:6001");
            assertThat(sockets.get(0).get("datagrams").asLong()).isEqualTo(500 + markers(result, 0));
            assertThat(sockets.get(1).get("datagrams").asLong()).isEqualTo(300 + markers(result, 1));
        }
    }

    /**
     * {@code --share-sockets}: three groups on one port share one socket (bound to the wildcard address, joined to
     * each), which gets all of their messages, each group's stream counted on its own, and nothing of a fourth group
     * on the same port that it did not join (IP_MULTICAST_ALL off); a group on another port gets a socket of its own.
     */
    @Test
    void sharedSocketsTakeEveryJoinedGroupOfTheirPortAndNoOther()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.3.1:6010",
                "--group", "239.1.3.2:6010", "--group", "239.1.3.3:6010", "--group", "239.1.3.9:6011",
                "--share-sockets", "--rcvbuf", "1MiB", "--until-end");
            final List<ChildProcess> senders = new ArrayList<>();
            final String[] targets = {"239.1.3.1:6010", "239.1.3.2:6010", "239.1.3.3:6010", "239.1.3.9:6011",
                "239.1.3.4:6010"};
            for (int i = 0; i < targets.length; i++)
            {
                senders.add(ReceiverProcesses.sender(ns, targets[i], "--count", Integer.toString(100 * (i + 1)),
                    "--rate", "20000", "--stream", Integer.toString(i + 1), "--end-on-stdin"));
            }
            for (final ChildProcess sender : senders)
            {
                sender.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            }
            for (final ChildProcess sender : senders)
            {
                sender.writeLine("end");
                assertThat(sender.waitFor(SEND)).isZero();
            }
            final JsonNode result = ReceiverProcesses.result(receiver);
            final JsonNode sockets = result.get("sockets");
            assertThat(sockets).as(result.toString()).hasSize(2);
            assertThat(sockets.get(0).get("group").asText()).isEqualTo("239.1.3.1:6010 +2 groups");
            assertThat(sockets.get(1).get("group").asText()).isEqualTo("239.1.3.9:6011");
            final Map<Integer, Long> unique = new HashMap<>();
            for (final JsonNode stream : result.get("streams"))
            {
                unique.put(stream.get("streamId").asInt(), stream.get("unique").asLong());
                assertThat(stream.get("gaps").asLong()).isZero();
            }
            assertThat(unique).as("the unjoined 239.1.3.4 (stream 5) on the shared port got nothing")
                .containsOnly(Map.entry(1, 100L), Map.entry(2, 200L), Map.entry(3, 300L), Map.entry(4, 400L));
            assertThat(sockets.get(0).get("datagrams").asLong()).isEqualTo(600 + markers(result, 0));
        }
    }

    private static long markers(final JsonNode result, final int socket)
    {
        final JsonNode s = result.get("sockets").get(socket);
        return s.get("datagrams").asLong() - s.get("received").asLong();
    }

    @Test
    void twoSocketsOnOneGroupBothReceiveEverything()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.6:6002",
                "--sockets", "2", "--rcvbuf", "2MiB", "--until-end");
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.2.6:6002", "--count", "5000",
                "--rate", "20000");
            assertThat(sender.waitFor(SEND)).isZero();
            final JsonNode result = ReceiverProcesses.result(receiver);
            assertThat(result.get("sockets")).hasSize(2);
            for (final JsonNode socket : result.get("sockets"))
            {
                assertThat(socket.get("unique").asLong()).as(result.toString()).isEqualTo(5000);
                assertThat(socket.get("gaps").asLong()).isZero();
                assertThat(socket.get("drops").asLong()).isZero();
            }
            assertThat(result.get("sockets").get(0).get("inode").asLong())
                .isNotEqualTo(result.get("sockets").get(1).get("inode").asLong());
            assertThat(result.get("received").asLong()).isEqualTo(10_000);
        }
    }

    @Test
    void aStallLosesOnlyWhileStalled()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.7:6003",
                "--throttle", "stall:100ms/500ms", "--rcvbuf", "256KiB", "--until-end");
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.2.7:6003", "--count", "40000",
                "--rate", "20000", "--markers", "1", "--end-on-stdin");
            sender.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            ReceiverProcesses.awaitDrained(receiver, receiver.stderrLines().size());
            sender.writeLine("end");
            assertThat(sender.waitFor(SEND)).isZero();
            final JsonNode result = ReceiverProcesses.result(receiver);
            final long drops = result.get("kernelDrops").asLong();
            final Matcher stalls = Pattern.compile("(\\d+) stalls, (\\d+)ms stalled")
                .matcher(result.get("sockets").get(0).get("throttle").asText());
            assertThat(stalls.find()).as(result.toString()).isTrue();
            final long stallCount = Long.parseLong(stalls.group(1));
            final long stalledMs = Long.parseLong(stalls.group(2));
            long lossEvents = 0;
            for (final JsonNode stream : result.get("streams"))
            {
                lossEvents += stream.get("lossEvents").asLong();
            }
            assertThat(drops).as(result.toString()).isPositive();
            assertThat(result.get("gaps").asLong()).isEqualTo(drops);
            assertThat(result.get("received").asLong() + drops).isEqualTo(40_000);
            // a stall fills the buffer and loses one run: once the reader is back it drains the buffer far faster
            // than 20,000 a second, so nothing more is lost unless something else holds it off its CPU right after
            // the stall. 26ec153 allowed two runs per stall after a run beside other test runs on this 2-core
            // machine; alone it held in 9 runs of 9, 4 of them beside a busy loop on one of the two CPUs
            assertThat(lossEvents).as("a loss episode per stall").isBetween(1L, stallCount);
            assertThat(drops).as("no more lost than was offered while stalled")
                .isLessThanOrEqualTo(stalledMs * 20 + 20 * stallCount);
        }
    }

    @Test
    void aDroppingApplicationQueueLosesInTheApplicationNotTheKernel()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.8:6004",
                "--throttle", "queue:100:100us:drop", "--rcvbuf", "2MiB", "--until-end");
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.2.8:6004", "--count", "10000",
                "--rate", "40000", "--markers", "1", "--end-on-stdin");
            sender.awaitLine(SEND, l -> l.startsWith("DATA_DONE"));
            ReceiverProcesses.awaitDrained(receiver, receiver.stderrLines().size());
            receiver.awaitStderrLine(SEND, l -> l.contains("depth 0/100"));
            sender.writeLine("end");
            assertThat(sender.waitFor(SEND)).isZero();
            final JsonNode result = ReceiverProcesses.result(receiver);
            final long appDrops = result.get("applicationDrops").asLong();
            assertThat(result.get("kernelDrops").asLong()).as(result.toString()).isZero();
            assertThat(appDrops).isPositive();
            assertThat(result.get("gaps").asLong()).isEqualTo(appDrops);
            assertThat(result.get("received").asLong() + appDrops).isEqualTo(10_000);
        }
    }

    @Test
    void theThrottleChangesWhileItRunsAndSigtermPrintsTheSummary()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.2.9:6005",
                "--throttle", "rate:100", "--rcvbuf", "1MiB");
            receiver.writeLine("throttle none");
            receiver.awaitStderrLine(ReceiverProcesses.START, l -> l.equals("throttle now none"));
            receiver.writeLine("throttle rate:0");
            receiver.awaitStderrLine(ReceiverProcesses.START, l -> l.startsWith("rejected 'throttle rate:0'"));
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.2.9:6005", "--count", "3000",
                "--rate", "20000", "--markers", "0");
            assertThat(sender.waitFor(SEND)).isZero();
            receiver.awaitStderrLine(SEND, l -> l.contains(" received 3000 ") && l.contains("throttle none"));
            final int exit = receiver.terminate(ReceiverProcesses.RUN);
            assertThat(exit).as(receiver.stderr()).isEqualTo(143);
            assertThat(receiver.stderr()).as("stdout: " + receiver.stdout()).contains("summary: trial 1");
            assertThat(receiver.stdout()).contains("\"received\":3000");
        }
    }
}
