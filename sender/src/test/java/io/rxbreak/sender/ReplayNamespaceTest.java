package io.rxbreak.sender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedDestination;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PacketCapture;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay checked against the recorded timeline by the kernel's own clock: {@code rxbreak send --pattern replay}
 * plays a feed of three groups (a steady stream, a microburst, and a slow stream of mixed sizes) at twice its
 * speed over loopback in a private namespace, tcpdump captures what went out with nanosecond timestamps, and the
 * capture, read back as a feed, must hold every message of every group, with its recorded size, at its recorded
 * offset halved, within what the sender itself reported as its worst lag.
 */
class ReplayNamespaceTest
{
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final long MS = 1_000_000L;
    /** The capture's own delay and timestamp jitter beside the sender's lag, at most. */
    private static final long CAPTURE_SLACK_NS = 500_000L;

    @TempDir
    Path dir;

    private NetworkNamespace ns;

    @BeforeEach
    void createNamespace()
    {
        Privileges.assumeRoot("a private network namespace for real multicast and tcpdump");
        PacketCapture.assumeInstalled("tcpdump", "tcpdump");
        ns = NetworkNamespace.create();
    }

    @AfterEach
    void deleteNamespace()
    {
        if (ns != null)
        {
            ns.close();
        }
    }

    @Test
    void everyMessageGoesToItsGroupAtItsOffsetDividedByTheSpeed() throws Exception
    {
        final Path feedFile = dir.resolve("feed.csv");
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            // a steady 1,000 msgs/s on the first group
            lines.add(i * MS + ",239.1.7.1:7001,100");
        }
        for (int i = 0; i < 200; i++)
        {
            // a microburst at 0.5 s: 200 messages 20 us apart (50,000 msgs/s; 100,000 at twice the speed)
            lines.add((500 * MS + 100_000 + i * 20_000L) + ",239.1.7.2:7002,300");
        }
        for (int i = 0; i < 100; i++)
        {
            // every 10 ms a size from 64 to 1,400 B
            lines.add((i * 10 * MS + 3_000) + ",239.1.7.3:7003," + (64 + (i * 37) % 1_337));
        }
        lines.sort((a, b) -> Long.compare(Long.parseLong(a.split(",")[0]), Long.parseLong(b.split(",")[0])));
        Files.write(feedFile, lines);
        final Feed recorded = Feed.read(feedFile);
        final Path capture = dir.resolve("sent.pcap");

        final ChildProcess tcpdump = PacketCapture.tcpdump(ns, "lo", capture, "udp and ip multicast",
            "--time-stamp-precision", "nano");
        final ChildProcess sender = ns.startJava(Main.class, "send", "--pattern", "replay:" + feedFile, "--speed", "2",
            "--end-markers", "0", "--json", "--quiet");
        final int exitCode = sender.waitFor(RUN);
        final JsonNode result = result(sender);
        assertThat(exitCode).as(sender.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(result.path("senderLimited").asBoolean()).isFalse();
        assertThat(result.path("sent").asLong()).isEqualTo(recorded.size());
        awaitCaptured(capture, recorded.size());
        PacketCapture.stop(tcpdump);

        final Feed sent = Feed.read(capture);
        assertThat(sent.size()).isEqualTo(recorded.size());
        assertThat(names(sent)).containsExactlyInAnyOrderElementsOf(names(recorded));
        final long worstLagNs = result.path("pacing").path("lagMaxNs").asLong();
        for (int group = 0; group < recorded.destinations().size(); group++)
        {
            final FeedDestination destination = recorded.destinations().get(group);
            final long[] want = offsets(recorded, destination);
            final long[] got = offsets(sent, destination);
            assertThat(got).as("messages to %s", destination).hasSameSizeAs(want);
            assertThat(lengths(sent, destination)).as("sizes to %s (as recorded)", destination)
                .containsExactly(lengths(recorded, destination));
            for (int i = 0; i < want.length; i++)
            {
                // both clocks from the first message of the replay (the first group's first, at offset 0)
                final long errorNs = got[i] - want[i] / 2;
                assertThat(Math.abs(errorNs)).as("%s message %d: sent %d ns after the start, due at %d ns; the " +
                    "sender reported a worst lag of %d ns", destination, i, got[i], want[i] / 2, worstLagNs)
                    .isLessThanOrEqualTo(worstLagNs + CAPTURE_SLACK_NS);
            }
        }
    }

    private static JsonNode result(final ChildProcess sender) throws IOException
    {
        for (final String line : sender.stdoutLines())
        {
            if (line.startsWith("{") && "result".equals(Json.MAPPER.readTree(line).path("type").asText()))
            {
                return Json.MAPPER.readTree(line);
            }
        }
        throw new AssertionError("no result line; stdout:\n" + sender.stdout() + "\nstderr:\n" + sender.stderr());
    }

    private static void awaitCaptured(final Path capture, final int count)
    {
        Deadline.await(RUN, () -> count + " datagrams in " + capture, () ->
        {
            try
            {
                return Feed.read(capture).size() >= count;
            }
            catch (final RuntimeException notYet)
            {
                return false;
            }
        });
    }

    private static List<String> names(final Feed feed)
    {
        final List<String> names = new ArrayList<>();
        feed.destinations().forEach(destination -> names.add(destination.toString()));
        return names;
    }

    private static long[] offsets(final Feed feed, final FeedDestination destination)
    {
        final int index = feed.destinations().indexOf(destination);
        return IntStream.range(0, feed.size()).filter(i -> feed.destination(i) == index)
            .mapToLong(feed::offsetNs).toArray();
    }

    private static Integer[] lengths(final Feed feed, final FeedDestination destination)
    {
        final int index = feed.destinations().indexOf(destination);
        return IntStream.range(0, feed.size()).filter(i -> feed.destination(i) == index)
            .mapToObj(i -> Feed.datagramLength(feed.length(i))).toArray(Integer[]::new);
    }
}
