package io.rxbreak.receiver.accounting;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import io.rxbreak.receiver.Receiver;

/**
 * Writes the receiver's interval latency histograms to an {@code .hlog} file (HdrHistogram's log format, read by
 * HistogramLogProcessor and HdrHistogram plotters).
 */
public final class LatencyLog implements AutoCloseable
{
    private final PrintStream stream;
    private final HistogramLogWriter writer;
    private final Histogram interval = new Histogram(TrialAccounting.HIGHEST_LATENCY_NS, 3);
    private long intervalStartMs;

    /**
     * @param path the file to write.
     * @param startMs the epoch milliseconds the log starts at.
     * @throws IOException when it cannot be written.
     */
    public LatencyLog(final Path path, final long startMs) throws IOException
    {
        this.stream = new PrintStream(path.toFile(), java.nio.charset.StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(stream);
        writer.outputComment("rxbreak receive: one-way latency in ns, intended send time to receipt");
        writer.outputLogFormatVersion();
        writer.setBaseTime(startMs);
        writer.outputStartTime(startMs);
        writer.outputLegend();
        this.intervalStartMs = startMs;
    }

    /**
     * Drain the receiver's latencies since the last call and write them as one interval.
     *
     * @param receiver the receiver.
     * @param nowMs epoch milliseconds now.
     */
    public void writeInterval(final Receiver receiver, final long nowMs)
    {
        interval.reset();
        receiver.drainLatency(interval);
        interval.setStartTimeStamp(intervalStartMs);
        interval.setEndTimeStamp(nowMs);
        writer.outputIntervalHistogram(interval);
        intervalStartMs = nowMs;
        stream.flush();
    }

    @Override
    public void close()
    {
        stream.close();
    }
}
