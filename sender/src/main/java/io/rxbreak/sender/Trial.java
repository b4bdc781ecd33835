package io.rxbreak.sender;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.SenderSnapshot;
import io.rxbreak.core.protocol.SenderTrialReport;

/**
 * A trial made by {@link Sender#prepareTrial(TrialPlan)} and started by {@link #start()} (or both at once by
 * {@link Sender#startTrial(TrialPlan)}): read its statistics at any time from any thread, stop it, and wait for its
 * result. Stopping still sends the end-of-trial markers.
 */
public final class Trial
{
    private final TrialLoop loop;
    private final TrialPlan plan;
    private final int gsoSegments;
    private final int maxBatchMessages;
    private final IdleMode idleMode;
    private final List<String> notes;

    Trial(
        final TrialLoop loop,
        final TrialPlan plan,
        final int gsoSegments,
        final int maxBatchMessages,
        final IdleMode idleMode,
        final List<String> notes)
    {
        this.loop = loop;
        this.plan = plan;
        this.gsoSegments = gsoSegments;
        this.maxBatchMessages = maxBatchMessages;
        this.idleMode = idleMode;
        this.notes = List.copyOf(notes);
    }

    public int trialId()
    {
        return plan.trialId();
    }

    public TrialPlan plan()
    {
        return plan;
    }

    /**
     * @return messages per GSO send at most, or 0 when the trial sends one datagram per write.
     */
    public int gsoSegments()
    {
        return gsoSegments;
    }

    public int maxBatchMessages()
    {
        return maxBatchMessages;
    }

    /**
     * @return the idle strategy in use (never AUTO).
     */
    public IdleMode idleMode()
    {
        return idleMode;
    }

    /**
     * @return what the user should know about how the trial runs, like why GSO is off or that datagrams fragment.
     */
    public List<String> notes()
    {
        return notes;
    }

    /**
     * Send: the trial's first message is due now. Once only.
     *
     * @throws IllegalStateException when it was started before.
     */
    public void start()
    {
        loop.launch();
    }

    /**
     * @return the statistics now.
     */
    public SenderSnapshot snapshot()
    {
        return loop.snapshot();
    }

    /**
     * Ask the trial to stop; it sends its end-of-trial markers and then completes {@link #result()}.
     */
    public void stop()
    {
        loop.requestStop();
    }

    /**
     * @return completed with the trial's figures when it has ended and its markers went.
     */
    public CompletableFuture<SenderTrialReport> result()
    {
        return loop.result();
    }

    public boolean isDone()
    {
        return loop.result().isDone();
    }
}
