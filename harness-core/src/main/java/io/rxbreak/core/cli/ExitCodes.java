package io.rxbreak.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code rxbreak} command, described once. {@code --help} lists them and the README
 * documents them; a pipeline may rely on them.
 */
public final class ExitCodes
{
    /** The command did what was asked; for a ramp, every goal was met. */
    public static final int OK = 0;
    /** The command failed at run time: an I/O error, a child process that died, a bug. */
    public static final int FAILURE = 1;
    /** Bad input: an option or file that must be changed. Nothing was sent and nothing was left running. */
    public static final int BAD_INPUT = 2;
    /** A regression gate tripped: the break point fell by more than the allowed amount against a baseline. */
    public static final int REGRESSION = 3;
    /** No trial was valid, so nothing can be said about the receiver. */
    public static final int NO_VALID_TRIAL = 4;
    /** The command was interrupted (SIGINT or SIGTERM); what was finished was written out. */
    public static final int INTERRUPTED = 130;

    private ExitCodes()
    {
    }

    /**
     * @return the codes with a short description each, in the order {@code --help} shows them.
     */
    public static Map<String, String> describe()
    {
        final Map<String, String> codes = new LinkedHashMap<>();
        codes.put(key(OK), "Success.");
        codes.put(key(FAILURE), "Failure at run time (I/O error, a child process died).");
        codes.put(key(BAD_INPUT), "Bad input: an option or file to change; nothing was started.");
        codes.put(key(REGRESSION), "Regression against the baseline beyond --max-regression.");
        codes.put(key(NO_VALID_TRIAL), "No valid trial, or no valid comparison with --baseline: nothing can be said.");
        codes.put(key(INTERRUPTED), "Interrupted (SIGINT/SIGTERM); partial results were written.");
        return codes;
    }

    private static String key(final int code)
    {
        return String.format("%4d", code);
    }
}
