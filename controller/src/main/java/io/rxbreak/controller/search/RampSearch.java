package io.rxbreak.controller.search;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.rxbreak.controller.trial.InvalidReason;
import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;

/**
 * Drives the search: asks {@link GoalSearch} what to run for the no-drop goal (then the partial-drop goal), runs
 * it through the {@link TrialRunner}, judges it, tells the {@link SearchListener}, and repeats until every goal
 * is reached, the trial budget is spent, a rate stays invalid, or the run is interrupted.
 * <p>
 * An invalid trial is run again up to {@code --max-invalid-retries} times; a sender that falls short twice in a
 * row has shown its limit, so a shortfall is retried once only. When every attempt fell short of the target
 * because of the sender, the rate is marked unreachable and the sender's achieved rate (less the tolerance)
 * becomes the hint for the next rate to try; the sender's limit then bounds the search like a failure does, and
 * if the highest rate the sender can offer passes, the result says the break point lies above it. A rate at which
 * every attempt was invalid because the sender could not keep its schedule (late bursts, stalls, drift: a replay
 * whose bursts outrun the sender) is marked unreachable the same way, without a hint. Any other persistent
 * invalidity stops the search ({@link SearchStop#INVALID_TRIALS}): nothing honest can be said about rates the
 * harness cannot measure.
 */
public final class RampSearch
{
    /** The reasons that say the sender could not keep its schedule (as opposed to the counters or the harness). */
    private static final Set<InvalidReason> SENDER_PACING = EnumSet.of(InvalidReason.SENDER_SHORTFALL,
        InvalidReason.SENDER_STALL, InvalidReason.SENDER_BURST, InvalidReason.SENDER_DRIFT);

    private final RampConfig config;
    private final TrialRunner runner;
    private final SearchListener listener;
    private final TrialJudge judge;
    private final List<LossGoal> goals = new ArrayList<>();
    private final RateHistory history = new RateHistory();

    /**
     * @param config   the validated configuration.
     * @param runner   runs trials.
     * @param listener told of every judged trial.
     */
    public RampSearch(final RampConfig config, final TrialRunner runner, final SearchListener listener)
    {
        this.config = config;
        this.runner = runner;
        this.listener = listener;
        this.judge = config.judge();
        goals.add(LossGoal.ndr());
        if (config.pdrRatio() != null)
        {
            goals.add(LossGoal.pdr(config.pdrRatio()));
        }
    }

    /**
     * Run the search to its end. An interrupt (the runner throwing {@link InterruptedException}, or the thread's
     * interrupt flag set between trials) stops it with {@link SearchStop#INTERRUPTED}, the flag left set. Any other
     * exception from the runner or the listener propagates; {@link #partialResult} then gives what was found so
     * far.
     *
     * @return the result.
     */
    public SearchResult run()
    {
        while (true)
        {
            if (Thread.currentThread().isInterrupted())
            {
                return result(SearchStop.INTERRUPTED, "interrupted after " + history.trials().size() + " trials");
            }
            LossGoal goal = null;
            Decision.Run next = null;
            for (final LossGoal candidate : goals)
            {
                final Decision decision = GoalSearch.decide(candidate, history, config);
                if (decision instanceof Decision.Run run)
                {
                    goal = candidate;
                    next = run;
                    break;
                }
            }
            if (next == null)
            {
                return result(SearchStop.COMPLETE, "every goal reached");
            }
            if (history.trials().size() >= config.maxTrials())
            {
                return result(SearchStop.TRIAL_BUDGET, "stopped after " + config.maxTrials() + " trials ("
                    + RampConfig.MAX_TRIALS + ") before every goal was reached");
            }
            try
            {
                final SearchResult stopped = runAttempts(goal, next);
                if (stopped != null)
                {
                    return stopped;
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return result(SearchStop.INTERRUPTED, "interrupted after " + history.trials().size() + " trials");
            }
        }
    }

    /**
     * @param stop   why the search stopped (for example {@link SearchStop#FAILED} when the runner threw).
     * @param detail the reason, one line.
     * @return what is known now; goals not reached have status {@link GoalStatus#NOT_REACHED}.
     */
    public SearchResult partialResult(final SearchStop stop, final String detail)
    {
        return result(stop, detail);
    }

    /**
     * @return every trial so far, in the order run.
     */
    public List<TrialRecord> trials()
    {
        return history.trials();
    }

    private SearchResult runAttempts(final LossGoal goal, final Decision.Run next) throws InterruptedException
    {
        long bestAchieved = 0;
        boolean allShortfall = true;
        boolean allSenderPacing = true;
        TrialRecord last = null;
        for (int attempt = 1; attempt <= 1 + config.maxInvalidRetries(); attempt++)
        {
            if (attempt > 1 && history.trials().size() >= config.maxTrials())
            {
                return result(SearchStop.TRIAL_BUDGET, "stopped after " + config.maxTrials() + " trials ("
                    + RampConfig.MAX_TRIALS + ") while retrying an invalid trial");
            }
            final TrialRequest request = new TrialRequest(history.trials().size() + 1, attempt, next.phase(),
                goal.name(), next.rate(), config.warmUpNs(), next.durationNs(), config.drainBoundNs());
            final TrialResult measured = runner.run(request);
            last = judge.judge(request, measured);
            history.add(last);
            listener.onTrial(last);
            if (last.isValid())
            {
                return null;
            }
            allSenderPacing &= SENDER_PACING.contains(last.judgement().invalidReason());
            if (last.judgement().invalidReason() == InvalidReason.SENDER_SHORTFALL)
            {
                bestAchieved = Math.max(bestAchieved, (long)Math.floor(last.result().achievedRate()));
                if (allShortfall && attempt >= 2)
                {
                    break;
                }
            }
            else
            {
                allShortfall = false;
            }
        }
        if (allShortfall)
        {
            final long hint = (long)Math.floor(bestAchieved * (1.0 - config.tolerance()));
            history.markUnreachable(next.rate(), Math.max(0L, hint));
            return null;
        }
        if (allSenderPacing)
        {
            // the sender sent everything but could not keep the schedule at this rate, every time: it cannot offer
            // this rate smoothly (a replay whose bursts outrun it, a host that keeps preempting it), so the rate
            // bounds the search as a rate it cannot offer does, and the search goes on below it
            history.markUnreachable(next.rate(), 0L);
            return null;
        }
        return result(SearchStop.INVALID_TRIALS, String.format(Locale.ROOT,
            "%,d msgs/s stayed invalid after %d attempts: %s", next.rate(), 1 + config.maxInvalidRetries(),
            last.judgement().detail()));
    }

    private SearchResult result(final SearchStop stop, final String detail)
    {
        final GoalResult ndr = goalResult(goals.get(0), stop);
        final GoalResult pdr = goals.size() > 1 ? goalResult(goals.get(1), stop) : null;
        final Long lowestFail = history.lowestFailRate();
        if (ndr.rate() != null && lowestFail != null && ndr.rate() >= lowestFail)
        {
            throw new IllegalStateException("search bug: NDR " + ndr.rate() + " is not below the failed rate "
                + lowestFail);
        }
        final Long aboveSender = ndr.status() == GoalStatus.ABOVE_SENDER_LIMIT ? ndr.rate() : null;
        return new SearchResult(stop, detail, ndr, pdr, history.firstFailRate(), lowestFail,
            history.lowestUnreachable(), aboveSender, history.summaries(), history.trials());
    }

    private GoalResult goalResult(final LossGoal goal, final SearchStop stop)
    {
        final Long upper = history.lowestBad(goal);
        final Long limit = history.lowestUnreachable();
        final Long top = upper == null ? limit : limit == null ? upper : Long.valueOf(Math.min(upper, limit));
        final Long lower = history.highestGood(goal, top);
        final long measuredNs = lower == null ? 0 : history.measuredNsAt(lower);
        if (stop == SearchStop.COMPLETE)
        {
            final Decision decision = GoalSearch.decide(goal, history, config);
            if (decision instanceof Decision.Done done)
            {
                return new GoalResult(goal.name(), goal.maxLossRatio(), done.status(), done.rate(), lower, upper,
                    measuredNs);
            }
        }
        return new GoalResult(goal.name(), goal.maxLossRatio(), GoalStatus.NOT_REACHED, null, lower, upper,
            measuredNs);
    }
}
