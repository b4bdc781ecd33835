package io.rxbreak.receiver.accounting;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.rxbreak.core.protocol.LossTimeline;
import io.rxbreak.core.time.LinearTrend;

/**
 * One socket's accounting of one trial: its streams' sequence trackers, its latency recorder, and the kernel and
 * socket counters at its start (and end) so that the trial's own share of them can be told. One writer thread
 * (the socket's consumer) fills it; any thread reads it. A new trial gets a new instance: it starts clean and the
 * previous one stays readable.
 */
public final class TrialAccounting
{
    /** Counter: messages of another (an earlier) trial, skipped. */
    public static final int OTHER_TRIAL = 0;
    /** Counter: end-of-trial markers received. */
    public static final int END_MARKERS = 1;
    /** Counter: latencies below zero (the clocks disagree), recorded as 0. */
    public static final int NEGATIVE_LATENCY = 2;
    /** Counter: messages of streams beyond {@link StreamTable#MAX_STREAMS}, skipped. */
    public static final int STREAM_OVERFLOW = 3;
    /** Counter: messages flagged as warm-up (tracked for loss, not recorded as latency). */
    public static final int WARM_UP = 4;
    /** Counter: latencies above {@link #HIGHEST_LATENCY_NS}, recorded as that. */
    public static final int LATENCY_CLAMPED = 5;
    /** How many counters. */
    public static final int COUNTERS = 6;

    /** The largest latency the histogram holds: one minute. */
    public static final long HIGHEST_LATENCY_NS = TimeUnit.MINUTES.toNanos(1);
    /** Trial id before the first message told it. */
    public static final int UNKNOWN_TRIAL = Integer.MIN_VALUE;

    private final StreamTable streams = new StreamTable();
    private final Counters counters = new Counters(COUNTERS);
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_LATENCY_NS, 3);
    private final Histogram latencyTotal = new Histogram(HIGHEST_LATENCY_NS, 3);
    private final LinearTrend latencyTrend = new LinearTrend();
    private final LinearTrend.Points latencyPoints = latencyTrend.points();
    private final LossRecorder losses = new LossRecorder();
    private Histogram recycled;
    /**
     * What a drain without a sink (a snapshot) moved into the total since the last drain with one: the next sink
     * gets it too, so that a snapshot never takes latencies away from the interval log. Made when first needed.
     */
    private Histogram undelivered;
    private volatile int trialId;
    private final long startKernelDrops;
    private final long[] startSocketCounters;
    private final long startNanoTime;
    private volatile long endKernelDrops = -1;
    private volatile long endNanoTime;
    private volatile long[] endSocketCounters;

    /**
     * @param trialId the trial, or {@link #UNKNOWN_TRIAL} to adopt the first message's.
     * @param startKernelDrops the socket's kernel drop counter (u32) at the start.
     * @param startSocketCounters the socket's {@link SocketCounters} at the start.
     * @param startNanoTime when it started.
     */
    public TrialAccounting(
        final int trialId, final long startKernelDrops, final long[] startSocketCounters, final long startNanoTime)
    {
        this.trialId = trialId;
        this.startKernelDrops = startKernelDrops;
        this.startSocketCounters = startSocketCounters;
        this.startNanoTime = startNanoTime;
    }

    public int trialId()
    {
        return trialId;
    }

    /**
     * Writer only: take the trial id of the first message.
     *
     * @param id the trial id.
     */
    void adopt(final int id)
    {
        trialId = id;
    }

    public StreamTable streams()
    {
        return streams;
    }

    public Counters counters()
    {
        return counters;
    }

    /**
     * Writer only.
     *
     * @param intendedSendTimeNs when the message was meant to be sent, epoch nanoseconds.
     * @param latencyNs its latency.
     */
    void recordLatency(final long intendedSendTimeNs, final long latencyNs)
    {
        latencyPoints.add(intendedSendTimeNs, latencyNs);
        if (latencyNs < 0)
        {
            counters.increment(NEGATIVE_LATENCY);
            recorder.recordValue(0);
        }
        else if (latencyNs > HIGHEST_LATENCY_NS)
        {
            counters.increment(LATENCY_CLAMPED);
            recorder.recordValue(HIGHEST_LATENCY_NS);
        }
        else
        {
            recorder.recordValue(latencyNs);
        }
    }

    /**
     * Writer only: a gap opened.
     *
     * @param intendedSendTimeNs the intended send time of the message that revealed it, epoch nanoseconds.
     * @param missing how many messages it skipped.
     */
    void recordLoss(final long intendedSendTimeNs, final long missing)
    {
        losses.add(intendedSendTimeNs, missing);
    }

    /**
     * @return where in time the trial's messages went missing so far; any thread.
     */
    public LossTimeline lossTimeline()
    {
        return losses.snapshot();
    }

    /**
     * Writer only: make the latencies recorded since the last call part of {@link #latencyTrend()}.
     */
    void publishTrend()
    {
        latencyTrend.add(latencyPoints);
    }

    /**
     * @return how the latency grew over the trial's measured messages against their intended send times: its slope
     *     is how fast this socket's reader fell behind the offered load, as a fraction of it; any thread.
     */
    public LinearTrend.Snapshot latencyTrend()
    {
        return latencyTrend.snapshot();
    }

    /**
     * Move what was recorded since the last call into the trial's total; with a sink, also add to it everything
     * recorded since the last call that had one (drains without a sink in between, such as snapshots, do not take
     * it away). Any thread.
     *
     * @param sink receives the latencies since the last drain into a sink, or null.
     */
    public synchronized void drainLatency(final Histogram sink)
    {
        recycled = recorder.getIntervalHistogram(recycled);
        latencyTotal.add(recycled);
        if (sink == null)
        {
            if (recycled.getTotalCount() > 0)
            {
                if (undelivered == null)
                {
                    undelivered = new Histogram(HIGHEST_LATENCY_NS, 3);
                }
                undelivered.add(recycled);
            }
            return;
        }
        if (undelivered != null)
        {
            sink.add(undelivered);
            undelivered.reset();
        }
        sink.add(recycled);
    }

    /**
     * @return a copy of the trial's latencies so far (drained first).
     */
    public synchronized Histogram latencyCopy()
    {
        drainLatency(null);
        return latencyTotal.copy();
    }

    public long startKernelDrops()
    {
        return startKernelDrops;
    }

    public long startSocketCounter(final int index)
    {
        return startSocketCounters[index];
    }

    long[] startSocketCountersCopy()
    {
        return startSocketCounters.clone();
    }

    public long startNanoTime()
    {
        return startNanoTime;
    }

    /**
     * @return the kernel drop counter (u32) when the trial ended, or -1 while it runs.
     */
    public long endKernelDrops()
    {
        return endKernelDrops;
    }

    public long endNanoTime()
    {
        return endNanoTime;
    }

    /**
     * @return the socket counters when the trial ended, or null while it runs.
     */
    public long[] endSocketCounters()
    {
        return endSocketCounters;
    }

    public boolean isEnded()
    {
        return endKernelDrops >= 0;
    }

    /**
     * Close the trial with the socket's figures now.
     *
     * @param kernelDrops the socket's kernel drop counter (u32) now.
     * @param socketCounters the socket counters now.
     * @param nanoTime now.
     */
    void end(final long kernelDrops, final long[] socketCounters, final long nanoTime)
    {
        endNanoTime = nanoTime;
        endSocketCounters = socketCounters;
        endKernelDrops = kernelDrops;
    }
}
