package io.rxbreak.controller.report.gate;

/**
 * One goal of this run against the same goal of the baseline.
 *
 * @param goal         {@code ndr} or {@code pdr}.
 * @param status       the verdict of the comparison.
 * @param baselineRate the baseline's rate (0 when nothing passed there), or null when it has none.
 * @param currentRate  this run's rate (0 when nothing passed), or null when it has none.
 * @param changePct    {@code (current - baseline) / baseline x 100}, or null when it cannot be computed.
 * @param text         the comparison in words, one line.
 */
public record GoalComparison(
    String goal,
    Status status,
    Long baselineRate,
    Long currentRate,
    Double changePct,
    String text)
{
    /**
     * The verdict of one goal's comparison.
     */
    public enum Status
    {
        /** This run is no worse than the baseline by more than the allowed regression. */
        WITHIN,
        /** This run fell by more than the allowed regression. */
        REGRESSED,
        /**
         * No valid comparison: one side has no rate for the goal (not reached, or the sender could not send), or
         * this run's rate is only a lower bound below the baseline's.
         */
        NO_VALID_COMPARISON,
        /** The goal was not searched on both sides (a PDR, or PDRs with different loss ratios). */
        SKIPPED
    }
}
