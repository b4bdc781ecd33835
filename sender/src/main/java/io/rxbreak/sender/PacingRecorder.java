package io.rxbreak.sender;

import io.rxbreak.core.protocol.SenderPacing;

import org.HdrHistogram.Histogram;

/**
 * How punctual the sender was over one trial, kept by the sending thread (plain fields, no allocation after
 * construction): every batch's lag behind its schedule into a histogram, and the <em>late bursts</em>: runs of
 * batches sent back to back because they were overdue, each counted in messages. A receiver sees a late burst as
 * that many datagrams arriving at once, which its buffer must hold; a trial whose receiver lost while the sender
 * burst more than that buffer holds says nothing about the receiver.
 */
final class PacingRecorder
{
    /** A batch whose first message was due more than this long ago was late. */
    static final long LATE_NS = SenderPacing.LATE_NS;
    private static final long HIGHEST_LAG_NS = 60_000_000_000L;

    private final Histogram lag = new Histogram(HIGHEST_LAG_NS, 3);
    private final long burstLimit;
    private long burst;
    private long largestBurst;
    private long lateBursts;
    private long lateMessages;
    private long burstsOverLimit;
    private long worstLagNs;
    private long worstLagAtNs;

    /**
     * @param burstLimit count the bursts of more messages than this (the receiver's buffer, in datagrams), or 0.
     */
    PacingRecorder(final long burstLimit)
    {
        this.burstLimit = burstLimit;
    }

    /**
     * A batch went out.
     *
     * @param lagNs how long ago its first message was due (0 when on time).
     * @param messages how many messages it carried.
     * @param offsetNs when in the trial its first message was due.
     */
    void onBatch(final long lagNs, final int messages, final long offsetNs)
    {
        lag.recordValue(Math.min(Math.max(0, lagNs), HIGHEST_LAG_NS));
        if (lagNs > worstLagNs)
        {
            worstLagNs = lagNs;
            worstLagAtNs = offsetNs;
        }
        if (lagNs > LATE_NS)
        {
            burst += messages;
        }
        else
        {
            endBurst();
        }
    }

    /**
     * The trial ended: a burst still running ends too.
     */
    void finish()
    {
        endBurst();
    }

    private void endBurst()
    {
        if (burst == 0)
        {
            return;
        }
        lateBursts++;
        lateMessages += burst;
        largestBurst = Math.max(largestBurst, burst);
        if (burstLimit > 0 && burst > burstLimit)
        {
            burstsOverLimit++;
        }
        burst = 0;
    }

    /**
     * @return the trial's figures (after {@link #finish()}).
     */
    SenderPacing summary()
    {
        final boolean any = lag.getTotalCount() > 0;
        return new SenderPacing(any ? lag.getValueAtPercentile(50.0) : 0, any ? lag.getValueAtPercentile(99.0) : 0,
            any ? lag.getValueAtPercentile(99.9) : 0, worstLagNs, worstLagAtNs, largestBurst, lateBursts,
            lateMessages, burstLimit > 0 ? Long.valueOf(burstLimit) : null,
            burstLimit > 0 ? Long.valueOf(burstsOverLimit) : null);
    }
}
