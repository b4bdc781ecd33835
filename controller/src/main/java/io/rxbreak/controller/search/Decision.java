package io.rxbreak.controller.search;

import io.rxbreak.controller.trial.TrialPhase;

/**
 * What the search does next for a goal: run a trial, or stop with a result.
 */
public sealed interface Decision permits Decision.Run, Decision.Done
{
    /**
     * Run a trial.
     *
     * @param rate       the target rate.
     * @param phase      why.
     * @param durationNs the measured window.
     */
    record Run(long rate, TrialPhase phase, long durationNs) implements Decision
    {
    }

    /**
     * The goal is reached.
     *
     * @param status how it ended.
     * @param rate   the confirmed rate, or null when none.
     */
    record Done(GoalStatus status, Long rate) implements Decision
    {
    }
}
