package io.rxbreak.core.counters;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxbreak.core.control.Json;

/**
 * The JSON contract of snapshots and diffs (documented in {@code docs/readme/counters.md}). A value the kernel
 * does not provide is {@code null}; u64 values above 2^63-1 are written unsigned. Written and read with rxbreak's one
 * JSON configuration ({@link Json}).
 */
public final class CountersJson
{
    /** Bumped when a key changes meaning or disappears; new keys do not bump it. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private CountersJson()
    {
    }

    /**
     * @return the mapper used to write (and read) the JSON: {@link Json#MAPPER}.
     */
    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /**
     * @param snapshot a snapshot.
     * @return its JSON object.
     */
    public static ObjectNode snapshot(final CounterSnapshot snapshot)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "snapshot");
        node.put("formatVersion", FORMAT_VERSION);
        time(node, snapshot);
        final SoftnetStat softnet = snapshot.softnet();
        if (softnet == null)
        {
            node.putNull("softnetColumns");
            node.putNull("cpuIdSource");
            node.putNull("softnet");
        }
        else
        {
            node.put("softnetColumns", softnet.columns());
            node.put("cpuIdSource", softnet.cpuIdSource() == CpuIdSource.CPU_COLUMN ? "cpu-column" : "row-number");
            final ArrayNode rows = node.putArray("softnet");
            for (final SoftnetCpu cpu : softnet.cpus())
            {
                final ObjectNode row = rows.addObject();
                row.put("cpu", cpu.cpu());
                row.put("processed", cpu.processed());
                row.put("dropped", cpu.dropped());
                row.put("timeSqueeze", cpu.timeSqueeze());
                optional(row, "receivedRps", cpu.receivedRps());
                optional(row, "flowLimitCount", cpu.flowLimitCount());
                optional(row, "backlogLen", cpu.backlogLen());
                optional(row, "inputQueueLen", cpu.inputQueueLen());
                optional(row, "processQueueLen", cpu.processQueueLen());
            }
        }
        nested(node, "snmp", snapshot.snmp() == null ? null : snapshot.snmp().sections());
        nested(node, "netstat", snapshot.netstat() == null ? null : snapshot.netstat().sections());
        if (snapshot.udpSockets() == null)
        {
            node.putNull("udpSockets");
        }
        else
        {
            final ArrayNode sockets = node.putArray("udpSockets");
            for (final UdpSocket socket : snapshot.udpSockets().sockets())
            {
                socket(sockets.addObject(), socket);
            }
        }
        if (snapshot.netDev() == null)
        {
            node.putNull("netDev");
        }
        else
        {
            final ObjectNode devices = node.putObject("netDev");
            for (final NetDevInterface device : snapshot.netDev().values())
            {
                final ObjectNode values = devices.putObject(device.name());
                for (int i = 0; i < NetDevInterface.COLUMNS.size(); i++)
                {
                    unsigned(values, NetDevInterface.COLUMNS.get(i), device.values()[i]);
                }
            }
        }
        nested(node, "interfaceStatistics", snapshot.interfaceStatistics());
        tunables(node, snapshot.tunables());
        memberships(node, snapshot.memberships());
        tracepoints(node, snapshot.tracepoints());
        dropReasons(node, snapshot.dropReasons());
        softirqs(node, snapshot);
        return node;
    }

    private static void softirqs(final ObjectNode node, final CounterSnapshot snapshot)
    {
        if (snapshot.softirqs() == null)
        {
            node.putNull("softirqs");
        }
        else
        {
            final ArrayNode rows = node.putArray("softirqs");
            for (final SoftirqCpu cpu : snapshot.softirqs().cpus())
            {
                final ObjectNode row = rows.addObject();
                row.put("cpu", cpu.cpu());
                row.put("netRx", cpu.netRx());
                optional(row, "netTx", cpu.netTx());
            }
        }
        if (snapshot.ksoftirqd() == null)
        {
            node.putNull("ksoftirqd");
        }
        else
        {
            final ArrayNode rows = node.putArray("ksoftirqd");
            for (final KsoftirqdThread thread : snapshot.ksoftirqd())
            {
                final ObjectNode row = rows.addObject();
                row.put("cpu", thread.cpu());
                row.put("pid", thread.pid());
                row.put("onCpuNs", thread.onCpuNs());
                optional(row, "runQueueWaitNs", thread.runQueueWaitNs());
            }
        }
    }

    /**
     * @param diff a diff.
     * @return its JSON object.
     */
    public static ObjectNode diff(final CounterDiff diff)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "diff");
        node.put("formatVersion", FORMAT_VERSION);
        if (diff.intervalNs() == null)
        {
            node.putNull("intervalNs");
        }
        else
        {
            node.put("intervalNs", diff.intervalNs());
        }
        time(node.putObject("before"), diff.before());
        time(node.putObject("after"), diff.after());
        if (diff.softnet() == null)
        {
            node.putNull("softnet");
        }
        else
        {
            final ArrayNode rows = node.putArray("softnet");
            for (final SoftnetCpuDelta cpu : diff.softnet())
            {
                final ObjectNode row = rows.addObject();
                row.put("cpu", cpu.cpu());
                row.put("processed", cpu.processed());
                row.put("dropped", cpu.dropped());
                row.put("timeSqueeze", cpu.timeSqueeze());
                optional(row, "receivedRps", cpu.receivedRps());
                optional(row, "flowLimitCount", cpu.flowLimitCount());
                optional(row, "backlogLen", cpu.backlogLen());
            }
        }
        nested(node, "snmp", diff.snmp());
        nested(node, "netstat", diff.netstat());
        if (diff.udpSockets() == null)
        {
            node.putNull("udpSockets");
        }
        else
        {
            final ArrayNode sockets = node.putArray("udpSockets");
            for (final UdpSocketDelta delta : diff.udpSockets())
            {
                final ObjectNode socket = sockets.addObject();
                socket(socket, delta.socket());
                socket.put("drops", delta.drops());
                socket.put("new", delta.isNew());
            }
        }
        nested(node, "netDev", diff.netDev());
        nested(node, "interfaceStatistics", diff.interfaceStatistics());
        if (diff.tracepoints() == null)
        {
            node.putNull("tracepoints");
        }
        else
        {
            final ObjectNode tracepoints = node.putObject("tracepoints");
            diff.tracepoints().forEach((event, count) -> nullable(tracepoints, event, count));
        }
        dropReasons(node, diff.dropReasons());
        final ObjectNode layers = node.putObject("layers");
        for (final LayerDrops drops : diff.layers().values())
        {
            final ObjectNode layer = layers.putObject(drops.layer().label());
            nullable(layer, "drops", drops.drops());
            final ObjectNode counters = layer.putObject("counters");
            drops.counters().forEach((name, value) -> nullable(counters, name, value));
            layer.put("note", drops.note());
            layer.put("meaning", drops.layer().meaning());
            layer.put("knob", drops.layer().knob());
        }
        final ArrayNode notes = node.putArray("notes");
        diff.notes().forEach(notes::add);
        return node;
    }

    private static void time(final ObjectNode node, final CounterSnapshot snapshot)
    {
        node.put("monotonicNs", snapshot.monotonicNs());
        node.put("epochMs", snapshot.epochMs());
        node.put("time", snapshot.epochMs() > 0 ? Instant.ofEpochMilli(snapshot.epochMs()).toString() : null);
        node.put("bootId", snapshot.bootId());
    }

    private static void socket(final ObjectNode node, final UdpSocket socket)
    {
        node.put("localAddress", socket.localAddress().getHostAddress());
        node.put("localPort", socket.localPort());
        node.put("remoteAddress", socket.remoteAddress().getHostAddress());
        node.put("remotePort", socket.remotePort());
        node.put("state", socket.state());
        node.put("txQueueBytes", socket.txQueueBytes());
        node.put("rxQueueBytes", socket.rxQueueBytes());
        node.put("uid", socket.uid());
        node.put("inode", socket.inode());
        node.put("ref", socket.ref());
        node.put("drops", socket.drops());
        node.put("ipv6", socket.ipv6());
    }

    private static void tunables(final ObjectNode node, final Tunables tunables)
    {
        if (tunables == null)
        {
            node.putNull("tunables");
            node.putNull("rpsCpus");
            node.putNull("irqAffinity");
            node.putNull("ringSizes");
            return;
        }
        final ObjectNode sysctls = node.putObject("tunables");
        for (final String name : Tunables.SYSCTLS)
        {
            final String value = tunables.sysctls().get(name);
            if (value == null)
            {
                sysctls.putNull(name);
            }
            else if (value.matches("-?[0-9]+"))
            {
                sysctls.put(name, Long.parseLong(value));
            }
            else if (value.matches("-?[0-9]+( -?[0-9]+)+"))
            {
                final ArrayNode numbers = sysctls.putArray(name);
                for (final String part : value.split(" "))
                {
                    numbers.add(Long.parseLong(part));
                }
            }
            else
            {
                sysctls.put(name, value);
            }
        }
        final ObjectNode rps = node.putObject("rpsCpus");
        tunables.rpsCpus().forEach(rps::put);
        final ObjectNode irq = node.putObject("irqAffinity");
        tunables.irqAffinity().forEach(irq::put);
        if (tunables.ringSizes() == null)
        {
            node.putNull("ringSizes");
        }
        else
        {
            final ObjectNode rings = node.putObject("ringSizes");
            tunables.ringSizes().forEach(rings::put);
        }
    }

    private static void memberships(final ObjectNode node, final List<GroupMembership> memberships)
    {
        if (memberships == null)
        {
            node.putNull("memberships");
            return;
        }
        final ArrayNode array = node.putArray("memberships");
        for (final GroupMembership membership : memberships)
        {
            final ObjectNode entry = array.addObject();
            entry.put("device", membership.device());
            entry.put("group", membership.group().getHostAddress());
            entry.put("users", membership.users());
        }
    }

    private static void tracepoints(final ObjectNode node, final TracepointCounts counts)
    {
        if (counts == null)
        {
            node.putNull("tracepoints");
            return;
        }
        final ObjectNode tracepoints = node.putObject("tracepoints");
        tracepoints.put("available", counts.available());
        tracepoints.put("unavailableReason", counts.unavailableReason());
        final ObjectNode values = tracepoints.putObject("counts");
        counts.counts().forEach(values::put);
    }

    /**
     * @param node where to put {@code dropReasons}.
     * @param reasons the reasons, or null when not counted.
     */
    public static void dropReasons(final ObjectNode node, final DropReasons reasons)
    {
        if (reasons == null)
        {
            node.putNull("dropReasons");
            return;
        }
        final ObjectNode object = node.putObject("dropReasons");
        object.put("available", reasons.available());
        object.put("unavailableReason", reasons.unavailableReason());
        object.put("machineWide", DropReasons.MACHINE_WIDE);
        object.put("lostRecords", reasons.lostRecords());
        final ArrayNode array = object.putArray("reasons");
        for (final DropReasonCount count : reasons.counts())
        {
            final ObjectNode entry = array.addObject();
            final DropReasonKind kind = count.kind();
            entry.put("reason", count.reason());
            entry.put("function", count.function());
            entry.put("transport", count.transport().name().toLowerCase(Locale.ROOT));
            entry.put("layer", kind == null ? "other" : kind.layer().label());
            entry.put("count", count.count());
            entry.put("meaning", kind == null ? null : kind.meaning());
            entry.put("knob", kind == null ? null : kind.knob());
        }
    }

    private static void nested(final ObjectNode node, final String key, final Map<String, Map<String, Long>> values)
    {
        if (values == null)
        {
            node.putNull(key);
            return;
        }
        final ObjectNode outer = node.putObject(key);
        values.forEach((name, columns) ->
        {
            final ObjectNode inner = outer.putObject(name);
            columns.forEach((column, value) -> nullable(inner, column, value));
        });
    }

    private static void nullable(final ObjectNode node, final String key, final Long value)
    {
        if (value == null)
        {
            node.putNull(key);
        }
        else
        {
            node.put(key, value);
        }
    }

    private static void optional(final ObjectNode node, final String key, final long value)
    {
        if (value == SoftnetCpu.ABSENT)
        {
            node.putNull(key);
        }
        else
        {
            node.put(key, value);
        }
    }

    private static void unsigned(final ObjectNode node, final String key, final long value)
    {
        if (value < 0)
        {
            node.put(key, new java.math.BigInteger(Long.toUnsignedString(value)));
        }
        else
        {
            node.put(key, value);
        }
    }
}
