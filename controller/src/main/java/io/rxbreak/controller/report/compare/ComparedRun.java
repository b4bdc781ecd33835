package io.rxbreak.controller.report.compare;

import java.util.List;
import java.util.Locale;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.report.AttributionEntry;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.RunReport;

/**
 * One run in a comparison, with the figures the comparison shows.
 *
 * @param name   how the run is called in the comparison (its folder's name, or the path given).
 * @param report the run.
 */
public record ComparedRun(String name, RunReport report)
{
    /**
     * @param goal {@code ndr} or {@code pdr}.
     * @return the goal's rate, or null when it has none.
     */
    public Long rate(final String goal)
    {
        for (final GoalResult result : report.goals())
        {
            if (goal.equals(result.goal()))
            {
                return result.rate();
            }
        }
        return null;
    }

    /**
     * @param goal  {@code ndr} or {@code pdr}.
     * @param first the first run of the comparison.
     * @return the change from the first run in per cent, or null when either has no rate (or the first's is 0).
     */
    public Double changePct(final String goal, final ComparedRun first)
    {
        final Long mine = rate(goal);
        final Long theirs = first.rate(goal);
        if (mine == null || theirs == null || theirs == 0)
        {
            return null;
        }
        return (mine - theirs) * 100.0 / theirs;
    }

    /**
     * @return the goal's rate in words: {@code 19,907}, {@code >= 1,000,000} for a lower bound, or {@code none}.
     * @param goal {@code ndr} or {@code pdr}.
     */
    public String rateText(final String goal)
    {
        for (final GoalResult result : report.goals())
        {
            if (goal.equals(result.goal()))
            {
                if (result.rate() == null)
                {
                    return result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                }
                final String rate = String.format(Locale.ROOT, "%,d", result.rate());
                switch (result.status())
                {
                    case ABOVE_MAX_RATE:
                    case ABOVE_SENDER_LIMIT:
                        return ">= " + rate;
                    default:
                        return rate;
                }
            }
        }
        return "-";
    }

    /**
     * @return the attribution in one line: {@code socket-buffer 99.3%, unexplained 0.741%}, or {@code nothing lost}.
     */
    public String attributionText()
    {
        final List<AttributionEntry> entries = report.attribution();
        if (entries.isEmpty())
        {
            return "nothing lost";
        }
        final StringBuilder text = new StringBuilder();
        for (final AttributionEntry entry : entries)
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(entry.layer()).append(' ').append(ConsoleSummary.percent(entry.share()));
        }
        return text.toString();
    }

    /**
     * @param changePct a change in per cent, or null.
     * @return {@code +12.3%}, {@code -4.5%}, or {@code -} when null.
     */
    public static String changeText(final Double changePct)
    {
        return changePct == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", changePct);
    }
}
