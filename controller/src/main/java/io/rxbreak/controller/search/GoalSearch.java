package io.rxbreak.controller.search;

import io.rxbreak.controller.trial.TrialPhase;

/**
 * Decides a goal's next trial from the history alone (a pure function, so every rule is testable on its own).
 * <p>
 * The bounds: {@code upper} is the lowest rate bad for the goal, {@code limit} the lowest rate the sender could
 * not offer, {@code top} the lower of the two, and {@code lower} the highest good rate below {@code top}. The
 * rules, first match wins:
 * <ol>
 *   <li><b>Recheck</b>: {@code upper} is {@code top} and has a single valid trial: run it again once. Loss that
 *       happened is real, so {@code upper} stays an upper bound either way; the recheck tells a break that
 *       reproduces from a sporadic one, and no run ends on a single unchecked failure.</li>
 *   <li>No {@code lower}: nothing tried yet: the start rate (<b>ramp</b>); else <b>step down</b> to the sender's
 *       hint (for a sender limit) or half of {@code top}; at 1 message per second the goal ends with
 *       {@link GoalStatus#NOTHING_PASSED} or {@link GoalStatus#SENDER_CANNOT_SEND}.</li>
 *   <li>No {@code top}: <b>ramp</b> from {@code lower} by the step, clamped to {@code --max-rate}; once
 *       {@code lower} is the maximum rate, confirm it ({@link GoalStatus#ABOVE_MAX_RATE}).</li>
 *   <li>{@code top - lower} within the precision of {@code lower} (or 1 message per second): confirm
 *       {@code lower} ({@link GoalStatus#FOUND}, or {@link GoalStatus#ABOVE_SENDER_LIMIT} when {@code top} is the
 *       sender's limit).</li>
 *   <li>Otherwise <b>refine</b>: the sender's hint when the limit is the sender's and the hint lies between,
 *       else the midpoint.</li>
 * </ol>
 * <b>Confirm</b>: while the valid trials at {@code lower} add up to less than {@code --confirm-duration}, run
 * another trial of {@code --confirm-trial-duration} there. A confirming trial that misses the goal makes
 * {@code lower} bad, so the next decision steps down below it: the reported rate is always below every rate
 * that ever missed the goal.
 * <p>
 * <b>Verify</b> ({@code --verify-rate}): no search, only the confirmation at that rate. A valid trial there that
 * misses the goal ends it ({@link GoalStatus#NOT_HELD}); a sender that cannot offer it ends it
 * ({@link GoalStatus#SENDER_CANNOT_SEND}); a confirmation's worth of valid trials that all met it ends it
 * ({@link GoalStatus#HELD}). Invalid trials are retried as in a search.
 */
public final class GoalSearch
{
    private GoalSearch()
    {
    }

    /**
     * @param goal    the goal.
     * @param history every trial so far.
     * @param config  the configuration.
     * @return the next trial to run for the goal, or its result.
     */
    public static Decision decide(final LossGoal goal, final RateHistory history, final RampConfig config)
    {
        if (config.verifies())
        {
            return verify(goal, history, config);
        }
        final Long upper = history.lowestBad(goal);
        final Long limit = history.lowestUnreachable();
        final Long top = min(upper, limit);
        final long trialNs = config.trialDurationNs();

        if (upper != null && upper.equals(top) && history.validAt(upper).size() == 1)
        {
            return new Decision.Run(upper, TrialPhase.RECHECK, trialNs);
        }

        final Long lower = history.highestGood(goal, top);
        if (lower == null)
        {
            if (top == null)
            {
                return new Decision.Run(config.startRate(), TrialPhase.RAMP, trialNs);
            }
            if (top <= 1)
            {
                final boolean senderLimited = limit != null && limit.equals(top) && !top.equals(upper);
                return new Decision.Done(senderLimited ? GoalStatus.SENDER_CANNOT_SEND : GoalStatus.NOTHING_PASSED,
                    null);
            }
            final long hint = hintBelow(history, limit, top, 0);
            return new Decision.Run(hint > 0 ? hint : Math.max(1, top / 2), TrialPhase.STEP_DOWN, trialNs);
        }

        if (top == null)
        {
            if (lower >= config.maxRate())
            {
                return confirm(history, config, lower, GoalStatus.ABOVE_MAX_RATE);
            }
            return new Decision.Run(Math.min(config.step().next(lower), config.maxRate()), TrialPhase.RAMP, trialNs);
        }

        final long gap = top - lower;
        if (gap <= 1 || gap <= config.precision() * lower)
        {
            final boolean senderLimited = limit != null && limit.equals(top) && !top.equals(upper);
            return confirm(history, config, lower, senderLimited ? GoalStatus.ABOVE_SENDER_LIMIT : GoalStatus.FOUND);
        }
        final long hint = hintBelow(history, limit, top, lower);
        return new Decision.Run(hint > 0 ? hint : lower + gap / 2, TrialPhase.REFINE, trialNs);
    }

    private static Decision verify(final LossGoal goal, final RateHistory history, final RampConfig config)
    {
        final long rate = config.verifyRate();
        if (history.lowestBad(goal) != null)
        {
            return new Decision.Done(GoalStatus.NOT_HELD, null);
        }
        if (history.lowestUnreachable() != null)
        {
            return new Decision.Done(GoalStatus.SENDER_CANNOT_SEND, null);
        }
        if (history.measuredNsAt(rate) >= config.confirmDurationNs())
        {
            return new Decision.Done(GoalStatus.HELD, rate);
        }
        return new Decision.Run(rate, TrialPhase.CONFIRM, config.confirmTrialDurationNs());
    }

    private static Decision confirm(
        final RateHistory history, final RampConfig config, final long rate, final GoalStatus status)
    {
        if (history.measuredNsAt(rate) >= config.confirmDurationNs())
        {
            return new Decision.Done(status, rate);
        }
        return new Decision.Run(rate, TrialPhase.CONFIRM, config.confirmTrialDurationNs());
    }

    /**
     * @return the sender's hint for the limit when the limit is the top and the hint lies strictly between the
     *         floor and the top and was not tried yet; else 0.
     */
    private static long hintBelow(final RateHistory history, final Long limit, final long top, final long floor)
    {
        if (limit == null || limit != top)
        {
            return 0;
        }
        final long hint = history.hintFor(limit);
        return hint > floor && hint < top && !history.wasTried(hint) ? hint : 0;
    }

    private static Long min(final Long a, final Long b)
    {
        if (a == null)
        {
            return b;
        }
        if (b == null)
        {
            return a;
        }
        return Math.min(a, b);
    }
}
