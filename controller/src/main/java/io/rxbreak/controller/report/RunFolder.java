package io.rxbreak.controller.report;

/**
 * The names of the files in a run folder.
 */
public final class RunFolder
{
    /** Written before the first trial: command line, configuration, environment, tunables. */
    public static final String RUN_FILE = "run.json";
    /** One JSON object per line, one line per judged trial, appended and flushed to disk as each trial ends. */
    public static final String TRIALS_FILE = "trials.jsonl";
    /** Written once at the end, atomically: the whole run. Its presence means the run finished writing. */
    public static final String REPORT_FILE = "report.json";
    /** {@code ramp --calibrate}: the calibration's trials, one JSON object per line, written before the run's. */
    public static final String CALIBRATION_FILE = "calibration.jsonl";

    private RunFolder()
    {
    }
}
