package io.rxbreak.core.counters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What moved between two {@link CounterSnapshot}s: the same shapes holding deltas, and the drops summarised per
 * {@link Layer}. Build one with {@link CounterDiffer}.
 *
 * @param intervalNs the time between the snapshots, or null when it cannot be told.
 * @param before the earlier snapshot.
 * @param after the later snapshot.
 * @param softnet per-CPU deltas, or null when softnet_stat is missing from either.
 * @param snmp section to column to delta (settings and gauges hold the later value: see
 *     {@link CounterDiffer#SNMP_GAUGES}); a counter that went backwards is null.
 * @param netstat {@code /proc/net/netstat}: section to column to delta, or null when absent from either.
 * @param udpSockets the selected sockets of the later snapshot with their drops delta.
 * @param netDev interface to column to delta, or null.
 * @param interfaceStatistics interface to statistic to delta, or null.
 * @param tracepoints event to hits delta, or null when not counted in both.
 * @param dropReasons the kernel's drop reasons between the snapshots (machine-wide), unavailable with why, or null
 *     when not counted.
 * @param layers drops per layer, every layer present, in {@link Layer} order.
 * @param notes caveats found while diffing (a CPU that went offline, a counter that went backwards).
 */
public record CounterDiff(
    Long intervalNs,
    CounterSnapshot before,
    CounterSnapshot after,
    List<SoftnetCpuDelta> softnet,
    Map<String, Map<String, Long>> snmp,
    Map<String, Map<String, Long>> netstat,
    List<UdpSocketDelta> udpSockets,
    Map<String, Map<String, Long>> netDev,
    Map<String, Map<String, Long>> interfaceStatistics,
    Map<String, Long> tracepoints,
    DropReasons dropReasons,
    Map<Layer, LayerDrops> layers,
    List<String> notes)
{
    public CounterDiff
    {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        notes = List.copyOf(notes);
    }

    /**
     * @param section for example {@code Udp}.
     * @param column for example {@code RcvbufErrors}.
     * @return its delta, or null when absent from either snapshot.
     */
    public Long snmpDelta(final String section, final String column)
    {
        final Map<String, Long> columns = snmp == null ? null : snmp.get(section);
        return columns == null ? null : columns.get(column);
    }

    /**
     * @param section for example {@code TcpExt}.
     * @param column for example {@code IPReversePathFilter}.
     * @return its delta, or null when absent from either snapshot.
     */
    public Long netstatDelta(final String section, final String column)
    {
        final Map<String, Long> columns = netstat == null ? null : netstat.get(section);
        return columns == null ? null : columns.get(column);
    }

    /**
     * @param inode a socket inode.
     * @return that socket's delta, or null when it is not among the selected sockets.
     */
    public UdpSocketDelta socket(final long inode)
    {
        if (udpSockets == null)
        {
            return null;
        }
        for (final UdpSocketDelta delta : udpSockets)
        {
            if (delta.socket().inode() == inode)
            {
                return delta;
            }
        }
        return null;
    }

    /**
     * @param layer a layer.
     * @return its drops summary.
     */
    public LayerDrops layer(final Layer layer)
    {
        return layers.get(layer);
    }

    /**
     * @return the sum of drops over the layers that could tell.
     */
    public long totalKnownDrops()
    {
        long total = 0;
        for (final LayerDrops drops : layers.values())
        {
            total += drops.drops() == null ? 0 : drops.drops();
        }
        return total;
    }
}
