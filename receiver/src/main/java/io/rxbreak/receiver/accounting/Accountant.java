package io.rxbreak.receiver.accounting;

import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.wire.MessageHeader;

/**
 * Accounts each valid message of one socket on its consuming thread: trial, stream, sequence, latency. Messages of
 * a new trial id start a new trial (unless following is off); messages of the trial before are counted and
 * skipped. Allocates nothing except when a new trial or stream first appears.
 */
public final class Accountant
{
    private final SocketTrials trials;
    private final EpochClock epochClock;
    private final boolean followTrials;

    /**
     * @param trials the socket's trials.
     * @param epochClock the clock that stamps receipt, for latency.
     * @param followTrials whether a message with a new trial id starts a new trial by itself.
     */
    public Accountant(final SocketTrials trials, final EpochClock epochClock, final boolean followTrials)
    {
        this.trials = trials;
        this.epochClock = epochClock;
        this.followTrials = followTrials;
    }

    /**
     * @param streamId the message's stream.
     * @param trialId its trial.
     * @param flags its flags.
     * @param sequence its sequence number (for an end-of-trial marker: how many messages were sent).
     * @param intendedSendTimeNs when it was meant to be sent, epoch nanoseconds.
     */
    public void onMessage(
        final int streamId, final int trialId, final int flags, final long sequence, final long intendedSendTimeNs)
    {
        onMessage(streamId, trialId, flags, sequence, intendedSendTimeNs, epochClock.epochNs());
        onBatchEnd();
    }

    /**
     * A message of a batch read at one instant; call {@link #onBatchEnd()} after the batch.
     *
     * @param streamId the message's stream.
     * @param trialId its trial.
     * @param flags its flags.
     * @param sequence its sequence number (for an end-of-trial marker: how many messages were sent).
     * @param intendedSendTimeNs when it was meant to be sent, epoch nanoseconds.
     * @param receiptEpochNs when it was read, epoch nanoseconds.
     */
    public void onMessage(final int streamId, final int trialId, final int flags, final long sequence,
        final long intendedSendTimeNs, final long receiptEpochNs)
    {
        TrialAccounting trial = trials.current();
        if (trialId != trial.trialId())
        {
            if (trial.trialId() == TrialAccounting.UNKNOWN_TRIAL)
            {
                trial.adopt(trialId);
            }
            else if (followTrials && !isPrevious(trialId))
            {
                trial.publishTrend();
                trial = trials.rollOver(trial, trialId);
                if (trial.trialId() != trialId)
                {
                    trial.counters().increment(TrialAccounting.OTHER_TRIAL);
                    return;
                }
            }
            else
            {
                trial.counters().increment(TrialAccounting.OTHER_TRIAL);
                return;
            }
        }
        final SequenceTracker tracker = trial.streams().tracker(streamId);
        if (tracker == null)
        {
            trial.counters().increment(TrialAccounting.STREAM_OVERFLOW);
            return;
        }
        if ((flags & MessageHeader.FLAG_END_OF_TRIAL) != 0)
        {
            trial.counters().increment(TrialAccounting.END_MARKERS);
            final long missing = tracker.onEnd(sequence);
            if (missing > 0)
            {
                trial.recordLoss(intendedSendTimeNs, missing);
            }
            return;
        }
        final long skipped = tracker.onSequence(sequence);
        if (skipped > 0)
        {
            trial.recordLoss(intendedSendTimeNs, skipped);
        }
        if ((flags & MessageHeader.FLAG_WARM_UP) != 0)
        {
            trial.counters().increment(TrialAccounting.WARM_UP);
        }
        else
        {
            trial.recordLatency(intendedSendTimeNs, receiptEpochNs - intendedSendTimeNs);
        }
    }

    /**
     * A batch of messages was accounted: publish its latency trend in one step.
     */
    public void onBatchEnd()
    {
        trials.current().publishTrend();
        final TrialAccounting previous = trials.previous();
        if (previous != null)
        {
            previous.publishTrend();
        }
    }

    private boolean isPrevious(final int trialId)
    {
        final TrialAccounting previous = trials.previous();
        return previous != null && previous.trialId() == trialId;
    }
}
