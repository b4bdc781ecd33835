package io.rxbreak.controller.search;

/**
 * How a goal's search ended.
 */
public enum GoalStatus
{
    /** The rate is confirmed and the next failing rate is within the precision above it. */
    FOUND,
    /** Even {@code --max-rate} met the goal (confirmed): the break point lies above it. */
    ABOVE_MAX_RATE,
    /**
     * The highest rate this sender can offer met the goal (confirmed): the break point lies above what the sender
     * can offer, so the receiver was not the limit.
     */
    ABOVE_SENDER_LIMIT,
    /** Every rate tried failed, down to 1 message per second. */
    NOTHING_PASSED,
    /** The sender could not offer any rate tried, down to 1 message per second. */
    SENDER_CANNOT_SEND,
    /** Verify gate: the rate met the goal in every trial, for the whole confirmation. */
    HELD,
    /** Verify gate: a trial at the rate missed the goal. */
    NOT_HELD,
    /** The search stopped before reaching the goal (interrupted, trial budget, persistent invalid trials). */
    NOT_REACHED
}
