package io.rxbreak.controller.agents;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.CounterSampler;
import io.rxbreak.core.counters.ProcessSockets;
import io.rxbreak.core.counters.TrialCounterWindow;
import io.rxbreak.core.counters.UdpSocket;
import io.rxbreak.core.counters.UdpSocketTable;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.os.DatagramMemory;
import io.rxbreak.core.os.ForeignSocket;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.timeline.PrometheusMetric;

/**
 * Observe mode: no rxbreak receiver. The user's own application is the system under test, and each trial is
 * judged by the kernel counters of its sockets (those bound to the group's port, of the given process when one is
 * named, read through {@code /proc/PID/net} so another namespace works too) and of the host. Only the kernel can
 * tell what was lost here: the application's own losses (after it read) and its latency are out of sight.
 */
public final class ObservedReceiverSide implements ReceiverSide
{
    private static final long SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long one scrape of the application's loss counter may take: within a step of the trial timeline. */
    private static final Duration APP_LOSS_TIMEOUT = Duration.ofMillis(200);

    private final CounterRoots roots;
    private final long pid;
    private final int port;
    private final InetAddress group;
    private final TrialCounterWindow window;
    private final CounterSampler sampler;
    private final long owner;
    private ThreadGroupClock applicationClock;

    /**
     * @param pid the application's process, or 0 for any process in this namespace.
     * @param port the port its sockets are bound to.
     * @param group the group they joined, or null to match any address on the port.
     * @param countTracepoints whether to count the socket-buffer tracepoints.
     * @param appLoss the application's own loss counter, laid on each trial's counter timeline; or null.
     * @throws BadInputException when no socket matches: the application is not listening.
     */
    public ObservedReceiverSide(final long pid, final int port, final InetAddress group, final boolean countTracepoints,
        final PrometheusMetric appLoss)
    {
        this.roots = pid > 0 ? CounterRoots.LIVE.inNamespaceOf(pid) : CounterRoots.LIVE;
        this.pid = pid;
        this.port = port;
        this.group = group;
        this.sampler = new CounterSampler(roots, false);
        if (selected().isEmpty())
        {
            throw BadInputException.option(pid > 0 ? "--observe-pid" : "--observe-port", "no UDP socket " +
                (pid > 0 ? "of process " + pid + " " : "") + "is bound to port " + port +
                (group == null ? "" : " for " + group.getHostAddress()) + ": is the application running and joined?");
        }
        this.window = new TrialCounterWindow(roots, this::selected, countTracepoints,
            appLoss == null ? null : appLoss.counter(APP_LOSS_TIMEOUT));
        this.owner = pid > 0 ? pid : ForeignSocket.ownerOf(Path.of("/proc"), selected().iterator().next());
    }

    /**
     * @return the observed application's process (given, or found by its socket), or 0 when unknown.
     */
    public long owner()
    {
        return owner;
    }

    private Set<Long> selected()
    {
        return selected(sampler.sample().udpSockets());
    }

    private Set<Long> selected(final UdpSocketTable table)
    {
        final Set<Long> own = pid > 0 ? ProcessSockets.inodes(Path.of("/proc"), pid) : null;
        final Set<Long> inodes = new LinkedHashSet<>();
        if (table == null)
        {
            return inodes;
        }
        for (final UdpSocket socket : table.byLocalPort(port))
        {
            final boolean addressMatches = group == null || socket.boundTo(group) || socket.boundToWildcard();
            if (addressMatches && (own == null || own.contains(socket.inode())))
            {
                inodes.add(socket.inode());
            }
        }
        return inodes;
    }

    @Override
    public ReceiveBuffer begin(final int trialId, final int sizeBytes)
    {
        final ReceiveBuffer buffer = buffer(sizeBytes);
        if (owner > 0)
        {
            applicationClock = ThreadGroupClock.busiestOf(owner);
            applicationClock.start();
        }
        window.begin();
        return buffer;
    }

    /**
     * @return what the observed sockets' smallest buffer holds in datagrams of the size, read from the sockets
     *     themselves; null when they cannot be read (not root).
     */
    private ReceiveBuffer buffer(final int sizeBytes)
    {
        try
        {
            long granted = Long.MAX_VALUE;
            for (final long inode : selected())
            {
                granted = Math.min(granted, ForeignSocket.rcvbufBytes(roots.procRoot(), pid, inode));
            }
            if (granted == Long.MAX_VALUE)
            {
                return null;
            }
            final long truesize = DatagramMemory.truesizeBytes(sizeBytes);
            return new ReceiveBuffer(granted, truesize, Math.max(1, granted / truesize));
        }
        catch (final IllegalStateException ex)
        {
            return null;
        }
    }

    @Override
    public ReceiverOutcome end(final int trialId, final long drainBoundNs)
    {
        waitForEmptyQueues(drainBoundNs);
        final WindowCounters counters = window.end();
        final Map<String, Long> socketDrops = new LinkedHashMap<>();
        counters.socketDrops().forEach((inode, drops) -> socketDrops.put("port " + port + " inode " + inode, drops));
        final CpuUse application = applicationClock == null ? null : applicationClock.stop();
        return new ReceiverOutcome(null, 0, socketDrops, null, Math.max(1, counters.socketDrops().size()), null,
            counters, null, null, null, application);
    }

    private void waitForEmptyQueues(final long boundNs)
    {
        final long deadlineNs = System.nanoTime() + Math.max(boundNs, SETTLE_NS);
        try
        {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SETTLE_NS));
            while (System.nanoTime() - deadlineNs < 0 && queued() > 0)
            {
                Thread.sleep(10);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private long queued()
    {
        final UdpSocketTable table = sampler.sample().udpSockets();
        long bytes = 0;
        for (final Long inode : selected(table))
        {
            final UdpSocket socket = table == null ? null : table.byInode(inode);
            bytes += socket == null ? 0 : socket.rxQueueBytes();
        }
        return bytes;
    }

    @Override
    public boolean wantsEndMarkers()
    {
        return false;
    }

    @Override
    public String describe()
    {
        return "observed application" + (pid > 0 ? " (pid " + pid + ")" : "") + " on port " + port +
            ": judged by its sockets' kernel counters only (its own losses after reading, and its latency, are not seen)";
    }

    @Override
    public void close()
    {
        window.close();
    }
}
