package io.rxbreak.feed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PacketCapture;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.ReferencePrograms;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real captures of real multicast, in a private network namespace: the C reference sender ({@code mcsend}) sends a
 * known number of datagrams of known sizes to known groups over the namespace's loopback (TTL 0, source
 * {@value NetworkNamespace#TEST_ADDRESS}) while tcpdump or dumpcap writes them to a file; the feed read from the file
 * holds exactly those datagrams, with their sizes and groups, spread over about as long as they took to send. The
 * same capture converted to pcapng by editcap reads the same; a capture cut to 100 bytes a packet keeps the original
 * lengths; {@code tcpdump -i any} writes Linux cooked v2.
 */
class RealCaptureInNamespaceTest
{
    private static final Pattern SENT = Pattern.compile("SEND sent=(\\d+) secs=([0-9.]+) ");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(20);
    private static final int RATE_PER_SECOND = 1000;

    @TempDir
    Path tmp;

    @BeforeEach
    void needsRootAndTcpdump()
    {
        Privileges.assumeRoot("a private network namespace to capture in");
        PacketCapture.assumeInstalled("tcpdump", "tcpdump");
    }

    @Test
    void tcpdumpCapturesExactlyWhatWasSentToTwoGroupsAndEditcapsPcapngReadsTheSame()
    {
        PacketCapture.assumeInstalled("editcap", "wireshark-common");
        final Path pcap = tmp.resolve("open.pcap");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess tcpdump = PacketCapture.tcpdump(ns, "lo", pcap, "udp");
            final Sent firstSent = send(ns, "239.1.1.1", 5000, 100, "0.3");
            final Sent secondSent = send(ns, "239.1.1.2", 5001, 300, "0.2");
            final long first = firstSent.count();
            final long second = secondSent.count();
            awaitMessages(pcap, first + second);
            PacketCapture.stop(tcpdump);

            final Feed feed = Feed.read(pcap);
            assertThat(feed.format()).isEqualTo(Feed.Format.PCAP);
            assertThat(feed.formatDetail()).isEqualTo("us timestamps, Ethernet");
            assertThat(feed.size()).isEqualTo(first + second);
            assertThat(PcapReaderTest.names(feed)).containsExactly("239.1.1.1:5000", "239.1.1.2:5001");
            assertThat(feed.skipped()).isEmpty();
            final List<Integer> firstLengths = new ArrayList<>();
            final List<Integer> secondLengths = new ArrayList<>();
            for (int i = 0; i < feed.size(); i++)
            {
                (feed.destination(i) == 0 ? firstLengths : secondLengths).add(feed.length(i));
                if (i > 0)
                {
                    assertThat(feed.destination(i)).as("the second group's datagrams follow the first's")
                        .isGreaterThanOrEqualTo(feed.destination(i - 1));
                }
            }
            assertThat(firstLengths).hasSize((int)first).containsOnly(100);
            assertThat(secondLengths).hasSize((int)second).containsOnly(300);
            assertThat(feed.totalBytes()).isEqualTo(first * 100 + second * 300);
            assertSpan(feed, 0, firstSent);
            assertSpan(feed, (int)first, secondSent);

            final Path pcapng = tmp.resolve("open.pcapng");
            PacketCapture.run("editcap", "-F", "pcapng", pcap.toString(), pcapng.toString());
            final Feed converted = Feed.read(pcapng);
            assertThat(converted.format()).isEqualTo(Feed.Format.PCAPNG);
            assertThat(PcapReaderTest.offsets(converted)).isEqualTo(PcapReaderTest.offsets(feed));
            assertThat(PcapReaderTest.lengths(converted)).isEqualTo(PcapReaderTest.lengths(feed));
            assertThat(PcapReaderTest.destinations(converted)).isEqualTo(PcapReaderTest.destinations(feed));
            assertThat(converted.destinations()).isEqualTo(feed.destinations());
        }
    }

    @Test
    void anyInterfaceInNanosecondsCutTo100BytesKeepsTheOriginalLengths()
    {
        final Path pcap = tmp.resolve("any.pcap");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess tcpdump = PacketCapture.tcpdump(ns, "any", pcap, "udp", "--time-stamp-precision", "nano", "-s",
                "100");
            final Sent sent = send(ns, "239.1.1.3", 5002, 1400, "0.2");
            awaitMessages(pcap, sent.count());
            PacketCapture.stop(tcpdump);

            final Feed feed = Feed.read(pcap);
            assertThat(feed.formatDetail()).isEqualTo("ns timestamps, Linux cooked v2");
            assertThat(feed.size()).isEqualTo(sent.count());
            assertThat(PcapReaderTest.names(feed)).containsExactly("239.1.1.3:5002");
            assertThat(PcapReaderTest.lengths(feed)).containsOnly(1400);
            assertThat(feed.skipped()).isEmpty();
            assertSpan(feed, 0, sent);
        }
    }

    @Test
    void dumpcapWritesPcapngWithNanosecondTimestamps()
    {
        PacketCapture.assumeInstalled("dumpcap", "wireshark-common");
        final Path pcapng = tmp.resolve("dumpcap.pcapng");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess dumpcap = ns.start(List.of("dumpcap", "-i", "lo", "-f", "udp", "-w", pcapng.toString()));
            dumpcap.awaitStderrLine(START_TIMEOUT, line -> line.startsWith("File:"));
            final Sent sent = send(ns, "239.1.1.4", 5003, 64, "0.2");
            awaitMessages(pcapng, sent.count());
            PacketCapture.stop(dumpcap);

            final Feed feed = Feed.read(pcapng);
            assertThat(feed.format()).isEqualTo(Feed.Format.PCAPNG);
            assertThat(feed.formatDetail()).isEqualTo("ns timestamps, Ethernet");
            assertThat(feed.size()).isEqualTo(sent.count());
            assertThat(PcapReaderTest.names(feed)).containsExactly("239.1.1.4:5003");
            assertThat(PcapReaderTest.lengths(feed)).containsOnly(64);
            assertSpan(feed, 0, sent);
        }
    }

    /**
     * Send with mcsend at {@value #RATE_PER_SECOND} msgs/s for a while, on the namespace's loopback with TTL 0.
     *
     * @return how many datagrams it sent, and for how long.
     */
    private static Sent send(final NetworkNamespace ns, final String group, final int port, final int size,
        final String seconds)
    {
        try (ChildProcess mcsend = ns.start(List.of(ReferencePrograms.build(ReferencePrograms.MCSEND).toString(),
            "-g", group, "-p", Integer.toString(port), "-s", Integer.toString(size), "-r",
            Integer.toString(RATE_PER_SECOND), "-t", seconds, "-i", NetworkNamespace.TEST_ADDRESS, "-T", "0")))
        {
            assertThat(mcsend.waitFor(START_TIMEOUT)).as(mcsend.stderr()).isZero();
            final Matcher matcher = SENT.matcher(mcsend.stdout());
            assertThat(matcher.find()).as(mcsend.stdout()).isTrue();
            final Sent sent = new Sent(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)));
            assertThat(sent.count()).as("mcsend's datagrams").isPositive();
            return sent;
        }
    }

    private static void awaitMessages(final Path file, final long expected)
    {
        final long[] seen = {-1};
        Deadline.await(CAPTURE_TIMEOUT, () -> expected + " datagrams in " + file + "; last seen " + seen[0], () ->
        {
            try
            {
                seen[0] = Feed.read(file).size();
            }
            catch (final FeedFormatException ex)
            {
                // not written yet, or a packet being written: read again
                return false;
            }
            return seen[0] >= expected;
        });
    }

    /**
     * The messages from {@code first} on were sent at {@value #RATE_PER_SECOND} msgs/s by one mcsend: their offsets
     * span about (count - 1) / rate (at least half of it, should the sender have been held up at its start), and no
     * longer than the sender ran (plus the capture's own delay).
     */
    private static void assertSpan(final Feed feed, final int first, final Sent sent)
    {
        final double spanSeconds = (feed.offsetNs(first + (int)sent.count() - 1) - feed.offsetNs(first)) / 1e9;
        assertThat(spanSeconds).as("the span of %d datagrams sent in %s s", sent.count(), sent.seconds())
            .isBetween(0.5 * (sent.count() - 1) / RATE_PER_SECOND, sent.seconds() + 0.01);
    }

    /**
     * What mcsend said it did.
     *
     * @param count datagrams sent.
     * @param seconds how long it sent for.
     */
    private record Sent(long count, double seconds)
    {
    }
}
