package io.rxbreak.controller.report;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.core.cli.ExitCodes;

/**
 * The exit code a finished ramp returns ({@link ExitCodes}): interrupted 130; no valid trial at all 4; complete 0
 * (whatever the break point, including "nothing passed": that is a result); a verify gate whose rate did not
 * hold 3; any other stop 1.
 */
public final class RunExitCode
{
    private RunExitCode()
    {
    }

    /**
     * @param report the run.
     * @return its exit code.
     */
    public static int of(final RunReport report)
    {
        if (Outcome.INTERRUPTED.equals(report.outcome().status()))
        {
            return ExitCodes.INTERRUPTED;
        }
        boolean anyValid = false;
        for (final TrialRecord record : report.trials())
        {
            anyValid |= record.isValid();
        }
        if (!anyValid)
        {
            return ExitCodes.NO_VALID_TRIAL;
        }
        for (final GoalResult goal : report.goals())
        {
            if (goal.status() == GoalStatus.NOT_HELD)
            {
                return ExitCodes.REGRESSION;
            }
        }
        return Outcome.COMPLETE.equals(report.outcome().status()) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
