package io.rxbreak.controller.search;

/**
 * Where a goal's search ended.
 *
 * @param goal         {@code ndr} or {@code pdr}.
 * @param maxLossRatio the loss ratio the goal allows.
 * @param status       how it ended.
 * @param rate         the confirmed rate, or null when none was confirmed.
 * @param lowerBound   the highest rate that met the goal below every rate that missed it (confirmed or not),
 *                     or null.
 * @param upperBound   the lowest rate that missed the goal, or null when none did.
 * @param measuredNs   the measured time behind {@code rate} (or {@code lowerBound} when not confirmed).
 */
public record GoalResult(
    String goal,
    double maxLossRatio,
    GoalStatus status,
    Long rate,
    Long lowerBound,
    Long upperBound,
    long measuredNs)
{
}
