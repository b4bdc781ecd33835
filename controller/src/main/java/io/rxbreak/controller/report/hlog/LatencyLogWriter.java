package io.rxbreak.controller.report.hlog;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes the receiver's interval latency histograms of a run to {@code latency.hlog} in the run folder, in
 * HdrHistogram's log format (readable by {@code HistogramLogProcessor} and {@code HistogramLogReader}). Each entry
 * is tagged with its trial number ({@code Tag=7}), so a trial's intervals can be picked out; values are
 * nanoseconds from the intended send time to receipt; the log's base time is the run's start, so the interval
 * timestamps are seconds into the run. Entries are flushed as they are appended.
 */
public final class LatencyLogWriter implements Closeable
{
    /** The file name in the run folder. */
    public static final String FILE = "latency.hlog";
    /** Nanosecond values shown in milliseconds in the log's max column. */
    private static final double NS_PER_MS = 1_000_000.0;

    private final PrintStream stream;
    private final HistogramLogWriter writer;
    private final long runStartEpochMs;

    private LatencyLogWriter(final PrintStream stream, final long runStartEpochMs)
    {
        this.stream = stream;
        this.writer = new HistogramLogWriter(stream);
        this.runStartEpochMs = runStartEpochMs;
        writer.setBaseTime(runStartEpochMs);
        writer.outputComment("rxbreak latency, ns from the intended send time to receipt; Tag = trial number");
        writer.outputLogFormatVersion();
        writer.outputStartTime(runStartEpochMs);
        writer.outputBaseTime(runStartEpochMs);
        writer.outputLegend();
        stream.flush();
    }

    /**
     * Create (or replace) {@code latency.hlog} in a run folder and write its header.
     *
     * @param runDirectory    the run folder.
     * @param runStartEpochMs the run's start, milliseconds since the epoch.
     * @return the writer.
     * @throws IOException when the file cannot be created.
     */
    public static LatencyLogWriter create(final Path runDirectory, final long runStartEpochMs) throws IOException
    {
        final Path file = runDirectory.resolve(FILE);
        try
        {
            return new LatencyLogWriter(new PrintStream(file.toFile(), "UTF-8"), runStartEpochMs);
        }
        catch (final FileNotFoundException ex)
        {
            throw new IOException("cannot create " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Append one interval histogram. The histogram is copied (its tag and timestamps are set on the copy), so the
     * caller may recycle it at once.
     *
     * @param trial        the trial number, the entry's tag.
     * @param startEpochMs the interval's start, milliseconds since the epoch.
     * @param endEpochMs   the interval's end.
     * @param histogram    latencies in nanoseconds.
     * @throws IOException when the file cannot be written.
     */
    public void append(final int trial, final long startEpochMs, final long endEpochMs, final Histogram histogram)
        throws IOException
    {
        if (endEpochMs < startEpochMs)
        {
            throw new IllegalArgumentException("interval ends (" + endEpochMs + ") before it starts (" + startEpochMs
                + ")");
        }
        final Histogram copy = histogram.copy();
        copy.setTag(Integer.toString(trial));
        copy.setStartTimeStamp(startEpochMs);
        copy.setEndTimeStamp(endEpochMs);
        writer.outputIntervalHistogram((startEpochMs - runStartEpochMs) / 1000.0,
            (endEpochMs - runStartEpochMs) / 1000.0, copy, NS_PER_MS);
        stream.flush();
        if (stream.checkError())
        {
            throw new IOException("cannot write " + FILE);
        }
    }

    @Override
    public void close() throws IOException
    {
        stream.close();
        if (stream.checkError())
        {
            throw new IOException("cannot write " + FILE);
        }
    }
}
