package io.rxbreak.sender;

import org.HdrHistogram.Histogram;

import io.rxbreak.core.protocol.SenderPacing;

/**
 * How punctual the sender was over one trial, kept by the sending thread (plain fields, no allocation after
 * construction): every batch's lag behind its schedule into a histogram, and the <em>late bursts</em>: runs of
 * batches sent back to back because they were overdue. A receiver sees a late burst as datagrams arriving closer
 * together than the schedule meant, which its buffer must absorb; a trial whose receiver lost while the sender burst
 * more than that buffer holds says nothing about the receiver.
 * <p>
 * A late burst is counted by how much the sender compressed it: the messages times the part of the schedule's span
 * for them that the sender saved ({@code 1 - sent span / due span}). A stall that sends 9 ms of a constant rate in
 * 0.1 ms counts nearly all of it; a burst of the schedule's own (a replayed feed's microburst, meant to come faster
 * than the sender can send) that the sender spread over more time than it was meant to take counts 0: the receiver
 * got it gentler than the schedule asked, so any loss in it is the receiver's.
 */
final class PacingRecorder
{
    /** A batch whose first message was due more than this long ago was late. */
    static final long LATE_NS = SenderPacing.LATE_NS;
    private static final long HIGHEST_LAG_NS = 60_000_000_000L;

    private final Histogram lag = new Histogram(HIGHEST_LAG_NS, 3);
    private final long burstLimit;
    private long burst;
    private long burstFirstDueNs;
    private long burstLastDueNs;
    private long burstSendStartNs;
    private long burstSentByNs;
    private long batchDueNs;
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
     * A batch goes out now.
     *
     * @param lagNs how long ago its first message was due (0 when on time).
     * @param messages how many messages it carries.
     * @param offsetNs when in the trial its first message was due.
     * @param lastOffsetNs when in the trial its last message was due.
     */
    void onBatch(final long lagNs, final int messages, final long offsetNs, final long lastOffsetNs)
    {
        lag.recordValue(Math.min(Math.max(0, lagNs), HIGHEST_LAG_NS));
        batchDueNs = offsetNs;
        if (lagNs > worstLagNs)
        {
            worstLagNs = lagNs;
            worstLagAtNs = offsetNs;
        }
        if (lagNs > LATE_NS)
        {
            if (burst == 0)
            {
                burstFirstDueNs = offsetNs;
                burstSendStartNs = offsetNs + lagNs;
            }
            burst += messages;
            burstLastDueNs = lastOffsetNs;
            burstSentByNs = offsetNs + lagNs;
        }
        else
        {
            endBurst();
        }
    }

    /**
     * The batch announced last has been handed to the kernel.
     *
     * @param offsetNs when in the trial that was done.
     */
    void sentBy(final long offsetNs)
    {
        // the worst lag counts until the send returned: a send the kernel held up (preempted on a busy host) made
        // its messages later than the batch's start says, and the worst lag must bound every message's lateness
        final long doneLagNs = offsetNs - batchDueNs;
        if (doneLagNs > worstLagNs)
        {
            worstLagNs = doneLagNs;
            worstLagAtNs = batchDueNs;
        }
        if (burst > 0)
        {
            burstSentByNs = offsetNs;
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
        final long dueSpanNs = burstLastDueNs - burstFirstDueNs;
        final long sentSpanNs = Math.max(0, burstSentByNs - burstSendStartNs);
        final long compressed = dueSpanNs <= sentSpanNs ? 0 :
            Math.round(burst * (1.0 - (double)sentSpanNs / dueSpanNs));
        largestBurst = Math.max(largestBurst, compressed);
        if (burstLimit > 0 && compressed > burstLimit)
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
