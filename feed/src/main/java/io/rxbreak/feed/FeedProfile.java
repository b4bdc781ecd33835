package io.rxbreak.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.config.Units;

/**
 * What a feed asks of a receiver: how many messages and bytes over how long, the mean rate, the peak rate in windows
 * from 100 us to 1 s (a feed's bursts are what overflow a socket buffer, not its mean), where the messages go, and
 * how large they are. Plain data: written to JSON as its fields ({@code rxbreak feed inspect --json}, a report).
 *
 * @param file the feed's file as given.
 * @param format {@code pcap}, {@code pcapng}, {@code csv} (or {@code generated}).
 * @param messages how many messages (UDP datagrams).
 * @param bytes their UDP payload bytes.
 * @param durationNs from the first message to the last.
 * @param meanRatePerSecond (messages - 1) / duration: a constant feed at R gives exactly R; 0 when the duration is 0.
 * @param peaks the busiest window of each length in {@link #WINDOWS_NS}, in that order.
 * @param destinations each destination's share, the most messages first.
 * @param ports each UDP port's share, the most messages first ({@code unnamed} for messages with no destination).
 * @param sizes the payload sizes.
 * @param skipped the captured packets not in the feed, by reason.
 */
public record FeedProfile(
    String file,
    String format,
    long messages,
    long bytes,
    long durationNs,
    double meanRatePerSecond,
    List<WindowPeak> peaks,
    List<Share> destinations,
    List<Share> ports,
    Sizes sizes,
    Map<String, Long> skipped)
{
    /** How far above its mean rate a steady feed's busiest 100 ms may be. */
    public static final double STEADY_PEAK_RATIO = 1.05;

    /** The window lengths whose peaks are measured: 100 us, 1 ms, 10 ms, 100 ms, 1 s. */
    public static final List<Long> WINDOWS_NS = List.of(100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L);

    private static final double NS_PER_SECOND = 1e9;
    private static final int MAX_LENGTH = 65_535;

    /**
     * The lists and the map are kept as given, unmodifiable.
     */
    public FeedProfile
    {
        peaks = List.copyOf(peaks);
        destinations = List.copyOf(destinations);
        ports = List.copyOf(ports);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /**
     * The busiest window of one length: the most messages whose offsets fall in a half-open window {@code [t, t+W)}.
     *
     * @param window the length for people: {@code 100us}, {@code 1ms}, {@code 10ms}, {@code 100ms}, {@code 1s}.
     * @param windowNs the length.
     * @param messages the most messages in any such window; all of them when the window is longer than the feed.
     * @param ratePerSecond messages / the window's length in seconds (also when the window is longer than the feed).
     * @param atNs the offset where the busiest window starts (the earliest, when several are as busy).
     */
    public record WindowPeak(String window, long windowNs, long messages, double ratePerSecond, long atNs)
    {
    }

    /**
     * One destination's (or port's) part of the feed.
     *
     * @param name {@code 239.1.1.1:5000}, {@code [ff15::1]:5000}, a port like {@code 5000}, or {@code unnamed}.
     * @param messages its messages.
     * @param bytes their payload bytes.
     * @param messageShare its messages / all messages, 0 to 1.
     */
    public record Share(String name, long messages, long bytes, double messageShare)
    {
    }

    /**
     * UDP payload sizes in bytes; percentiles by nearest rank (the smallest size with at least p % of the messages at
     * or below it).
     *
     * @param min the smallest.
     * @param p50 the median.
     * @param p99 the 99th percentile.
     * @param max the largest.
     * @param mean the mean.
     */
    public record Sizes(int min, int p50, int p99, int max, double mean)
    {
    }

    /**
     * @param feed a feed.
     * @return its profile, in time linear in its size.
     */
    public static FeedProfile of(final Feed feed)
    {
        final int messages = feed.size();
        final long durationNs = feed.durationNs();
        final double mean = durationNs > 0 ? (messages - 1) * NS_PER_SECOND / durationNs : 0;
        final List<WindowPeak> peaks = new ArrayList<>();
        for (final long windowNs : WINDOWS_NS)
        {
            peaks.add(peak(feed, windowNs));
        }
        final long[] destinationMessages = new long[feed.destinations().size()];
        final long[] destinationBytes = new long[feed.destinations().size()];
        for (int i = 0; i < messages; i++)
        {
            destinationMessages[feed.destination(i)]++;
            destinationBytes[feed.destination(i)] += feed.length(i);
        }
        return new FeedProfile(feed.file(), feed.format().label(), messages, feed.totalBytes(), durationNs, mean,
            peaks, destinationShares(feed, destinationMessages, destinationBytes),
            portShares(feed, destinationMessages, destinationBytes), sizes(feed), feed.skipped());
    }

    /**
     * @param windowNs one of {@link #WINDOWS_NS}.
     * @return the busiest window of that length.
     * @throws IllegalArgumentException when it is not one of them.
     */
    public WindowPeak peak(final long windowNs)
    {
        for (final WindowPeak peak : peaks)
        {
            if (peak.windowNs() == windowNs)
            {
                return peak;
            }
        }
        throw new IllegalArgumentException(
            "no peak for a window of " + windowNs + " ns; the windows are " + WINDOWS_NS);
    }

    /**
     * @return whether the feed is steady: its busiest 100 ms within {@value #STEADY_PEAK_RATIO} of its mean rate, so
     *     that over any stretch a replay of it offers about the same load (a receiver's latency growing over a trial
     *     then says it falls behind); a bursty feed's load rises and falls with its bursts.
     */
    public boolean steady()
    {
        return meanRatePerSecond > 0 && peak(100_000_000L).ratePerSecond() <= STEADY_PEAK_RATIO * meanRatePerSecond;
    }

    static WindowPeak peak(final Feed feed, final long windowNs)
    {
        final int messages = feed.size();
        int best = 0;
        long atNs = 0;
        int end = 0;
        for (int start = 0; start < messages && messages - start > best; start++)
        {
            final long limitNs = feed.offsetNs(start) + windowNs;
            while (end < messages && feed.offsetNs(end) < limitNs)
            {
                end++;
            }
            if (end - start > best)
            {
                best = end - start;
                atNs = feed.offsetNs(start);
            }
        }
        return new WindowPeak(Units.formatDuration(windowNs), windowNs, best, best * NS_PER_SECOND / windowNs, atNs);
    }

    private static List<Share> destinationShares(final Feed feed, final long[] messages, final long[] bytes)
    {
        final List<Share> shares = new ArrayList<>();
        for (int d = 0; d < messages.length; d++)
        {
            shares.add(new Share(feed.destinations().get(d).toString(), messages[d], bytes[d],
                (double)messages[d] / feed.size()));
        }
        return mostFirst(shares);
    }

    private static List<Share> portShares(final Feed feed, final long[] messages, final long[] bytes)
    {
        final Map<String, long[]> byPort = new LinkedHashMap<>();
        for (int d = 0; d < messages.length; d++)
        {
            final long[] totals = byPort.computeIfAbsent(portName(feed.destinations().get(d)), port -> new long[2]);
            totals[0] += messages[d];
            totals[1] += bytes[d];
        }
        final List<Share> shares = new ArrayList<>();
        byPort.forEach((port, totals) ->
            shares.add(new Share(port, totals[0], totals[1], (double)totals[0] / feed.size())));
        return mostFirst(shares);
    }

    private static String portName(final FeedDestination destination)
    {
        return destination.named() ? Integer.toString(destination.port()) : "unnamed";
    }

    private static List<Share> mostFirst(final List<Share> shares)
    {
        // a stable sort: equal shares stay in the order of their first message
        shares.sort(Comparator.comparingLong(Share::messages).reversed());
        return shares;
    }

    private static Sizes sizes(final Feed feed)
    {
        final int messages = feed.size();
        final int[] histogram = new int[MAX_LENGTH + 1];
        for (int i = 0; i < messages; i++)
        {
            histogram[feed.length(i)]++;
        }
        final long p50Rank = (messages + 1L) / 2;
        final long p99Rank = (99L * messages + 99) / 100;
        int min = -1;
        int p50 = -1;
        int p99 = -1;
        int max = 0;
        long seen = 0;
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            if (histogram[length] == 0)
            {
                continue;
            }
            min = min < 0 ? length : min;
            seen += histogram[length];
            p50 = p50 < 0 && seen >= p50Rank ? length : p50;
            p99 = p99 < 0 && seen >= p99Rank ? length : p99;
            max = length;
        }
        return new Sizes(min, p50, p99, max, (double)feed.totalBytes() / messages);
    }
}
