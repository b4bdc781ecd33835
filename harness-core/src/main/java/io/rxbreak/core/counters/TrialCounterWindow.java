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

/**
 * Samples the receive-path counters at the start and the end of a trial and says what moved: per layer, per
 * selected socket, and the tracepoints and the kernel's drop reasons when rxbreak may count them (root). One per receiving host and namespace;
 * a failure to read is reported in the result, never thrown, so that the trial is judged invalid rather than
 * silently clean.
 */
public final class TrialCounterWindow implements AutoCloseable
{
    private final CounterSampler sampler;
    private final Supplier<Set<Long>> inodes;
    private final TracepointCounter tracepoints;
    private final String tracepointsUnavailable;
    private final DropReasonCounter dropReasons;
    private final String dropReasonsUnavailable;
    private CounterSnapshot before;
    private String beginFailure;

    /**
     * @param roots where to read (the live system, or another process's namespace).
     * @param inodes the sockets to account, asked for at each end of the window (a pid's sockets may change).
     * @param countTracepoints whether to try tracepoints (needs root; otherwise unavailable with the reason).
     */
    public TrialCounterWindow(final CounterRoots roots, final Supplier<Set<Long>> inodes, final boolean countTracepoints)
    {
        this.sampler = new CounterSampler(roots, false);
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
    }

    /**
     * Take the window's last sample and say what moved since {@link #begin()}.
     *
     * @return the counts; {@link WindowCounters#failure()} set when a sample could not be read.
     */
    public synchronized WindowCounters end()
    {
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
            tracepointsUnavailable, diff.dropReasons(), diff.notes(), null);
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

    @Override
    public void close()
    {
        if (tracepoints != null)
        {
            tracepoints.close();
        }
        if (dropReasons != null)
        {
            dropReasons.close();
        }
    }
}
