package io.rxbreak.controller.search;

/**
 * Why the whole search stopped.
 */
public enum SearchStop
{
    /** Every goal reached an end ({@link GoalStatus} other than NOT_REACHED). */
    COMPLETE,
    /** {@code --max-trials} trials were run before every goal was reached. */
    TRIAL_BUDGET,
    /** A rate stayed invalid for a reason other than the sender's limit after every retry. */
    INVALID_TRIALS,
    /** The run was interrupted. */
    INTERRUPTED,
    /** The trial runner failed (the controller reports the reason). */
    FAILED
}
