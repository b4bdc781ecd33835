package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.rxbreak.core.counters.CounterDiff;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.LayerDrops;
import io.rxbreak.core.counters.SoftnetCpuDelta;
import io.rxbreak.core.counters.UdpSocket;
import io.rxbreak.core.counters.UdpSocketDelta;

/**
 * One line per watch interval with fixed columns, then indented lines for each CPU, socket and interface that
 * moved (or all of them with {@code --all}). Drops that moved carry a '!' (red on a terminal).
 */
final class WatchLine
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String[] HEADER = {
        "time", "udp_in/s", "InErrors", "RcvbufErr", "MemErrors", "sock_drops", "sock_rxq", "softnet/s",
        "backlog_drop", "squeezed", "nic_drops", "tracepoints"};

    private final PrintWriter out;
    private final Format format;
    private final boolean all;
    private final int[] widths = new int[HEADER.length];

    WatchLine(final PrintWriter out, final Format format, final boolean all)
    {
        this.out = out;
        this.format = format;
        this.all = all;
        for (int i = 0; i < HEADER.length; i++)
        {
            widths[i] = Math.max(HEADER[i].length(), i == 0 ? 8 : 9);
        }
    }

    void header()
    {
        out.println(cells(HEADER));
    }

    void print(final CounterDiff diff)
    {
        final Long interval = diff.intervalNs();
        long socketDrops = 0;
        long socketQueue = 0;
        if (diff.udpSockets() != null)
        {
            for (final UdpSocketDelta socket : diff.udpSockets())
            {
                socketDrops += socket.drops();
                socketQueue += socket.socket().rxQueueBytes();
            }
        }
        long processed = 0;
        long squeezed = 0;
        if (diff.softnet() != null)
        {
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                processed += cpu.processed();
                squeezed += cpu.timeSqueeze();
            }
        }
        final Long inDatagrams = diff.snmpDelta("Udp", "InDatagrams");
        out.println(cells(
            TIME.format(Instant.ofEpochMilli(diff.after().epochMs())),
            inDatagrams == null ? Format.ABSENT : Format.rate(inDatagrams, interval),
            format.drop(diff.snmpDelta("Udp", "InErrors")),
            format.drop(diff.snmpDelta("Udp", "RcvbufErrors")),
            format.drop(diff.snmpDelta("Udp", "MemErrors")),
            diff.udpSockets() == null ? Format.ABSENT : format.drop(socketDrops),
            diff.udpSockets() == null ? Format.ABSENT : Format.count(socketQueue),
            diff.softnet() == null ? Format.ABSENT : Format.rate(processed, interval),
            format.drop(diff.layer(Layer.SOFTIRQ_BACKLOG).drops()),
            diff.softnet() == null ? Format.ABSENT : Format.count(squeezed),
            format.drop(diff.layer(Layer.NIC).drops()),
            tracepoints(diff.tracepoints())));
        details(diff);
        out.flush();
    }

    private void details(final CounterDiff diff)
    {
        if (diff.softnet() != null)
        {
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                if (all || cpu.dropped() != 0 || cpu.timeSqueeze() != 0 || cpu.processed() != 0)
                {
                    out.println("    cpu" + cpu.cpu() + "  processed " + Format.rate(cpu.processed(), diff.intervalNs()) +
                        "/s  dropped " + format.drop(cpu.dropped()) + "  squeezed " + Format.count(cpu.timeSqueeze()) +
                        "  backlog_len " + Format.optional(cpu.backlogLen()));
                }
            }
        }
        if (diff.udpSockets() != null)
        {
            for (final UdpSocketDelta delta : diff.udpSockets())
            {
                final UdpSocket socket = delta.socket();
                if (all || delta.drops() != 0 || socket.rxQueueBytes() != 0)
                {
                    out.println("    socket " + TextReport.endpoint(socket.localAddress().getHostAddress(),
                        socket.localPort(), socket.ipv6()) + "  inode " + socket.inode() + "  rx_queue " +
                        Format.count(socket.rxQueueBytes()) + " B  drops " + format.drop(delta.drops()) +
                        (delta.isNew() ? "  (new)" : ""));
                }
            }
        }
        final LayerDrops nic = diff.layer(Layer.NIC);
        nic.counters().forEach((name, value) -> out.println("    nic " + name + " " + format.drop(value)));
        if (diff.dropReasons() != null && diff.dropReasons().available())
        {
            for (final DropReasonCount count : diff.dropReasons().counts())
            {
                out.println("    drop reason " + TextReport.reason(count) + " " + format.drop(count.count()));
            }
            if (diff.dropReasons().lostRecords() != 0)
            {
                out.println("    drop reasons: " + Format.count(diff.dropReasons().lostRecords()) +
                    " records lost by the trace buffer: the counts are short by that many");
            }
        }
    }

    private static String tracepoints(final Map<String, Long> counts)
    {
        if (counts == null)
        {
            return Format.ABSENT;
        }
        long total = 0;
        for (final Long count : counts.values())
        {
            total += count == null ? 0 : count;
        }
        return Format.count(total);
    }

    private String cells(final String... values)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++)
        {
            final String value = values[i];
            final int visible = value.replaceAll("\u001B\\[[0-9;]*m", "").length();
            final int pad = Math.max(0, widths[i] - visible);
            if (i == 0)
            {
                line.append(value).append(" ".repeat(pad));
            }
            else
            {
                line.append("  ").append(" ".repeat(pad)).append(value);
            }
        }
        return line.toString();
    }
}
