package io.rxbreak.core.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.counters.CounterDiff;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.KsoftirqdThread;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.LayerDrops;
import io.rxbreak.core.counters.SoftirqCpu;
import io.rxbreak.core.counters.SoftnetCpu;
import io.rxbreak.core.counters.SoftnetCpuDelta;
import io.rxbreak.core.counters.U32;
import io.rxbreak.core.counters.UdpSocket;
import io.rxbreak.core.counters.UdpSocketDelta;

/**
 * Makes a {@link TimelineSample} of what a {@link CounterDiff} says moved, and the levels of its later snapshot.
 */
public final class TimelineSamples
{
    private TimelineSamples()
    {
    }

    /**
     * @param diff what moved over the interval (with the selection of sockets to follow).
     * @param appLoss the application's own loss over the interval, or null when it has no source.
     * @return the interval's sample.
     */
    public static TimelineSample of(final CounterDiff diff, final Long appLoss)
    {
        final CounterSnapshot before = diff.before();
        final CounterSnapshot after = diff.after();
        final Map<Layer, Long> drops = new HashMap<>();
        for (final LayerDrops layer : diff.layers().values())
        {
            if (layer.layer() != Layer.APPLICATION && layer.drops() != null)
            {
                drops.put(layer.layer(), layer.drops());
            }
        }
        if (appLoss != null)
        {
            drops.put(Layer.APPLICATION, appLoss);
        }
        Map<Long, Long> socketDrops = null;
        Map<Long, Long> rxQueue = null;
        if (diff.udpSockets() != null)
        {
            socketDrops = new HashMap<>();
            rxQueue = new HashMap<>();
            for (final UdpSocketDelta delta : diff.udpSockets())
            {
                final UdpSocket socket = delta.socket();
                if (delta.drops() != 0)
                {
                    socketDrops.put(socket.inode(), delta.drops());
                }
                if (socket.rxQueueBytes() != 0)
                {
                    rxQueue.merge(socket.inode(), socket.rxQueueBytes(), Math::max);
                }
            }
        }
        if (socketDrops != null)
        {
            // the followed sockets' own drops, read from one file at one instant with their rx_queue: the
            // namespace's Udp RcvbufErrors counts other sockets too, and is read at another instant than the sockets
            drops.put(Layer.SOCKET_BUFFER, TimelineSample.sum(socketDrops));
        }
        Map<Integer, Long> squeeze = null;
        if (diff.softnet() != null)
        {
            squeeze = new HashMap<>();
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                squeeze.put(cpu.cpu(), cpu.timeSqueeze());
            }
        }
        final long intervalNs = diff.intervalNs() == null ? 0 : diff.intervalNs();
        return new TimelineSample(after.epochMs(), intervalNs, drops, socketDrops, rxQueue, squeeze,
            netRx(before, after), ksoftirqd(before, after, false), ksoftirqd(before, after, true), appLoss);
    }

    private static Map<Integer, Long> netRx(final CounterSnapshot before, final CounterSnapshot after)
    {
        if (before.softirqs() == null || after.softirqs() == null)
        {
            return null;
        }
        final Map<Integer, Long> earlier = new HashMap<>();
        for (final SoftirqCpu cpu : before.softirqs().cpus())
        {
            earlier.put(cpu.cpu(), cpu.netRx());
        }
        final Map<Integer, Long> moved = new HashMap<>();
        for (final SoftirqCpu cpu : after.softirqs().cpus())
        {
            final Long was = earlier.get(cpu.cpu());
            if (was != null)
            {
                moved.put(cpu.cpu(), U32.delta(was, cpu.netRx()));
            }
        }
        return moved;
    }

    private static Map<Integer, Long> ksoftirqd(final CounterSnapshot before, final CounterSnapshot after,
        final boolean wait)
    {
        final List<KsoftirqdThread> earlier = before.ksoftirqd();
        final List<KsoftirqdThread> later = after.ksoftirqd();
        if (earlier == null || later == null)
        {
            return null;
        }
        final Map<Integer, Long> moved = new HashMap<>();
        for (final KsoftirqdThread thread : later)
        {
            for (final KsoftirqdThread was : earlier)
            {
                if (was.cpu() == thread.cpu() && was.pid() == thread.pid())
                {
                    final long now = wait ? thread.runQueueWaitNs() : thread.onCpuNs();
                    final long then = wait ? was.runQueueWaitNs() : was.onCpuNs();
                    if (now != SoftnetCpu.ABSENT && then != SoftnetCpu.ABSENT)
                    {
                        moved.put(thread.cpu(), Math.max(0L, now - then));
                    }
                }
            }
        }
        return wait && moved.isEmpty() ? null : moved;
    }
}
