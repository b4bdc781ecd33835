package io.rxbreak.core.counters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.rxbreak.core.counters.tracing.DropReasonCounter;
import io.rxbreak.core.counters.tracing.TracepointCounter;
import io.rxbreak.core.timeline.PrometheusCounter;
import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.core.timeline.TimelineSamples;
import io.rxbreak.core.timeline.TrialTimeline;

/**
 * Samples the receive-path counters at the start and the end of a trial and says what moved: per layer, per
 * selected socket, and the tracepoints and the kernel's drop reasons when rxbreak may count them (root). One per receiving host and namespace;
 * a failure to read is reported in the result, never thrown, so that the trial is judged invalid rather than
 * silently clean. Between the ends, a thread samples every {@link TrialTimeline#STEP_NS} into the window's
 * {@link TrialTimeline}, so that the report shows when in the trial it broke; the timeline's intervals add up to
 * the window (its last one ends at the window's end).
 */
public final class TrialCounterWindow implements AutoCloseable
{
    private final CounterSampler sampler;
    private final Supplier<Set<Long>> inodes;
    private final TracepointCounter tracepoints;
    private final String tracepointsUnavailable;
    private final DropReasonCounter dropReasons;
    private final String dropReasonsUnavailable;
    private final CounterSampler timelineSampler;
    private final PrometheusCounter appLoss;
    private CounterSnapshot before;
    private String beginFailure;
    private TimelineThread timelineThread;

    /**
     * @param roots where to read (the live system, or another process's namespace).
     * @param inodes the sockets to account, asked for at each end of the window (a pid's sockets may change).
     * @param countTracepoints whether to try tracepoints (needs root; otherwise unavailable with the reason).
     */
    public TrialCounterWindow(final CounterRoots roots, final Supplier<Set<Long>> inodes, final boolean countTracepoints)
    {
        this(roots, inodes, countTracepoints, null);
    }

    /**
     * @param roots where to read (the live system, or another process's namespace).
     * @param inodes the sockets to account, asked for at each end of the window (a pid's sockets may change).
     * @param countTracepoints whether to try tracepoints (needs root; otherwise unavailable with the reason).
     * @param appLoss the observed application's own loss counter, laid on the timeline (scraped each step), or
     *     null.
     */
    public TrialCounterWindow(final CounterRoots roots, final Supplier<Set<Long>> inodes,
        final boolean countTracepoints, final PrometheusCounter appLoss)
    {
        this.appLoss = appLoss;
        this.sampler = new CounterSampler(roots, false);
        this.timelineSampler = new CounterSampler(roots, false);
        this.inodes = inodes;
        if (countTracepoints)
        {
            final String[] reason = new String[1];
            this.tracepoints = TracepointCounter.tryOpen(roots.sysRoot(), reason);
            this.tracepointsUnavailable = tracepoints == null ? reason[0] : null;
            final String[] why = new String[1];
            this.dropReasons = DropReasonCounter.tryOpen(roots.sysRoot(), roots.procRoot(), why);
            this.dropReasonsUnavailable = dropReasons == null ? why[0] : null;
        }
        else
        {
            this.tracepoints = null;
            this.tracepointsUnavailable = "not asked for";
            this.dropReasons = null;
            this.dropReasonsUnavailable = "not asked for";
        }
    }

    /**
     * Take the window's first sample.
     */
    public synchronized void begin()
    {
        before = null;
        beginFailure = null;
        try
        {
            before = sample();
        }
        catch (final MalformedCounterException | UncheckedIOException | IllegalStateException ex)
        {
            beginFailure = "reading the counters at the trial's start failed: " + ex.getMessage();
        }
        stopTimeline();
        if (before != null)
        {
            if (appLoss != null)
            {
                appLoss.lostSince(); // the count at the start
            }
            timelineThread = new TimelineThread(before, inodes.get());
            timelineThread.start();
        }
    }

    /**
     * Take the window's last sample and say what moved since {@link #begin()}.
     *
     * @return the counts; {@link WindowCounters#failure()} set when a sample could not be read.
     */
    public synchronized WindowCounters end()
    {
        final TimelineThread timeline = stopTimeline();
        if (before == null)
        {
            return WindowCounters.failed(beginFailure == null ? "the counter window was never begun" : beginFailure);
        }
        final CounterSnapshot after;
        try
        {
            after = sample();
        }
        catch (final MalformedCounterException | UncheckedIOException | IllegalStateException ex)
        {
            return WindowCounters.failed("reading the counters at the trial's end failed: " + ex.getMessage());
        }
        final Set<Long> selected = inodes.get();
        final CounterDiff diff = CounterDiffer.diff(before, after, new SocketSelection(0, selected, null));
        final Map<String, Long> byLayer = new LinkedHashMap<>();
        for (final LayerDrops drops : diff.layers().values())
        {
            if (drops.layer() != Layer.APPLICATION)
            {
                byLayer.put(drops.layer().label(), drops.drops());
            }
        }
        final Map<Long, Long> socketDrops = new TreeMap<>();
        long peakRxQueueBytes = 0;
        for (final Long inode : selected)
        {
            final UdpSocketDelta delta = diff.socket(inode);
            socketDrops.put(inode, delta == null ? 0L : delta.drops());
            peakRxQueueBytes = Math.max(peakRxQueueBytes, rxQueue(before, inode));
            peakRxQueueBytes = Math.max(peakRxQueueBytes, rxQueue(after, inode));
        }
        Long timeSqueeze = null;
        if (diff.softnet() != null)
        {
            long squeezed = 0;
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                squeezed += cpu.timeSqueeze();
            }
            timeSqueeze = squeezed;
        }
        return new WindowCounters(byLayer, socketDrops, diff.snmpDelta("Udp", "MemErrors"),
            diff.snmpDelta("Udp", "RcvbufErrors"), timeSqueeze, peakRxQueueBytes, diff.tracepoints(),
            tracepointsUnavailable, diff.dropReasons(), diff.notes(), null,
            timeline == null ? null : timeline.finish(after, selected));
    }

    private TimelineThread stopTimeline()
    {
        final TimelineThread thread = timelineThread;
        timelineThread = null;
        if (thread != null)
        {
            thread.halt();
        }
        return thread;
    }

    private static long rxQueue(final CounterSnapshot snapshot, final long inode)
    {
        final UdpSocket socket = snapshot.udpSockets() == null ? null : snapshot.udpSockets().byInode(inode);
        return socket == null ? 0 : socket.rxQueueBytes();
    }

    private CounterSnapshot sample()
    {
        final CounterSnapshot snapshot = sampler.sample();
        final CounterSnapshot withTracepoints = tracepoints == null ? snapshot : snapshot.withTracepoints(tracepoints.read());
        return withTracepoints.withDropReasons(dropReasons == null
            ? DropReasons.unavailable(dropReasonsUnavailable) : dropReasons.read());
    }

    /**
     * @return where the window reads, for messages.
     */
    public Path procRoot()
    {
        return sampler.roots().procRoot();
    }

    /**
     * @return the tracepoints counted, or an empty list when none.
     */
    public List<String> tracepointEvents()
    {
        return tracepoints == null ? List.of() : List.copyOf(tracepoints.read().counts().keySet());
    }

    /**
     * Samples the counters every {@link TrialTimeline#STEP_NS} from the window's start until halted, with a sampler
     * of its own.
     */
    private final class TimelineThread extends Thread
    {
        private final TrialTimeline timeline = new TrialTimeline();
        private final Set<Long> selected;
        private volatile boolean running = true;
        private CounterSnapshot previous;

        /**
         * @param start the window's first sample.
         * @param selected the sockets followed, as at the window's start (asked for on the caller's thread: the
         *     supplier may use a sampler of its own that is not thread safe).
         */
        TimelineThread(final CounterSnapshot start, final Set<Long> selected)
        {
            super("rxbreak-trial-timeline");
            setDaemon(true);
            this.previous = start;
            this.selected = selected;
        }

        @Override
        public void run()
        {
            final long startNs = previous.monotonicNs();
            long slot = 0;
            while (running)
            {
                // slots already past are skipped: a held-up sample makes one longer interval, not a burst
                slot = Math.max(slot + 1, (System.nanoTime() - startNs) / TrialTimeline.STEP_NS + 1);
                final long deadlineNs = startNs + slot * TrialTimeline.STEP_NS;
                long leftNs;
                while (running && (leftNs = deadlineNs - System.nanoTime()) > 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(this, leftNs);
                }
                if (!running)
                {
                    return;
                }
                try
                {
                    final CounterSnapshot now = timelineSampler.sample();
                    timeline.add(sampleOf(previous, now, selected, appLoss));
                    previous = now;
                }
                catch (final MalformedCounterException | UncheckedIOException | IllegalStateException ex)
                {
                    return; // the timeline stops here; the window's own ends still judge the trial
                }
            }
        }

        void halt()
        {
            running = false;
            java.util.concurrent.locks.LockSupport.unpark(this);
            try
            {
                join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * @return the timeline, its last interval ending at {@code end} (call after {@link #halt()}).
         */
        List<TimelineSample> finish(final CounterSnapshot end, final Set<Long> selected)
        {
            if (end.monotonicNs() > previous.monotonicNs())
            {
                timeline.add(sampleOf(previous, end, selected, appLoss));
            }
            return timeline.points();
        }
    }

    private static TimelineSample sampleOf(final CounterSnapshot from, final CounterSnapshot to,
        final Set<Long> selected, final PrometheusCounter appLoss)
    {
        return TimelineSamples.of(CounterDiffer.diff(from, to, new SocketSelection(0, selected, null)),
            appLoss == null ? null : appLoss.lostSince());
    }

    @Override
    public synchronized void close()
    {
        stopTimeline();
        // the reverse of opening; whichever closes last unmounts a tracefs this process mounted (Tracefs)
        if (dropReasons != null)
        {
            dropReasons.close();
        }
        if (tracepoints != null)
        {
            tracepoints.close();
        }
    }
}
