package io.rxbreak.core.counters;

import java.util.List;

/**
 * The layers of the receive path where a multicast datagram can be lost, described once: a stable id, a label,
 * what a drop there means, the counters that show it and the knob that moves it. The first five are the
 * receive path; {@link #VALIDATION} and {@link #ROUTING_FILTERING} are further categories for datagrams the IP or
 * UDP layer rejected, or that routing or a filter refused before any socket (seen by the kernel's drop reasons:
 * {@link DropReasonKind}).
 */
public enum Layer
{
    /**
     * The NIC's ring buffer was full: the softirq did not drain it in time.
     */
    NIC(1, "nic",
        "the NIC ring buffer was full before the softirq drained it",
        List.of("/sys/class/net/DEV/statistics/rx_missed_errors", "rx_fifo_errors", "rx_dropped",
            "/proc/net/dev drop, fifo"),
        "raise the ring size (ethtool -G DEV rx N); move IRQ affinity (/proc/irq/N/smp_affinity_list) to an idle CPU"),

    /**
     * The per-CPU backlog was over {@code net.core.netdev_max_backlog} (RPS, loopback and veth go through it).
     */
    SOFTIRQ_BACKLOG(2, "softirq-backlog",
        "the per-CPU backlog queue was over net.core.netdev_max_backlog (or the flow limit)",
        List.of("/proc/net/softnet_stat dropped (column 2)", "time_squeeze (column 3, not a loss by itself)"),
        "raise net.core.netdev_max_backlog; raise net.core.netdev_budget and netdev_budget_usecs; "
            + "place IRQs and RPS (/sys/class/net/DEV/queues/rx-N/rps_cpus) on idle CPUs"),

    /**
     * The socket's receive buffer ({@code sk_rcvbuf}) was full.
     */
    SOCKET_BUFFER(3, "socket-buffer",
        "the socket receive buffer (sk_rcvbuf) was full: the application did not read fast enough for its buffer",
        List.of("/proc/net/udp drops (per socket)", "/proc/net/snmp Udp RcvbufErrors"),
        "raise the receiver's --rcvbuf and net.core.rmem_max (the kernel clamps SO_RCVBUF to it)"),

    /**
     * All UDP sockets together were over {@code net.ipv4.udp_mem}.
     */
    GLOBAL_UDP_MEMORY(4, "global-udp-memory",
        "all UDP sockets together used more than net.ipv4.udp_mem pages",
        List.of("/proc/net/snmp Udp MemErrors (kernel >= 5.11)"),
        "raise net.ipv4.udp_mem (pages: min pressure max)"),

    /**
     * The application's own queue overflowed or it never read: sequence gaps no kernel counter explains.
     */
    APPLICATION(5, "application",
        "the application lost datagrams after reading them, or never read them: only it can count these",
        List.of("the receiver's sequence gaps not explained by any counter above"),
        "the consumer is too slow: make it faster, or give it more threads or a larger queue"),

    /**
     * IP or UDP rejected the datagram: bad checksum, short packet, no memory for a copy.
     */
    VALIDATION(6, "validation",
        "IP or UDP rejected the datagram (bad checksum, bad header, IP discards)",
        List.of("/proc/net/snmp Udp InErrors - RcvbufErrors - MemErrors (includes InCsumErrors)", "Ip InDiscards"),
        "check the sender and the path: checksums, truncation, IP options"),

    /**
     * Routing or a filter refused the datagram before any socket: reverse-path filter, netfilter, no route, no
     * membership of the group on the device, another host's address.
     */
    ROUTING_FILTERING(7, "routing-filtering",
        "routing or a filter refused the datagram before any socket (rp_filter, netfilter, no route, not a member)",
        List.of("/proc/net/netstat TcpExt IPReversePathFilter", "IpExt InNoRoutes", "/proc/net/snmp Ip InAddrErrors",
            "skb:kfree_skb reasons (root)"),
        "see the kernel drop reason: rp_filter, the firewall's rules, the routes, the group's membership");

    private final int id;
    private final String label;
    private final String meaning;
    private final List<String> counters;
    private final String knob;

    Layer(final int id, final String label, final String meaning, final List<String> counters, final String knob)
    {
        this.id = id;
        this.label = label;
        this.meaning = meaning;
        this.counters = counters;
        this.knob = knob;
    }

    /**
     * @return a stable id, for storage.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the name used in output and JSON, for example {@code socket-buffer}.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return what a drop at this layer means.
     */
    public String meaning()
    {
        return meaning;
    }

    /**
     * @return the counters that show drops at this layer.
     */
    public List<String> counters()
    {
        return counters;
    }

    /**
     * @return what to change to move this layer's limit.
     */
    public String knob()
    {
        return knob;
    }

    /**
     * @param label a label as {@link #label()} prints it.
     * @return the layer.
     */
    public static Layer ofLabel(final String label)
    {
        for (final Layer layer : values())
        {
            if (layer.label.equals(label))
            {
                return layer;
            }
        }
        throw new IllegalArgumentException("no layer '" + label + "'");
    }
}
