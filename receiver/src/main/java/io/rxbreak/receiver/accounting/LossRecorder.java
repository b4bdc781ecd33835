package io.rxbreak.receiver.accounting;

import java.util.Arrays;

import io.rxbreak.core.protocol.LossTimeline;

/**
 * One socket's {@link LossTimeline} for one trial, filled as gaps open. Gaps are rare beside messages, so a lock
 * per gap costs nothing that matters; the bins come nearly in order, so an insert looks from the end.
 */
final class LossRecorder
{
    private final long[] bins = new long[LossTimeline.MAX_BINS];
    private final long[] counts = new long[LossTimeline.MAX_BINS];
    private int size;
    private long unplaced;

    /**
     * Writer thread.
     *
     * @param intendedEpochNs the intended send time of the message that revealed the gap.
     * @param missing how many it revealed.
     */
    synchronized void add(final long intendedEpochNs, final long missing)
    {
        final long bin = Math.floorDiv(intendedEpochNs, LossTimeline.BIN_NS);
        int at = size;
        while (at > 0 && bins[at - 1] > bin)
        {
            at--;
        }
        if (at > 0 && bins[at - 1] == bin)
        {
            counts[at - 1] += missing;
            return;
        }
        if (size == bins.length)
        {
            unplaced += missing;
            return;
        }
        System.arraycopy(bins, at, bins, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        bins[at] = bin;
        counts[at] = missing;
        size++;
    }

    /**
     * @return the timeline so far; any thread.
     */
    synchronized LossTimeline snapshot()
    {
        return size == 0 && unplaced == 0 ? LossTimeline.NONE :
            new LossTimeline(LossTimeline.BIN_NS, Arrays.copyOf(bins, size), Arrays.copyOf(counts, size), unplaced);
    }
}
