package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.CounterDiff;
import io.rxbreak.core.counters.CounterDiffer;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.CpuIdSource;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasonKind;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.LayerDrops;
import io.rxbreak.core.counters.NetDevInterface;
import io.rxbreak.core.counters.SocketSelection;
import io.rxbreak.core.counters.SoftnetCpu;
import io.rxbreak.core.counters.SoftnetCpuDelta;
import io.rxbreak.core.counters.Tunables;
import io.rxbreak.core.counters.UdpSocket;
import io.rxbreak.core.counters.UdpSocketDelta;

/**
 * Snapshots and diffs as text for people: aligned tables, the drops per layer first.
 */
final class TextReport
{
    /** The netstat sections shown (MPTcpExt is left to --json). */
    private static final String[] NETSTAT_SECTIONS = {"IpExt", "TcpExt"};

    private final PrintWriter out;
    private final Format format;

    TextReport(final PrintWriter out, final Format format)
    {
        this.out = out;
        this.format = format;
    }

    void snapshot(final CounterSnapshot snapshot, final SocketSelection selection)
    {
        out.println("snapshot at " + time(snapshot.epochMs()));
        if (snapshot.softnet() == null)
        {
            out.println("softnet_stat: absent");
        }
        else
        {
            out.println("softnet_stat (" + snapshot.softnet().columns() + " columns, CPU ids from " +
                (snapshot.softnet().cpuIdSource() == CpuIdSource.CPU_COLUMN ? "column 13" : "the row number") + ")");
            final Table table = new Table("  ", "cpu", "processed", "dropped", "time_squeeze", "received_rps",
                "flow_limit", "backlog_len");
            for (final SoftnetCpu cpu : snapshot.softnet().cpus())
            {
                table.row(Integer.toString(cpu.cpu()), Format.count(cpu.processed()), Format.count(cpu.dropped()),
                    Format.count(cpu.timeSqueeze()), Format.optional(cpu.receivedRps()),
                    Format.optional(cpu.flowLimitCount()), Format.optional(cpu.backlogLen()));
            }
            table.print(out);
        }
        if (snapshot.snmp() == null)
        {
            out.println("snmp: absent");
        }
        else
        {
            for (final String section : new String[] {"Udp", "UdpLite", "Ip"})
            {
                final Map<String, Long> columns = snapshot.snmp().section(section);
                if (!columns.isEmpty())
                {
                    out.println("snmp " + section + ": " + joined(columns));
                }
            }
        }
        if (snapshot.udpSockets() == null)
        {
            out.println("udp sockets: absent");
        }
        else
        {
            final Table table = Table.aligned("  ", "LLRRRRRR", "local", "remote", "st", "rx_queue", "tx_queue", "drops", "inode", "uid");
            for (final UdpSocket socket : snapshot.udpSockets().sockets())
            {
                if (selection.matches(socket))
                {
                    table.row(endpoint(socket.localAddress().getHostAddress(), socket.localPort(), socket.ipv6()),
                        endpoint(socket.remoteAddress().getHostAddress(), socket.remotePort(), socket.ipv6()),
                        String.format("%02X", socket.state()), Format.count(socket.rxQueueBytes()),
                        Format.count(socket.txQueueBytes()), Format.count(socket.drops()),
                        Long.toString(socket.inode()), Long.toString(socket.uid()));
                }
            }
            out.println("udp sockets (" + selection + "): " + table.size() + " of " +
                snapshot.udpSockets().sockets().size());
            table.print(out);
        }
        if (snapshot.netDev() != null)
        {
            out.println("interfaces (/proc/net/dev)");
            final Table table = new Table("  ", "device", "rx_packets", "rx_drop", "rx_fifo", "rx_errs", "rx_multicast",
                "tx_packets");
            for (final NetDevInterface device : snapshot.netDev().values())
            {
                table.row(device.name(), Format.count(device.rxPackets()), Format.count(device.rxDropped()),
                    Format.count(device.rxFifo()), Format.count(device.rxErrors()), Format.count(device.rxMulticast()),
                    Format.count(device.txPackets()));
            }
            table.print(out);
        }
        tunables(snapshot.tunables());
        if (snapshot.tracepoints() != null)
        {
            out.println("tracepoints: " + (snapshot.tracepoints().available()
                ? joined(snapshot.tracepoints().counts()) : "unavailable: " + snapshot.tracepoints().unavailableReason()));
        }
        if (snapshot.netstat() != null)
        {
            for (final String section : NETSTAT_SECTIONS)
            {
                final Map<String, Long> columns = snapshot.netstat().section(section);
                if (!columns.isEmpty())
                {
                    out.println("netstat " + section + ": " + joinedNonZero(columns));
                }
            }
        }
        if (snapshot.dropReasons() != null && !snapshot.dropReasons().available())
        {
            out.println("drop reasons: unavailable: " + snapshot.dropReasons().unavailableReason());
        }
    }

    /**
     * @param count a drop reason's count.
     * @return {@code REASON in function (layer)}, the layer {@code other} when rxbreak does not map the reason and
     *     {@code tcp, not multicast} for TCP frees.
     */
    static String reason(final DropReasonCount count)
    {
        final String where = count.transport() == DropReasonCount.Transport.TCP ? "tcp, not multicast"
            : count.layer() == null ? "other" : count.layer().label();
        return count.reason() + " in " + count.function() + " (" + where + ")";
    }

    private void dropReasons(final DropReasons reasons)
    {
        if (reasons == null)
        {
            return;
        }
        if (!reasons.available())
        {
            out.println("drop reasons: unavailable: " + reasons.unavailableReason());
            return;
        }
        out.println("drop reasons (skb:kfree_skb, machine-wide: every namespace and process)" +
            (reasons.lostRecords() == 0 ? "" : "; " + Format.count(reasons.lostRecords()) +
                " records lost by the trace buffer: the counts are short by that many"));
        final Table table = Table.aligned("  ", "LLRL", "reason", "layer", "count", "means / to change");
        for (final DropReasonCount count : reasons.counts())
        {
            final DropReasonKind kind = count.kind();
            table.row(count.reason() + " in " + count.function(),
                count.transport() == DropReasonCount.Transport.TCP ? "tcp" : kind == null ? "other" : kind.layer().label(),
                format.drop(count.count()), kind == null ? "" : kind.meaning() + "; " + kind.knob());
        }
        table.print(out);
    }

    private void tunables(final Tunables tunables)
    {
        if (tunables == null)
        {
            return;
        }
        out.println("tunables");
        final Table table = Table.aligned("  ", "LL", "name", "value");
        for (final String name : Tunables.SYSCTLS)
        {
            table.row(name, tunables.sysctls().getOrDefault(name, "absent"));
        }
        tunables.rpsCpus().forEach((queue, mask) -> table.row(queue + " rps_cpus", mask));
        tunables.irqAffinity().forEach((irq, list) -> table.row("irq " + irq + " affinity", list));
        table.row("ring sizes", tunables.ringSizes() == null ? "absent (no ethtool)" : tunables.ringSizes().toString());
        table.print(out);
    }

    void diff(final CounterDiff diff, final boolean all)
    {
        out.println("from " + time(diff.before().epochMs()) + " to " + time(diff.after().epochMs()) +
            (diff.intervalNs() == null ? " (interval unknown)" : " (" + Units.formatDuration(roundMs(diff.intervalNs())) + ")"));
        out.println("drops per layer");
        final Table layers = Table.aligned("  ", "LLRL", " ", "layer", "drops", "from");
        for (final LayerDrops layer : diff.layers().values())
        {
            layers.row(format.marker(layer.dropped()), layer.layer().label(), format.drop(layer.drops()),
                layer.drops() == null ? layer.note() : joinedNonZero(layer.counters()));
        }
        layers.print(out);
        for (final LayerDrops layer : diff.layers().values())
        {
            if (layer.dropped())
            {
                out.println("  " + layer.layer().label() + ": " + layer.layer().meaning() + "; to change: " +
                    layer.layer().knob());
            }
        }
        if (diff.softnet() != null)
        {
            final Table table = new Table("  ", "cpu", "processed/s", "dropped", "time_squeeze", "backlog_len");
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                if (all || cpu.moved())
                {
                    table.row(Integer.toString(cpu.cpu()), Format.rate(cpu.processed(), diff.intervalNs()),
                        format.drop(cpu.dropped()), Format.count(cpu.timeSqueeze()), Format.optional(cpu.backlogLen()));
                }
            }
            if (table.size() > 0)
            {
                out.println("softnet_stat");
                table.print(out);
            }
        }
        if (diff.snmp() != null)
        {
            for (final String section : new String[] {"Udp", "UdpLite", "Ip"})
            {
                final Map<String, Long> columns = countersOnly(section, diff.snmp().get(section));
                if (columns != null && (all || !joinedNonZero(columns).isEmpty()))
                {
                    out.println("snmp " + section + ": " + (all ? joined(columns) : joinedNonZero(columns)));
                }
            }
        }
        if (diff.udpSockets() != null)
        {
            final Table table = new Table("  ", "local", "rx_queue", "drops", "inode");
            for (final UdpSocketDelta delta : diff.udpSockets())
            {
                final UdpSocket socket = delta.socket();
                if (all || delta.drops() != 0 || socket.rxQueueBytes() != 0)
                {
                    table.row(endpoint(socket.localAddress().getHostAddress(), socket.localPort(), socket.ipv6()),
                        Format.count(socket.rxQueueBytes()), format.drop(delta.drops()),
                        socket.inode() + (delta.isNew() ? " (new)" : ""));
                }
            }
            if (table.size() > 0)
            {
                out.println("udp sockets");
                table.print(out);
            }
        }
        if (diff.netstat() != null)
        {
            for (final String section : NETSTAT_SECTIONS)
            {
                final Map<String, Long> columns = diff.netstat().get(section);
                if (columns != null && (all || !joinedNonZero(columns).isEmpty()))
                {
                    out.println("netstat " + section + ": " + (all ? joined(columns) : joinedNonZero(columns)));
                }
            }
        }
        if (diff.tracepoints() != null)
        {
            out.println("tracepoints: " + joined(diff.tracepoints()));
        }
        dropReasons(diff.dropReasons());
        for (final String note : diff.notes())
        {
            out.println("note: " + note);
        }
    }

    private static Map<String, Long> countersOnly(final String section, final Map<String, Long> columns)
    {
        if (columns == null)
        {
            return null;
        }
        final Map<String, Long> counters = new java.util.LinkedHashMap<>();
        columns.forEach((name, value) ->
        {
            if (!CounterDiffer.SNMP_GAUGES.contains(section + " " + name))
            {
                counters.put(name, value);
            }
        });
        return counters;
    }

    private static long roundMs(final long ns)
    {
        return Math.round(ns / 1e6) * 1_000_000L;
    }

    static String endpoint(final String address, final int port, final boolean ipv6)
    {
        return (ipv6 ? "[" + address + "]" : address) + ":" + port;
    }

    static String time(final long epochMs)
    {
        return epochMs <= 0 ? "an unknown time" : Instant.ofEpochMilli(epochMs).toString();
    }

    private static String joined(final Map<String, Long> values)
    {
        final StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.length() > 0 ? " " : "").append(name).append('=')
            .append(Format.count(value)));
        return text.toString();
    }

    private static String joinedNonZero(final Map<String, Long> values)
    {
        final StringBuilder text = new StringBuilder();
        values.forEach((name, value) ->
        {
            if (value == null || value != 0)
            {
                text.append(text.length() > 0 ? ", " : "").append(name).append(' ').append(Format.count(value));
            }
        });
        return text.toString();
    }
}
