package io.rxbreak.feed;

/**
 * A feed's messages counted per time bin, for a chart of its rate over time.
 */
public final class FeedTimeline
{
    private FeedTimeline()
    {
    }

    /**
     * @param feed a feed.
     * @param binNs the bin's width: bin k counts the messages with offsets in {@code [k * binNs, (k + 1) * binNs)}.
     * @return the count per bin, from offset 0 to the bin of the last message.
     * @throws IllegalArgumentException when the width is not positive, or would make more bins than an array holds.
     */
    public static long[] messagesPerBin(final Feed feed, final long binNs)
    {
        if (binNs <= 0)
        {
            throw new IllegalArgumentException("a bin must be at least 1 ns wide, not " + binNs);
        }
        final long bins = feed.durationNs() / binNs + 1;
        if (bins > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException(bins + " bins of " + binNs + " ns are too many: choose wider bins");
        }
        final long[] counts = new long[(int)bins];
        for (int i = 0; i < feed.size(); i++)
        {
            counts[(int)(feed.offsetNs(i) / binNs)]++;
        }
        return counts;
    }
}
