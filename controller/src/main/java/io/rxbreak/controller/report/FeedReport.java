package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.List;

import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedProfile;
import io.rxbreak.feed.FeedTimeline;

/**
 * The feed a replay ramp played ({@code feed} in {@code run.json} and {@code report.json}): its profile at 1x, the
 * time one loop of it takes, and its rate over time in bins, so that a report can draw the feed and place the loss
 * on it without the feed file.
 *
 * @param file the feed file as given.
 * @param profile its duration, messages, groups, sizes, mean rate and peak rates per window, at 1x.
 * @param loopPeriodNs how long one play of it takes at 1x (its duration and one mean gap).
 * @param binNs the width of a bin of {@code messagesPerBin}, feed time.
 * @param messagesPerBin messages per bin over one play, from offset 0.
 */
public record FeedReport(String file, FeedProfile profile, long loopPeriodNs, long binNs, List<Long> messagesPerBin)
{
    /** The most bins a feed is drawn with. */
    public static final int MAX_BINS = 500;
    /** The narrowest bin: the receiver places loss to 100 us. */
    public static final long MIN_BIN_NS = 100_000L;

    /**
     * Copies the bins.
     */
    public FeedReport
    {
        messagesPerBin = messagesPerBin == null ? List.of() : List.copyOf(messagesPerBin);
    }

    /**
     * @param file the file as given.
     * @param feed the feed.
     * @param profile its profile.
     * @return its report, in at most {@link #MAX_BINS} bins of a round width.
     */
    public static FeedReport of(final String file, final Feed feed, final FeedProfile profile)
    {
        final long binNs = binFor(feed.loopPeriodNs());
        final List<Long> bins = new ArrayList<>();
        for (final long count : FeedTimeline.messagesPerBin(feed, binNs))
        {
            bins.add(count);
        }
        return new FeedReport(file, profile, feed.loopPeriodNs(), binNs, bins);
    }

    /**
     * @param spanNs a span of feed time.
     * @return the narrowest round bin (1, 2 or 5 times a power of ten ns, at least {@link #MIN_BIN_NS}) that
     *     draws it in at most {@link #MAX_BINS} bins.
     */
    static long binFor(final long spanNs)
    {
        final long raw = Math.max(MIN_BIN_NS, (spanNs + MAX_BINS - 1) / MAX_BINS);
        long decade = 1;
        while (decade * 10 <= raw)
        {
            decade *= 10;
        }
        for (final long factor : new long[] {1, 2, 5, 10})
        {
            if (factor * decade >= raw)
            {
                return factor * decade;
            }
        }
        return 10 * decade;
    }
}
