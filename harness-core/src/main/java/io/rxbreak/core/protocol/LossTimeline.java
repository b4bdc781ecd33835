package io.rxbreak.core.protocol;

import java.util.Arrays;

/**
 * Where in time a trial's messages went missing, from the receiver's sequence gaps: each gap counted in the bin
 * of the intended send time of the message that revealed it (the first one after it), so a loss is placed within
 * a bin of the burst that caused it. Gaps revealed by an end-of-trial marker are placed at the marker's time. A
 * gap later filled (out of order) stays counted here. Bins with no loss are left out; past {@link #MAX_BINS}
 * bins, further loss is counted in {@code unplaced}.
 *
 * @param binNs the width of a bin, ns.
 * @param bins the bins with loss, in increasing order: the intended epoch time divided by {@code binNs}.
 * @param counts the messages missing in each bin.
 * @param unplaced missing messages that found no bin.
 */
public record LossTimeline(long binNs, long[] bins, long[] counts, long unplaced)
{
    /** The default bin: 100 us, the shortest window a feed's peak rate is given for. */
    public static final long BIN_NS = 100_000L;
    /** The most bins a timeline keeps. */
    public static final int MAX_BINS = 4_096;
    /** A timeline with no loss. */
    public static final LossTimeline NONE = new LossTimeline(BIN_NS, new long[0], new long[0], 0);

    /**
     * @return the missing messages placed and unplaced.
     */
    public long total()
    {
        long total = unplaced;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    /**
     * @param other another timeline of the same bin width (another socket's).
     * @return both together, bins merged in order (past {@link #MAX_BINS} counted as unplaced).
     */
    public LossTimeline plus(final LossTimeline other)
    {
        if (other.binNs != binNs)
        {
            throw new IllegalArgumentException("bins of " + binNs + " and " + other.binNs + " ns");
        }
        final long[] mergedBins = new long[Math.min(MAX_BINS, bins.length + other.bins.length)];
        final long[] mergedCounts = new long[mergedBins.length];
        long lost = unplaced + other.unplaced;
        int size = 0;
        int i = 0;
        int j = 0;
        while (i < bins.length || j < other.bins.length)
        {
            final long bin;
            long count = 0;
            if (j >= other.bins.length || (i < bins.length && bins[i] <= other.bins[j]))
            {
                bin = bins[i];
            }
            else
            {
                bin = other.bins[j];
            }
            while (i < bins.length && bins[i] == bin)
            {
                count += counts[i++];
            }
            while (j < other.bins.length && other.bins[j] == bin)
            {
                count += other.counts[j++];
            }
            if (size < mergedBins.length)
            {
                mergedBins[size] = bin;
                mergedCounts[size] = count;
                size++;
            }
            else
            {
                lost += count;
            }
        }
        return new LossTimeline(binNs, Arrays.copyOf(mergedBins, size), Arrays.copyOf(mergedCounts, size), lost);
    }

    /**
     * @param originEpochNs a new origin, epoch nanoseconds (a trial's start).
     * @return the same loss with bins counted from the origin's bin (bin 0 holds the origin).
     */
    public LossTimeline rebased(final long originEpochNs)
    {
        final long origin = Math.floorDiv(originEpochNs, binNs);
        final long[] shifted = new long[bins.length];
        for (int i = 0; i < bins.length; i++)
        {
            shifted[i] = bins[i] - origin;
        }
        return new LossTimeline(binNs, shifted, counts.clone(), unplaced);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof LossTimeline that && binNs == that.binNs && unplaced == that.unplaced &&
            Arrays.equals(bins, that.bins) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(binNs) * 31 + Arrays.hashCode(bins) * 17 + Arrays.hashCode(counts) + Long.hashCode(unplaced);
    }

    @Override
    public String toString()
    {
        return "LossTimeline[binNs=" + binNs + ", bins=" + Arrays.toString(bins) + ", counts=" +
            Arrays.toString(counts) + ", unplaced=" + unplaced + "]";
    }
}
