package io.rxbreak.core.timeline;

import java.io.IOException;

import io.rxbreak.core.counters.CounterDiff;

/**
 * Turns each interval's {@link CounterDiff} into a {@link TimelineSample}, with the application's own loss when it
 * has a Prometheus counter, and appends it to a recording. Holds no sample: what a long recording needs in memory
 * is the caller's previous snapshot and nothing more.
 */
public final class TimelineRecorder implements AutoCloseable
{
    private final RecordingWriter writer;
    private final PrometheusCounter appLoss;

    /**
     * @param writer the recording (its header written before the first {@link #onInterval}).
     * @param appLoss the application's loss counter, or null.
     */
    public TimelineRecorder(final RecordingWriter writer, final PrometheusCounter appLoss)
    {
        this.writer = writer;
        this.appLoss = appLoss;
        if (appLoss != null)
        {
            appLoss.lostSince(); // the starting value
        }
    }

    /**
     * @param header the recording's first line, written before any interval.
     * @throws IOException when it cannot be written.
     */
    public void header(final RecordingHeader header) throws IOException
    {
        writer.header(header);
    }

    /**
     * @param diff what moved over the interval just ended.
     * @return the sample written.
     * @throws IOException when the recording cannot be written.
     */
    public TimelineSample onInterval(final CounterDiff diff) throws IOException
    {
        final TimelineSample sample = TimelineSamples.of(diff, appLoss == null ? null : appLoss.lostSince());
        writer.write(sample);
        return sample;
    }

    /**
     * @return whether the header was written.
     */
    public boolean started()
    {
        return writer.lines() > 0;
    }

    /**
     * @return the samples written so far.
     */
    public long samples()
    {
        return Math.max(0, writer.lines() - 1);
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
