package io.rxbreak.controller.search;

import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;

/**
 * Runs one trial for the search: the controller implements it with real agents, tests with simulated receivers.
 * The search judges the result itself ({@link io.rxbreak.controller.trial.TrialJudge}); the runner only measures.
 */
@FunctionalInterface
public interface TrialRunner
{
    /**
     * Warm up at {@link TrialRequest#targetRate()}, measure for {@link TrialRequest#durationNs()}, drain for at most
     * {@link TrialRequest#drainBoundNs()}, and return what was measured. A counter source that failed is reported
     * in {@link TrialResult#counterFailure()} rather than thrown; an exception means the run cannot go on.
     *
     * @param request the trial to run.
     * @return the measurement.
     * @throws InterruptedException when the run is interrupted; the search then stops and keeps what it has.
     */
    TrialResult run(TrialRequest request) throws InterruptedException;
}
