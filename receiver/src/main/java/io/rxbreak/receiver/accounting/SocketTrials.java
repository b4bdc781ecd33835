package io.rxbreak.receiver.accounting;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.rxbreak.core.time.NanoClock;

/**
 * One socket's current trial and the one before it. A new trial starts clean, with the socket's kernel drop
 * counter and socket counters as its baseline; the ended one keeps its figures and stays readable.
 */
public final class SocketTrials
{
    private final AtomicReference<TrialAccounting> current = new AtomicReference<>();
    private volatile TrialAccounting previous;
    private final LongSupplier kernelDrops;
    private final SocketCounters socketCounters;
    private final NanoClock clock;

    /**
     * @param kernelDrops reads the socket's kernel drop counter (u32) now.
     * @param socketCounters the socket's own counters.
     * @param clock the monotonic clock.
     */
    public SocketTrials(final LongSupplier kernelDrops, final SocketCounters socketCounters, final NanoClock clock)
    {
        this.kernelDrops = kernelDrops;
        this.socketCounters = socketCounters;
        this.clock = clock;
        current.set(newTrial(TrialAccounting.UNKNOWN_TRIAL));
    }

    private TrialAccounting newTrial(final int trialId)
    {
        return new TrialAccounting(trialId, kernelDrops.getAsLong(), socketCounters.copy(), clock.nanoTime());
    }

    /**
     * Start over with a fresh trial of unknown id and no previous one (after the socket opened).
     */
    public void restart()
    {
        current.set(newTrial(TrialAccounting.UNKNOWN_TRIAL));
        previous = null;
    }

    public TrialAccounting current()
    {
        return current.get();
    }

    public TrialAccounting previous()
    {
        return previous;
    }

    /**
     * End the current trial and start a new one, unless another thread did so first.
     *
     * @param expected the trial to end.
     * @param trialId the new trial's id, or {@link TrialAccounting#UNKNOWN_TRIAL} to adopt the first message's.
     * @return the trial now current.
     */
    public TrialAccounting rollOver(final TrialAccounting expected, final int trialId)
    {
        final TrialAccounting next = newTrial(trialId);
        if (!current.compareAndSet(expected, next))
        {
            return current.get();
        }
        expected.end(next.startKernelDrops(), next.startSocketCountersCopy(), next.startNanoTime());
        previous = expected;
        return next;
    }

    /**
     * End the current trial without starting another (the receiver stops).
     */
    public void endCurrent()
    {
        final TrialAccounting trial = current.get();
        if (!trial.isEnded())
        {
            trial.end(kernelDrops.getAsLong(), socketCounters.copy(), clock.nanoTime());
        }
    }

    /**
     * @param trialId a trial id.
     * @return the current or previous trial with that id, or null.
     */
    public TrialAccounting find(final int trialId)
    {
        final TrialAccounting now = current.get();
        if (now.trialId() == trialId)
        {
            return now;
        }
        final TrialAccounting before = previous;
        return before != null && before.trialId() == trialId ? before : null;
    }
}
