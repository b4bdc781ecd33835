package io.rxbreak.controller.scenario;

import java.util.Locale;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.core.cli.ExitCodes;

/**
 * A scenario's run judged against its goal. In verify mode the ramp's verify gate is the verdict (its exit code: 0
 * held, 3 not held, 4 nothing valid). In ramp mode the search's break point is: the goal holds when the NDR is at or
 * above the goal's rate (a speed goal: its factor times the feed's mean rate, rounded, as the ramp's
 * {@code --verify-speed} turns a factor into a rate); a break point the search only bounded from below (above
 * {@code --max-rate} or above what the sender can offer) holds when that bound reaches the goal, and says nothing
 * otherwise.
 */
public final class ScenarioJudge
{
    private ScenarioJudge()
    {
    }

    /**
     * A judged run.
     *
     * @param verdict what the run says about the goal.
     * @param goalRate the goal as a rate, messages per second.
     * @param figure the figures behind the verdict, in words (the ramp's own lines).
     */
    public record Judgement(ScenarioVerdict verdict, long goalRate, String figure)
    {
        /**
         * @param goal the goal judged.
         * @return the judgement in one line, like {@code NOT HELD (goal verify 1x, 7,662 msgs/s): ...}.
         */
        public String text(final Scenario.Goal goal)
        {
            return verdict.label().toUpperCase(Locale.ROOT) + " (goal " + goal.text() + ", " +
                RateText.format(goalRate) + " msgs/s): " + figure;
        }
    }

    /**
     * @param ramp the scenario's ramp.
     * @param exitCode the ramp's exit code.
     * @param report its report, or null when none was written.
     * @return the judgement, or null when there is none to make: no goal, no report, or a run that failed or was
     *     interrupted (its exit code stands).
     */
    public static Judgement judge(final ScenarioRamp ramp, final int exitCode, final RunReport report)
    {
        final Scenario.Goal goal = ramp.scenario().goal();
        if (goal == null || report == null || report.goals().isEmpty() || (exitCode != ExitCodes.OK &&
            exitCode != ExitCodes.REGRESSION && exitCode != ExitCodes.NO_VALID_TRIAL))
        {
            return null;
        }
        final GoalResult ndr = report.goals().get(0);
        final String replay = ConsoleSummary.replayLine(report);
        final String figure = ConsoleSummary.goalLine(ndr, report) + (replay == null ? "" : "; " + replay) +
            (report.attribution().isEmpty() ? "" : "; " + ConsoleSummary.brokeFirst(report));
        final long goalRate = goalRate(ramp, report);
        if (exitCode == ExitCodes.NO_VALID_TRIAL)
        {
            return new Judgement(ScenarioVerdict.NO_RESULT, goalRate, figure);
        }
        if (goal.mode() == Scenario.GoalMode.VERIFY)
        {
            return new Judgement(exitCode == ExitCodes.OK ? ScenarioVerdict.HELD : ScenarioVerdict.NOT_HELD, goalRate,
                figure);
        }
        return new Judgement(rampVerdict(ndr, report.ndr(), goalRate), goalRate, figure);
    }

    private static ScenarioVerdict rampVerdict(final GoalResult ndr, final Long rate, final long goalRate)
    {
        switch (ndr.status())
        {
            case FOUND:
                return rate != null && rate >= goalRate ? ScenarioVerdict.HELD : ScenarioVerdict.NOT_HELD;
            case ABOVE_MAX_RATE:
            case ABOVE_SENDER_LIMIT:
                return rate != null && rate >= goalRate ? ScenarioVerdict.HELD : ScenarioVerdict.NO_RESULT;
            case NOTHING_PASSED:
                return ScenarioVerdict.NOT_HELD;
            default:
                return ScenarioVerdict.NO_RESULT;
        }
    }

    private static long goalRate(final ScenarioRamp ramp, final RunReport report)
    {
        if (report.config() != null && report.config().verifies())
        {
            return report.config().verifyRate();
        }
        if (ramp.goalRate() != null)
        {
            return ramp.goalRate();
        }
        final double mean = report.feed() == null ? 0 : report.feed().profile().meanRatePerSecond();
        return Math.max(1, Math.round(ramp.goalSpeed() * mean));
    }
}
