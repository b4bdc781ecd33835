package io.rxbreak.core.counters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads counter deltas as drops per {@link Layer} of the receive path: which counter belongs to which layer, how a
 * packet counted twice (a backlog drop is also a device's rx drop) is counted once, and what a layer cannot tell
 * on this host. {@link CounterDiffer} computes the deltas; this class only attributes them.
 */
final class LayerAttribution
{
    /** The prefix of a drop reason among a layer's counters. */
    static final String REASON_PREFIX = "kfree_skb ";

    /** The namespace counters of routing and filtering: section and column. */
    private static final List<String[]> ROUTING_COUNTERS = List.of(new String[] {"TcpExt", "IPReversePathFilter"},
        new String[] {"IpExt", "InNoRoutes"}, new String[] {"Ip", "InAddrErrors"});

    private LayerAttribution()
    {
    }

    /**
     * The deltas that layers are read from.
     *
     * @param softnet per-CPU deltas, or null.
     * @param snmp snmp deltas, or null.
     * @param netstat netstat deltas, or null.
     * @param sockets the selected sockets' deltas, or null.
     * @param netDev device deltas, or null.
     * @param tracepoints tracepoint deltas, or null.
     * @param reasons drop-reason deltas (machine-wide), or null.
     */
    record Deltas(List<SoftnetCpuDelta> softnet, Map<String, Map<String, Long>> snmp,
        Map<String, Map<String, Long>> netstat, List<UdpSocketDelta> sockets, Map<String, Map<String, Long>> netDev,
        Map<String, Long> tracepoints, DropReasons reasons)
    {
    }

    /**
     * @return every layer's drops, in layer order; the application layer unknown (only the application counts it).
     *     Where the kernel's drop reasons were counted, each layer also lists the reasons mapped to it; the
     *     routing/filtering layer, which only the reasons see in full (netfilter, a group nobody joined), takes the
     *     larger of its namespace counters and its reasons, saying so when they differ, never their sum.
     */
    static Map<Layer, LayerDrops> of(final Deltas deltas, final SocketSelection selection)
    {
        final Map<Layer, LayerDrops> layers = new LinkedHashMap<>();
        final LayerDrops softirq = softirqLayer(deltas.softnet());
        layers.put(Layer.NIC, nicLayer(deltas.netDev(), softirq.drops()));
        layers.put(Layer.SOFTIRQ_BACKLOG, softirq);
        layers.put(Layer.SOCKET_BUFFER, socketLayer(deltas.snmp(), deltas.sockets(), selection, deltas.tracepoints()));
        layers.put(Layer.GLOBAL_UDP_MEMORY, memoryLayer(deltas.snmp()));
        layers.put(Layer.APPLICATION, new LayerDrops(Layer.APPLICATION, null, Map.of(),
            "only the application can count these (sequence gaps no kernel counter explains)"));
        layers.put(Layer.VALIDATION, validationLayer(deltas.snmp()));
        layers.put(Layer.ROUTING_FILTERING, routingLayer(deltas.snmp(), deltas.netstat(), deltas.reasons()));
        if (deltas.reasons() != null && deltas.reasons().available())
        {
            for (final Map.Entry<Layer, LayerDrops> entry : layers.entrySet())
            {
                entry.setValue(withReasons(entry.getValue(), deltas.reasons()));
            }
        }
        return layers;
    }

    /**
     * @return the layer with the reasons mapped to it added to its counters as {@code kfree_skb REASON}.
     */
    private static LayerDrops withReasons(final LayerDrops drops, final DropReasons reasons)
    {
        final Map<String, Long> counters = new LinkedHashMap<>(drops.counters());
        for (final DropReasonCount count : reasons.udpAndNetwork())
        {
            if (count.layer() == drops.layer())
            {
                counters.merge(REASON_PREFIX + count.reason(), count.count(), Long::sum);
            }
        }
        return new LayerDrops(drops.layer(), drops.drops(), counters, drops.note());
    }

    /**
     * Routing and filtering: the namespace's reverse-path, no-route and address-error counters; the drop reasons
     * (machine-wide) also see netfilter and multicast nobody joined, which no counter shows.
     */
    private static LayerDrops routingLayer(final Map<String, Map<String, Long>> snmp,
        final Map<String, Map<String, Long>> netstat, final DropReasons reasons)
    {
        final Map<String, Long> counters = new LinkedHashMap<>();
        long fromCounters = 0;
        boolean anyCounter = false;
        for (final String[] counter : ROUTING_COUNTERS)
        {
            final Long value = value("Ip".equals(counter[0]) ? snmp : netstat, counter[0], counter[1]);
            if (value != null)
            {
                counters.put(counter[0] + " " + counter[1], value);
                fromCounters += value;
                anyCounter = true;
            }
        }
        if (reasons == null || !reasons.available())
        {
            return anyCounter
                ? new LayerDrops(Layer.ROUTING_FILTERING, fromCounters, counters,
                    "netfilter drops and multicast nobody joined show only in the kernel's drop reasons (root)")
                : new LayerDrops(Layer.ROUTING_FILTERING, null, counters, "neither netstat nor the drop reasons were read");
        }
        final long fromReasons = reasons.drops(Layer.ROUTING_FILTERING);
        final String note = fromReasons == fromCounters ? null
            : "the kernel's drop reasons (machine-wide) say " + fromReasons + ", the namespace's counters "
                + fromCounters + ": the larger is taken, not their sum";
        return new LayerDrops(Layer.ROUTING_FILTERING, Math.max(fromReasons, fromCounters), counters, note);
    }

    /**
     * @return the layers with the application layer filled in from the application's own count.
     */
    static Map<Layer, LayerDrops> withApplicationDrops(final Map<Layer, LayerDrops> layers, final long applicationDrops)
    {
        final Map<Layer, LayerDrops> filled = new LinkedHashMap<>(layers);
        filled.put(Layer.APPLICATION, new LayerDrops(Layer.APPLICATION, applicationDrops,
            Map.of("application", applicationDrops), null));
        return filled;
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
