package io.rxbreak.controller.search;

import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;

/**
 * A search goal: the highest rate whose every valid trial lost at most {@code maxLossRatio} of what was sent.
 * The no-drop rate (NDR) is the goal with ratio 0, the partial-drop rate (PDR) one with a small ratio.
 *
 * @param name         {@code ndr} or {@code pdr}.
 * @param maxLossRatio the loss ratio a trial may have and still meet the goal.
 */
public record LossGoal(String name, double maxLossRatio)
{
    /** The goal name of the no-drop rate. */
    public static final String NDR = "ndr";
    /** The goal name of the partial-drop rate. */
    public static final String PDR = "pdr";

    /**
     * @return the no-drop goal.
     */
    public static LossGoal ndr()
    {
        return new LossGoal(NDR, 0.0);
    }

    /**
     * @param maxLossRatio the loss ratio allowed.
     * @return the partial-drop goal.
     */
    public static LossGoal pdr(final double maxLossRatio)
    {
        return new LossGoal(PDR, maxLossRatio);
    }

    /**
     * @param record a valid trial.
     * @return true when it meets the goal: a PASS, or (for a PDR) a FAIL within the loss ratio (for a trial that
     *     fell behind before it lost anything: the share of the load its receiver could not keep up with).
     */
    public boolean isMetBy(final TrialRecord record)
    {
        return record.judgement().verdict() == Verdict.PASS
            || (record.judgement().verdict() == Verdict.FAIL && maxLossRatio > 0.0 && record.sustainedLossRatio() <= maxLossRatio);
    }
}
