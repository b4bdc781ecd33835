package io.rxbreak.receiver;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code receive --transport io_uring}: real multicast read through Netty's io_uring transport, and, in a JVM whose
 * kernel refuses io_uring (a seccomp filter, as in a container: {@link WithoutIoUring}), the fallback to epoll with
 * the reason printed, still receiving everything.
 */
class ReceiveTransportTest
{
    private static final int SENT = 2000;

    @BeforeEach
    void needsRoot()
    {
        Privileges.assumeRoot("creates a network namespace for real multicast");
    }

    @Test
    void ioUringReceivesEveryMessage()
    {
        assertThat(IoUring.isAvailable()).as("io_uring on this host: %s", IoUring.unavailabilityCause()).isTrue();
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ReceiverProcesses.receiver(ns, "--group", "239.1.7.1:6101",
                "--transport", "io_uring", "--rcvbuf", "1MiB", "--until-end", "--drain", "100ms");
            assertThat(setupLine(receiver)).contains("transport=io_uring").endsWith("(transport in use: io_uring)");
            assertThat(receiver.stderr()).doesNotContain("io_uring is unavailable");

            assertEveryMessageArrives(ns, receiver, "239.1.7.1:6101");
        }
    }

    @Test
    void whereTheKernelRefusesIoUringItFallsBackToEpollAndSaysWhy()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final List<String> args = new ArrayList<>(List.of("receive", "--json", "--interval", "100ms", "--group",
                "239.1.7.2:6102", "--transport", "io_uring", "--rcvbuf", "1MiB", "--until-end", "--drain", "100ms"));
            final ChildProcess receiver = ns.start(ChildProcess.javaCommand(WithoutIoUring.class, args));
            receiver.awaitStderrLine(ReceiverProcesses.START, line -> line.startsWith("  socket 0:"));
            final String note = receiver.awaitStderrLine(ReceiverProcesses.START,
                line -> line.startsWith("  note: io_uring is unavailable"));
            // Netty's cause, with the errno of the refused io_uring_setup, then what is used instead
            assertThat(note).as(receiver.stderr()).contains("Operation not permitted").endsWith("; using epoll");
            assertThat(setupLine(receiver)).contains("transport=io_uring").endsWith("(transport in use: epoll)");

            assertEveryMessageArrives(ns, receiver, "239.1.7.2:6102");
        }
    }

    private static String setupLine(final ChildProcess receiver)
    {
        return receiver.awaitStderrLine(ReceiverProcesses.START, line -> line.startsWith("rxbreak receive: "));
    }

    private static void assertEveryMessageArrives(final NetworkNamespace ns, final ChildProcess receiver,
        final String group)
    {
        final ChildProcess sender = ReceiverProcesses.sender(ns, group, "--count", Integer.toString(SENT),
            "--rate", "20000", "--markers", "3");
        assertThat(sender.waitFor(ReceiverProcesses.RUN)).as(sender.stderr()).isZero();
        final JsonNode result = ReceiverProcesses.result(receiver);
        assertThat(result.get("received").asLong()).as(result.toString()).isEqualTo(SENT);
        assertThat(result.get("unique").asLong()).isEqualTo(SENT);
        assertThat(result.get("gaps").asLong()).isZero();
        assertThat(result.get("kernelDrops").asLong()).isZero();
        assertThat(result.get("streamsEnded").asLong()).isEqualTo(1);
        assertThat(result.get("datagrams").asLong()).isEqualTo(SENT + result.get("endMarkers").asLong());
        assertThat(result.get("latency").get("count").asLong()).isEqualTo(SENT);
    }
}
