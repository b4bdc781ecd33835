package io.rxbreak.controller.scenario;

import java.util.Locale;

import io.rxbreak.core.cli.ExitCodes;

/**
 * What a scenario's run says about its goal, with the exit code {@code rxbreak scenario run} returns for it.
 */
public enum ScenarioVerdict
{
    /** The goal held: the verify gate passed, or the break point is at or above the goal. */
    HELD("held", ExitCodes.OK),
    /** The goal did not hold: a trial at the goal lost messages, or the break point lies below it. */
    NOT_HELD("not held", ExitCodes.REGRESSION),
    /** Nothing valid could be said: no valid trial, or a search that could not reach the goal. */
    NO_RESULT("no result", ExitCodes.NO_VALID_TRIAL);

    private final String label;
    private final int exitCode;

    ScenarioVerdict(final String label, final int exitCode)
    {
        this.label = label;
        this.exitCode = exitCode;
    }

    /**
     * @return the verdict as a scenario file and the console write it, like {@code not held}.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the exit code of a run that ends with it.
     */
    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @param text a label as written, in any case.
     * @return the verdict, or null when the text names none.
     */
    public static ScenarioVerdict ofLabel(final String text)
    {
        final String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (final ScenarioVerdict verdict : values())
        {
            if (verdict.label.equals(wanted))
            {
                return verdict;
            }
        }
        return null;
    }
}
