package io.rxbreak.controller.report.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.RunReport;

/**
 * Compares a run's break point with a baseline's: the NDR, and the PDR when both searched the same one. A goal
 * regressed when {@code current < baseline x (1 - maxRegressionPct / 100)}. "Nothing passed" counts as a rate of 0
 * (a complete result: the worst one). A rate that is only a lower bound ({@code ABOVE_MAX_RATE},
 * {@code ABOVE_SENDER_LIMIT}) passes when it is high enough, and is no valid comparison when it is not: the
 * receiver may not be the reason. A side without a rate (the goal was not reached, the sender could not send) is
 * no valid comparison.
 */
public final class RegressionGate
{
    private RegressionGate()
    {
    }

    /**
     * @param text {@code 5} or {@code 5%} (both five per cent), decimals allowed.
     * @return the per cent, 0 to below 100.
     * @throws IllegalArgumentException saying what is expected.
     */
    public static double parsePercent(final String text)
    {
        final String value = text == null ? "" : text.trim();
        final String number = value.endsWith("%") ? value.substring(0, value.length() - 1).trim() : value;
        final double pct;
        try
        {
            pct = Double.parseDouble(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: expected like 5 or 5%", ex);
        }
        if (!(pct >= 0.0 && pct < 100.0))
        {
            throw new IllegalArgumentException("'" + text + "' must be at least 0 and below 100 (per cent)");
        }
        return pct;
    }

    /**
     * @param current          this run.
     * @param baseline         the baseline run.
     * @param baselineName     how the user named the baseline.
     * @param maxRegressionPct the allowed fall, per cent.
     * @return the verdict.
     */
    public static GateResult judge(final RunReport current, final RunReport baseline, final String baselineName,
        final double maxRegressionPct)
    {
        final List<GoalComparison> goals = new ArrayList<>();
        goals.add(compare(LossGoal.NDR, goal(current, LossGoal.NDR), goal(baseline, LossGoal.NDR), maxRegressionPct));
        final GoalResult currentPdr = goal(current, LossGoal.PDR);
        final GoalResult baselinePdr = goal(baseline, LossGoal.PDR);
        if (currentPdr != null || baselinePdr != null)
        {
            if (currentPdr == null || baselinePdr == null)
            {
                goals.add(new GoalComparison(LossGoal.PDR, GoalComparison.Status.SKIPPED, null, null, null,
                    "PDR: skipped: " + (currentPdr == null ? "this run" : "the baseline") + " did not search one"));
            }
            else if (currentPdr.maxLossRatio() != baselinePdr.maxLossRatio())
            {
                goals.add(new GoalComparison(LossGoal.PDR, GoalComparison.Status.SKIPPED, null, null, null,
                    "PDR: skipped: the loss ratios differ (" + ConsoleSummary.percent(currentPdr.maxLossRatio())
                        + " here, " + ConsoleSummary.percent(baselinePdr.maxLossRatio()) + " in the baseline)"));
            }
            else
            {
                goals.add(compare(LossGoal.PDR, currentPdr, baselinePdr, maxRegressionPct));
            }
        }
        return new GateResult(baselineName, maxRegressionPct, goals);
    }

    /**
     * @param report a run.
     * @return why its NDR cannot serve as a baseline, or null when it can.
     */
    public static String whyNotABaseline(final RunReport report)
    {
        final GoalResult ndr = goal(report, LossGoal.NDR);
        return rate(ndr) == null ? "it has no NDR (" + missing(ndr) + ")" : null;
    }

    private static GoalComparison compare(final String name, final GoalResult current, final GoalResult baseline,
        final double maxRegressionPct)
    {
        final String label = name.toUpperCase(Locale.ROOT);
        final Long base = rate(baseline);
        final Long now = rate(current);
        if (base == null)
        {
            return new GoalComparison(name, GoalComparison.Status.NO_VALID_COMPARISON, null, now, null,
                label + ": no valid comparison: the baseline has no " + label + " (" + missing(baseline) + ")");
        }
        if (now == null)
        {
            return new GoalComparison(name, GoalComparison.Status.NO_VALID_COMPARISON, base, null, null,
                label + ": no valid comparison: this run has no " + label + " (" + missing(current) + "); baseline "
                    + describe(baseline, base));
        }
        final String figures = String.format(Locale.ROOT, "%s: %s vs baseline %s", label, describe(current, now),
            describe(baseline, base));
        if (base == 0)
        {
            return new GoalComparison(name, GoalComparison.Status.WITHIN, base, now, null,
                figures + ": the baseline passed nothing, so nothing can fall below it");
        }
        final double changePct = (now - base) * 100.0 / base;
        final String change = String.format(Locale.ROOT, "%+.2f%%", changePct);
        if (changePct >= -maxRegressionPct)
        {
            return new GoalComparison(name, GoalComparison.Status.WITHIN, base, now, changePct,
                figures + ": " + change + ", within the allowed fall of " + GateResult.percent(maxRegressionPct));
        }
        if (lowerBound(current))
        {
            return new GoalComparison(name, GoalComparison.Status.NO_VALID_COMPARISON, base, now, changePct,
                figures + ": " + change + ", but this run's rate is only a lower bound (" + bound(current)
                    + "): no valid comparison");
        }
        return new GoalComparison(name, GoalComparison.Status.REGRESSED, base, now, changePct,
            String.format(Locale.ROOT, "%s: %s: REGRESSED by %.2f%% (allowed %s)", figures, change, -changePct,
                GateResult.percent(maxRegressionPct)));
    }

    private static GoalResult goal(final RunReport report, final String name)
    {
        for (final GoalResult goal : report.goals())
        {
            if (name.equals(goal.goal()))
            {
                return goal;
            }
        }
        return null;
    }

    private static Long rate(final GoalResult goal)
    {
        if (goal == null)
        {
            return null;
        }
        if (goal.rate() != null)
        {
            return goal.rate();
        }
        return goal.status() == GoalStatus.NOTHING_PASSED ? Long.valueOf(0) : null;
    }

    private static boolean lowerBound(final GoalResult goal)
    {
        return goal.status() == GoalStatus.ABOVE_MAX_RATE || goal.status() == GoalStatus.ABOVE_SENDER_LIMIT;
    }

    private static String bound(final GoalResult goal)
    {
        return goal.status() == GoalStatus.ABOVE_MAX_RATE ? "even --max-rate passed"
            : "the sender could not offer more";
    }

    private static String describe(final GoalResult goal, final long rate)
    {
        if (goal.status() == GoalStatus.NOTHING_PASSED)
        {
            return "0 msgs/s (nothing passed)";
        }
        return (lowerBound(goal) ? "at least " : "") + ConsoleSummary.rate(rate);
    }

    private static String missing(final GoalResult goal)
    {
        if (goal == null)
        {
            return "not searched";
        }
        switch (goal.status())
        {
            case SENDER_CANNOT_SEND:
                return "the sender could not offer any rate";
            case NOT_REACHED:
                return "not reached: the run stopped first";
            default:
                return goal.status().name().toLowerCase(Locale.ROOT);
        }
    }
}
