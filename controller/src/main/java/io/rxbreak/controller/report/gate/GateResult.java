package io.rxbreak.controller.report.gate;

import java.util.List;
import java.util.Locale;

import io.rxbreak.core.cli.ExitCodes;

/**
 * The regression gate's verdict: each goal's comparison with the baseline, and the exit code it leads to.
 *
 * @param baseline          where the baseline came from (as the user named it).
 * @param maxRegressionPct  the allowed fall, per cent.
 * @param goals             the NDR comparison first, then the PDR's.
 */
public record GateResult(String baseline, double maxRegressionPct, List<GoalComparison> goals)
{
    /**
     * Copies the list.
     */
    public GateResult
    {
        goals = List.copyOf(goals);
    }

    /**
     * @return true when a goal fell by more than the allowed regression.
     */
    public boolean regressed()
    {
        return goals.stream().anyMatch(goal -> goal.status() == GoalComparison.Status.REGRESSED);
    }

    /**
     * @return true when a goal could not be compared.
     */
    public boolean incomparable()
    {
        return goals.stream().anyMatch(goal -> goal.status() == GoalComparison.Status.NO_VALID_COMPARISON);
    }

    /**
     * The exit code of a run judged by this gate: the run's own code when it is not a success (interrupted 130,
     * no valid trial 4, failure 1: the run says more than the gate); else {@link ExitCodes#REGRESSION} when a goal
     * regressed; else {@link ExitCodes#NO_VALID_TRIAL} when a goal could not be compared (a pipeline must not read
     * "could not tell" as a pass); else success.
     *
     * @param runExitCode the run's exit code without the gate.
     * @return the exit code.
     */
    public int exitCode(final int runExitCode)
    {
        if (runExitCode != ExitCodes.OK)
        {
            return runExitCode;
        }
        if (regressed())
        {
            return ExitCodes.REGRESSION;
        }
        return incomparable() ? ExitCodes.NO_VALID_TRIAL : ExitCodes.OK;
    }

    /**
     * @param runExitCode the run's exit code without the gate.
     * @return the gate's section for the console summary, lines ending in {@code \n}.
     */
    public String render(final int runExitCode)
    {
        final StringBuilder out = new StringBuilder();
        out.append("\nRegression gate (baseline ").append(baseline).append(", allowed fall ")
            .append(percent(maxRegressionPct)).append(")\n");
        for (final GoalComparison goal : goals)
        {
            out.append("  ").append(goal.text()).append('\n');
        }
        final int code = exitCode(runExitCode);
        final String verdict;
        if (runExitCode != ExitCodes.OK)
        {
            verdict = "not judged: the run itself ends with exit code " + runExitCode;
        }
        else if (regressed())
        {
            verdict = "REGRESSION";
        }
        else if (incomparable())
        {
            verdict = "NO VALID COMPARISON";
        }
        else
        {
            verdict = "pass";
        }
        out.append("  result: ").append(verdict).append(" (exit ").append(code).append(")\n");
        return out.toString();
    }

    static String percent(final double pct)
    {
        final String text = String.format(Locale.ROOT, "%.2f", pct).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }
}
