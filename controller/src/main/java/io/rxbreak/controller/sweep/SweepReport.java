package io.rxbreak.controller.sweep;

import java.util.List;

/**
 * {@code sweep.json}: a sweep's knob, its values and a point per value run so far, with the sentence that reads
 * them. The contract is documented in {@code docs/sweep.md}.
 *
 * @param formatVersion {@value #FORMAT_VERSION}.
 * @param commandLine the sweep's arguments as typed.
 * @param knob the knob's name.
 * @param option the ramp option it sets.
 * @param values every value, as typed, in the order given.
 * @param points a point per value run (finished, interrupted or failed), in the order run.
 * @param sentence what the points show, in one sentence.
 * @param status {@code complete} when every value ran, else {@code interrupted} or {@code failed}.
 * @param exitCode the sweep's exit code.
 * @param startedAt ISO-8601 UTC.
 * @param finishedAt ISO-8601 UTC, or null while it runs.
 */
public record SweepReport(
    int formatVersion,
    List<String> commandLine,
    String knob,
    String option,
    List<String> values,
    List<SweepPoint> points,
    String sentence,
    String status,
    int exitCode,
    String startedAt,
    String finishedAt)
{
    /** The format version of {@code sweep.json}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the lists.
     */
    public SweepReport
    {
        commandLine = List.copyOf(commandLine);
        values = List.copyOf(values);
        points = List.copyOf(points);
    }
}
