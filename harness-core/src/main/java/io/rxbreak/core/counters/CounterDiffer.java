package io.rxbreak.core.counters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link CounterDiff}s: u32 counters (softnet_stat, socket drops) across a wrap, u64 counters (snmp,
 * dev, interface statistics) by subtraction, and drops per {@link Layer}.
 */
public final class CounterDiffer
{
    /** snmp columns that are settings or gauges: a diff holds their later value, not a delta. */
    public static final Set<String> SNMP_GAUGES = Set.of(
        "Ip Forwarding", "Ip DefaultTTL", "Tcp RtoAlgorithm", "Tcp RtoMin", "Tcp RtoMax", "Tcp MaxConn",
        "Tcp CurrEstab");

    private CounterDiffer()
    {
    }

    /**
     * @param before the earlier snapshot.
     * @param after the later snapshot.
     * @param selection the sockets to report.
     * @return what moved.
     */
    public static CounterDiff diff(final CounterSnapshot before, final CounterSnapshot after,
        final SocketSelection selection)
    {
        final List<String> notes = new ArrayList<>();
        final Long intervalNs = interval(before, after, notes);
        final List<SoftnetCpuDelta> softnet = softnet(before.softnet(), after.softnet(), notes);
        final Map<String, Map<String, Long>> snmp = snmp(before.snmp(), after.snmp(), notes);
        final List<UdpSocketDelta> sockets = sockets(before.udpSockets(), after.udpSockets(), selection);
        final Map<String, Map<String, Long>> netDev = netDev(before.netDev(), after.netDev(), notes);
        final Map<String, Map<String, Long>> statistics =
            nested(before.interfaceStatistics(), after.interfaceStatistics(), "statistics", notes);
        final Map<String, Long> tracepoints = tracepoints(before.tracepoints(), after.tracepoints());
        final Map<Layer, LayerDrops> layers = new LinkedHashMap<>();
        final LayerDrops softirq = softirqLayer(softnet);
        layers.put(Layer.NIC, nicLayer(netDev, softirq.drops()));
        layers.put(Layer.SOFTIRQ_BACKLOG, softirq);
        layers.put(Layer.SOCKET_BUFFER, socketLayer(snmp, sockets, selection, tracepoints));
        layers.put(Layer.GLOBAL_UDP_MEMORY, memoryLayer(snmp));
        layers.put(Layer.APPLICATION, new LayerDrops(Layer.APPLICATION, null, Map.of(),
            "only the application can count these (sequence gaps no kernel counter explains)"));
        layers.put(Layer.VALIDATION, validationLayer(snmp));
        return new CounterDiff(intervalNs, before, after, softnet, snmp, sockets, netDev, statistics, tracepoints,
            layers, notes);
    }

    /**
     * @param diff a diff.
     * @param applicationDrops the application's own count of losses no kernel counter explains.
     * @return the diff with the application layer filled in.
     */
    public static CounterDiff withApplicationDrops(final CounterDiff diff, final long applicationDrops)
    {
        final Map<Layer, LayerDrops> layers = new LinkedHashMap<>(diff.layers());
        layers.put(Layer.APPLICATION, new LayerDrops(Layer.APPLICATION, applicationDrops,
            Map.of("application", applicationDrops), null));
        return new CounterDiff(diff.intervalNs(), diff.before(), diff.after(), diff.softnet(), diff.snmp(),
            diff.udpSockets(), diff.netDev(), diff.interfaceStatistics(), diff.tracepoints(), layers, diff.notes());
    }

    private static Long interval(final CounterSnapshot before, final CounterSnapshot after, final List<String> notes)
    {
        if (before.bootId() != null && before.bootId().equals(after.bootId()))
        {
            return after.monotonicNs() - before.monotonicNs();
        }
        if (before.epochMs() > 0 && after.epochMs() >= before.epochMs())
        {
            notes.add("interval from wall-clock times (the snapshots come from different boots or lack a boot id)");
            return (after.epochMs() - before.epochMs()) * 1_000_000L;
        }
        notes.add("the interval cannot be told: rates are left out");
        return null;
    }

    private static List<SoftnetCpuDelta> softnet(final SoftnetStat before, final SoftnetStat after,
        final List<String> notes)
    {
        if (before == null || after == null)
        {
            return null;
        }
        if (before.cpuIdSource() == CpuIdSource.ROW_NUMBER && before.cpus().size() != after.cpus().size())
        {
            notes.add("softnet_stat has no CPU column and the number of rows changed: rows may not match CPUs");
        }
        final List<SoftnetCpuDelta> deltas = new ArrayList<>(after.cpus().size());
        for (final SoftnetCpu row : after.cpus())
        {
            final SoftnetCpu earlier = before.cpu(row.cpu());
            if (earlier == null)
            {
                notes.add("CPU " + row.cpu() + " came online between the snapshots: its softnet counters are left out");
                continue;
            }
            deltas.add(SoftnetCpuDelta.between(earlier, row));
        }
        for (final SoftnetCpu row : before.cpus())
        {
            if (after.cpu(row.cpu()) == null)
            {
                notes.add("CPU " + row.cpu() + " went offline between the snapshots: its softnet counters are lost");
            }
        }
        return deltas;
    }

    private static Map<String, Map<String, Long>> snmp(final SnmpCounters before, final SnmpCounters after,
        final List<String> notes)
    {
        if (before == null || after == null)
        {
            return null;
        }
        final Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
        for (final Map.Entry<String, Map<String, Long>> section : after.sections().entrySet())
        {
            final Map<String, Long> earlier = before.section(section.getKey());
            final Map<String, Long> columns = new LinkedHashMap<>();
            for (final Map.Entry<String, Long> column : section.getValue().entrySet())
            {
                final String name = section.getKey() + " " + column.getKey();
                final Long old = earlier.get(column.getKey());
                if (SNMP_GAUGES.contains(name))
                {
                    columns.put(column.getKey(), column.getValue());
                }
                else if (old != null)
                {
                    columns.put(column.getKey(), u64Delta(name, old, column.getValue(), notes));
                }
            }
            deltas.put(section.getKey(), columns);
        }
        return deltas;
    }

    private static Long u64Delta(final String name, final long before, final long after, final List<String> notes)
    {
        if (Long.compareUnsigned(after, before) < 0)
        {
            notes.add(name + " went backwards (" + Long.toUnsignedString(before) + " to " +
                Long.toUnsignedString(after) + "): a reset or another namespace; its delta is unknown");
            return null;
        }
        return after - before;
    }

    private static List<UdpSocketDelta> sockets(final UdpSocketTable before, final UdpSocketTable after,
        final SocketSelection selection)
    {
        if (after == null)
        {
            return null;
        }
        final Map<Long, UdpSocket> earlier = new HashMap<>();
        if (before != null)
        {
            for (final UdpSocket socket : before.sockets())
            {
                earlier.put(socket.ipv6() ? -socket.inode() - 1 : socket.inode(), socket);
            }
        }
        final List<UdpSocketDelta> deltas = new ArrayList<>();
        for (final UdpSocket socket : after.sockets())
        {
            if (!selection.matches(socket))
            {
                continue;
            }
            final UdpSocket old = earlier.get(socket.ipv6() ? -socket.inode() - 1 : socket.inode());
            deltas.add(old == null
                ? new UdpSocketDelta(socket, socket.drops(), true)
                : new UdpSocketDelta(socket, U32.delta(old.drops(), socket.drops()), false));
        }
        return deltas;
    }

    private static Map<String, Map<String, Long>> netDev(final Map<String, NetDevInterface> before,
        final Map<String, NetDevInterface> after, final List<String> notes)
    {
        if (before == null || after == null)
        {
            return null;
        }
        final Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
        for (final NetDevInterface device : after.values())
        {
            final NetDevInterface old = before.get(device.name());
            if (old == null)
            {
                continue;
            }
            final Map<String, Long> columns = new LinkedHashMap<>();
            for (int i = 0; i < NetDevInterface.COLUMNS.size(); i++)
            {
                final String column = NetDevInterface.COLUMNS.get(i);
                columns.put(column, u64Delta(device.name() + " " + column, old.values()[i], device.values()[i], notes));
            }
            deltas.put(device.name(), columns);
        }
        return deltas;
    }

    private static Map<String, Map<String, Long>> nested(final Map<String, Map<String, Long>> before,
        final Map<String, Map<String, Long>> after, final String what, final List<String> notes)
    {
        if (before == null || after == null)
        {
            return null;
        }
        final Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
        for (final Map.Entry<String, Map<String, Long>> device : after.entrySet())
        {
            final Map<String, Long> old = before.get(device.getKey());
            if (old == null)
            {
                continue;
            }
            final Map<String, Long> columns = new LinkedHashMap<>();
            for (final Map.Entry<String, Long> value : device.getValue().entrySet())
            {
                final Long earlier = old.get(value.getKey());
                if (earlier != null)
                {
                    columns.put(value.getKey(),
                        u64Delta(device.getKey() + " " + what + " " + value.getKey(), earlier, value.getValue(), notes));
                }
            }
            deltas.put(device.getKey(), columns);
        }
        return deltas;
    }

    private static Map<String, Long> tracepoints(final TracepointCounts before, final TracepointCounts after)
    {
        if (before == null || after == null || !before.available() || !after.available())
        {
            return null;
        }
        final Map<String, Long> deltas = new LinkedHashMap<>();
        after.counts().forEach((event, count) ->
        {
            final Long old = before.counts().get(event);
            deltas.put(event, old == null ? null : count - old);
        });
        return deltas;
    }

    /**
     * The NIC layer: rx drop and fifo of /proc/net/dev. A packet the per-CPU backlog refused (enqueue_to_backlog)
     * is also counted in its device's rx_dropped, so the backlog's drops (at most as many as the devices' rx
     * drops) are taken out here: they belong to the softirq layer, and counting them twice would make the layers
     * add up to more than was lost.
     */
    private static LayerDrops nicLayer(final Map<String, Map<String, Long>> netDev, final Long backlogDrops)
    {
        if (netDev == null)
        {
            return new LayerDrops(Layer.NIC, null, Map.of(), "/proc/net/dev is missing from a snapshot");
        }
        long dropped = 0;
        long fifo = 0;
        final Map<String, Long> counters = new LinkedHashMap<>();
        String note = null;
        for (final Map.Entry<String, Map<String, Long>> device : netDev.entrySet())
        {
            for (final String column : List.of("rxDropped", "rxFifo"))
            {
                final Long value = device.getValue().get(column);
                if (value == null)
                {
                    note = device.getKey() + " " + column + " went backwards: left out";
                }
                else if (value != 0)
                {
                    counters.put(device.getKey() + " " + column, value);
                    if ("rxDropped".equals(column))
                    {
                        dropped += value;
                    }
                    else
                    {
                        fifo += value;
                    }
                }
            }
        }
        final long backlog = backlogDrops == null ? 0 : Math.min(dropped, backlogDrops);
        if (backlog > 0)
        {
            note = (note == null ? "" : note + "; ") + "rx drop less " + backlog
                + " the softirq backlog refused (counted there, not twice)";
        }
        return new LayerDrops(Layer.NIC, dropped - backlog + fifo, counters, note);
    }

    private static LayerDrops softirqLayer(final List<SoftnetCpuDelta> softnet)
    {
        if (softnet == null)
        {
            return new LayerDrops(Layer.SOFTIRQ_BACKLOG, null, Map.of(), "softnet_stat is missing from a snapshot");
        }
        long total = 0;
        final Map<String, Long> counters = new LinkedHashMap<>();
        for (final SoftnetCpuDelta cpu : softnet)
        {
            if (cpu.dropped() != 0)
            {
                counters.put("cpu" + cpu.cpu() + " dropped", cpu.dropped());
                total += cpu.dropped();
            }
            if (cpu.timeSqueeze() != 0)
            {
                counters.put("cpu" + cpu.cpu() + " time_squeeze", cpu.timeSqueeze());
            }
        }
        return new LayerDrops(Layer.SOFTIRQ_BACKLOG, total, counters, null);
    }

    private static LayerDrops socketLayer(final Map<String, Map<String, Long>> snmp, final List<UdpSocketDelta> sockets,
        final SocketSelection selection, final Map<String, Long> tracepoints)
    {
        final Map<String, Long> counters = new LinkedHashMap<>();
        final Long rcvbuf = value(snmp, "Udp", "RcvbufErrors");
        if (rcvbuf != null)
        {
            counters.put("Udp RcvbufErrors", rcvbuf);
        }
        long socketDrops = 0;
        if (sockets != null)
        {
            for (final UdpSocketDelta socket : sockets)
            {
                socketDrops += socket.drops();
            }
            counters.put(selection.all() ? "socket drops" : "selected socket drops", socketDrops);
        }
        if (tracepoints != null)
        {
            tracepoints.forEach((event, count) -> counters.put(event, count));
        }
        if (rcvbuf != null)
        {
            return new LayerDrops(Layer.SOCKET_BUFFER, rcvbuf, counters,
                "Udp RcvbufErrors counts IPv4 sockets of the whole namespace");
        }
        if (sockets != null)
        {
            return new LayerDrops(Layer.SOCKET_BUFFER, socketDrops, counters,
                "Udp RcvbufErrors is missing: from per-socket drops (which also count memory and filter drops)");
        }
        return new LayerDrops(Layer.SOCKET_BUFFER, null, counters, "neither snmp nor /proc/net/udp could be read");
    }

    private static LayerDrops memoryLayer(final Map<String, Map<String, Long>> snmp)
    {
        final Long memErrors = value(snmp, "Udp", "MemErrors");
        if (memErrors == null)
        {
            return new LayerDrops(Layer.GLOBAL_UDP_MEMORY, null, Map.of(),
                "Udp MemErrors is not provided (kernel older than 5.11, or snmp missing): cannot tell");
        }
        return new LayerDrops(Layer.GLOBAL_UDP_MEMORY, memErrors, Map.of("Udp MemErrors", memErrors), null);
    }

    private static LayerDrops validationLayer(final Map<String, Map<String, Long>> snmp)
    {
        final Long inErrors = value(snmp, "Udp", "InErrors");
        final Long rcvbuf = value(snmp, "Udp", "RcvbufErrors");
        final Long memErrors = value(snmp, "Udp", "MemErrors");
        final Long discards = value(snmp, "Ip", "InDiscards");
        if (inErrors == null || rcvbuf == null || discards == null)
        {
            return new LayerDrops(Layer.VALIDATION, null, Map.of(), "Udp InErrors, RcvbufErrors or Ip InDiscards missing");
        }
        final Map<String, Long> counters = new LinkedHashMap<>();
        final long udpOther = Math.max(0, inErrors - rcvbuf - (memErrors == null ? 0 : memErrors));
        counters.put("Udp InErrors - RcvbufErrors - MemErrors", udpOther);
        final Long csum = value(snmp, "Udp", "InCsumErrors");
        if (csum != null)
        {
            counters.put("Udp InCsumErrors", csum);
        }
        counters.put("Ip InDiscards", discards);
        return new LayerDrops(Layer.VALIDATION, udpOther + discards, counters, null);
    }

    private static Long value(final Map<String, Map<String, Long>> snmp, final String section, final String column)
    {
        if (snmp == null)
        {
            return null;
        }
        final Map<String, Long> columns = snmp.get(section);
        return columns == null ? null : columns.get(column);
    }
}
