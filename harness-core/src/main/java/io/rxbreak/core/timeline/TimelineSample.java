package io.rxbreak.core.timeline;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.core.counters.Layer;

/**
 * What moved on the receive path during one interval, and the levels at its end: one line of a recording, one
 * point of a trial's timeline. Counts are deltas over the interval; {@code rxQueueBytes} is a level (bytes queued
 * at the interval's end). A map is null when its source was not read (no such file, not counted); within a map, a
 * socket that neither queued nor dropped anything is left out (it counts as 0).
 *
 * @param epochMs wall-clock time at the interval's end, milliseconds since the epoch.
 * @param intervalNs the interval's length, on the monotonic clock.
 * @param drops drops per layer (the application layer only from {@code appLoss}); a layer that could not tell is
 *     left out.
 * @param socketDrops drops per selected socket, by inode, over the interval.
 * @param rxQueueBytes bytes queued per selected socket, by inode, at the interval's end.
 * @param timeSqueeze softnet time_squeeze per CPU over the interval.
 * @param netRx NET_RX softirqs run per CPU over the interval ({@code /proc/softirqs}).
 * @param ksoftirqdCpuNs time each CPU's ksoftirqd thread ran over the interval, ns.
 * @param ksoftirqdWaitNs time each CPU's ksoftirqd thread waited for its CPU over the interval, ns (schedstat).
 * @param appLoss messages the application itself said it lost over the interval, or null with no such source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineSample(
    long epochMs,
    long intervalNs,
    Map<Layer, Long> drops,
    Map<Long, Long> socketDrops,
    Map<Long, Long> rxQueueBytes,
    Map<Integer, Long> timeSqueeze,
    Map<Integer, Long> netRx,
    Map<Integer, Long> ksoftirqdCpuNs,
    Map<Integer, Long> ksoftirqdWaitNs,
    Long appLoss)
{
    /**
     * Copies the maps, sorted by key, unmodifiable.
     */
    public TimelineSample
    {
        drops = sorted(drops);
        socketDrops = sorted(socketDrops);
        rxQueueBytes = sorted(rxQueueBytes);
        timeSqueeze = sorted(timeSqueeze);
        netRx = sorted(netRx);
        ksoftirqdCpuNs = sorted(ksoftirqdCpuNs);
        ksoftirqdWaitNs = sorted(ksoftirqdWaitNs);
    }

    /**
     * @return the drops of every layer together, the application's own loss included.
     */
    public long totalDrops()
    {
        long total = appLoss == null ? 0 : appLoss;
        if (drops != null)
        {
            for (final long count : drops.values())
            {
                total += count;
            }
        }
        return total;
    }

    /**
     * @return the bytes queued on all selected sockets together at the interval's end.
     */
    public long totalRxQueueBytes()
    {
        return sum(rxQueueBytes);
    }

    /**
     * @param later the interval right after this one.
     * @return both as one interval: counts added, levels (rx_queue) the larger of the two, so a peak survives.
     */
    public TimelineSample plus(final TimelineSample later)
    {
        return new TimelineSample(later.epochMs, intervalNs + later.intervalNs, add(drops, later.drops),
            add(socketDrops, later.socketDrops), max(rxQueueBytes, later.rxQueueBytes),
            add(timeSqueeze, later.timeSqueeze), add(netRx, later.netRx), add(ksoftirqdCpuNs, later.ksoftirqdCpuNs),
            add(ksoftirqdWaitNs, later.ksoftirqdWaitNs),
            appLoss == null && later.appLoss == null ? null : (appLoss == null ? 0 : appLoss)
                + (later.appLoss == null ? 0 : later.appLoss));
    }

    private static <K extends Comparable<K>> Map<K, Long> add(final Map<K, Long> a, final Map<K, Long> b)
    {
        if (a == null || b == null)
        {
            return a == null ? b : a;
        }
        final Map<K, Long> sum = new TreeMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Long::sum));
        return sum;
    }

    private static <K extends Comparable<K>> Map<K, Long> max(final Map<K, Long> a, final Map<K, Long> b)
    {
        if (a == null || b == null)
        {
            return a == null ? b : a;
        }
        final Map<K, Long> most = new TreeMap<>(a);
        b.forEach((key, value) -> most.merge(key, value, Math::max));
        return most;
    }

    /**
     * @param values a map of counts, or null.
     * @return their sum (0 for null).
     */
    public static long sum(final Map<?, Long> values)
    {
        long total = 0;
        if (values != null)
        {
            for (final long value : values.values())
            {
                total += value;
            }
        }
        return total;
    }

    private static <K extends Comparable<K>> Map<K, Long> sorted(final Map<K, Long> values)
    {
        return values == null ? null : Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
