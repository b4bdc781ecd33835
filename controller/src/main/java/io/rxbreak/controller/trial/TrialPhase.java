package io.rxbreak.controller.trial;

/**
 * Why the search ran a trial.
 */
public enum TrialPhase
{
    /** Climbing from the start rate by the step until the first failure or the maximum rate. */
    RAMP,
    /** Running a rate's first failure again once, to tell a reproducible break from a sporadic one. */
    RECHECK,
    /** Halving the interval between the highest passing and the lowest failing rate. */
    REFINE,
    /** Going below the start rate (or the sender's limit) because nothing lower is known to pass. */
    STEP_DOWN,
    /** Adding measured time at the candidate rate until the confirmation duration is reached. */
    CONFIRM
}
