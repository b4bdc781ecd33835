package io.rxbreak.controller.report;

import io.rxbreak.controller.search.SearchStop;

/**
 * How the run ended.
 *
 * @param status {@value #COMPLETE}, {@value #INTERRUPTED} or {@value #FAILED}.
 * @param reason the reason in words, one line.
 */
public record Outcome(String status, String reason)
{
    /** Every goal reached an end. */
    public static final String COMPLETE = "complete";
    /** Stopped by a signal, or the run folder was rebuilt from {@code trials.jsonl} after a crash. */
    public static final String INTERRUPTED = "interrupted";
    /** Stopped by a failure: trial budget spent, persistent invalid trials, a runner that failed. */
    public static final String FAILED = "failed";

    /**
     * @param stop   why the search stopped.
     * @param detail the stop in words.
     * @return the outcome.
     */
    public static Outcome of(final SearchStop stop, final String detail)
    {
        switch (stop)
        {
            case COMPLETE:
                return new Outcome(COMPLETE, detail);
            case INTERRUPTED:
                return new Outcome(INTERRUPTED, detail);
            default:
                return new Outcome(FAILED, detail);
        }
    }
}
