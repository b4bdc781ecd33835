package io.rxbreak.core.counters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link CounterDiff}s: u32 counters (softnet_stat, socket drops) across a wrap, u64 counters (snmp,
 * dev, interface statistics) by subtraction; {@link LayerAttribution} then reads the deltas as drops per
 * {@link Layer}.
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
        final Map<String, Map<String, Long>> netstat = snmp(before.netstat(), after.netstat(), notes);
        final List<UdpSocketDelta> sockets = sockets(before.udpSockets(), after.udpSockets(), selection);
        final Map<String, Map<String, Long>> netDev = netDev(before.netDev(), after.netDev(), notes);
        final Map<String, Map<String, Long>> statistics =
            nested(before.interfaceStatistics(), after.interfaceStatistics(), "statistics", notes);
        final Map<String, Long> tracepoints = tracepoints(before.tracepoints(), after.tracepoints());
        final DropReasons reasons = before.dropReasons() == null || after.dropReasons() == null
            ? null : after.dropReasons().minus(before.dropReasons());
        return new CounterDiff(intervalNs, before, after, softnet, snmp, netstat, sockets, netDev, statistics,
            tracepoints, reasons,
            LayerAttribution.of(new LayerAttribution.Deltas(softnet, snmp, netstat, sockets, netDev, tracepoints, reasons),
                selection), notes);
    }

    /**
     * @param diff a diff.
     * @param applicationDrops the application's own count of losses no kernel counter explains.
     * @return the diff with the application layer filled in.
     */
    public static CounterDiff withApplicationDrops(final CounterDiff diff, final long applicationDrops)
    {
        return new CounterDiff(diff.intervalNs(), diff.before(), diff.after(), diff.softnet(), diff.snmp(),
            diff.netstat(), diff.udpSockets(), diff.netDev(), diff.interfaceStatistics(), diff.tracepoints(),
            diff.dropReasons(), LayerAttribution.withApplicationDrops(diff.layers(), applicationDrops), diff.notes());
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
}
