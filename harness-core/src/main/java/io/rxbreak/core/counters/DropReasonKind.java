package io.rxbreak.core.counters;

/**
 * The kernel's drop reasons ({@code enum skb_drop_reason}, the {@code reason} of the {@code skb:kfree_skb}
 * tracepoint) that rxbreak understands, described once: the kernel's name, the freeing function when the name alone
 * does not tell (the kernel frees some multicast with {@code NOT_SPECIFIED}), the {@link Layer} the drop belongs to,
 * what it means for a multicast receiver, and the knob that moves it. A reason not listed here keeps its kernel name
 * and is shown as "other". The numbers behind the names differ between kernels: they are read from the event's
 * format file, never from here.
 */
public enum DropReasonKind
{
    /** The socket's receive buffer was full. */
    SOCKET_RCVBUFF("SOCKET_RCVBUFF", null, Layer.SOCKET_BUFFER,
        "the socket receive buffer was full (Udp RcvbufErrors)", null),

    /** The socket's backlog (filled while its reader held the socket lock) was over the limit. */
    SOCKET_BACKLOG("SOCKET_BACKLOG", null, Layer.SOCKET_BUFFER,
        "the socket's backlog, filled while the reader held the socket, was over sk_rcvbuf", null),

    /** The per-CPU backlog was over net.core.netdev_max_backlog. */
    CPU_BACKLOG("CPU_BACKLOG", null, Layer.SOFTIRQ_BACKLOG,
        "the per-CPU backlog was over net.core.netdev_max_backlog (softnet_stat dropped)", null),

    /** All UDP sockets together were over net.ipv4.udp_mem. */
    PROTO_MEM("PROTO_MEM", null, Layer.GLOBAL_UDP_MEMORY,
        "all UDP sockets together were over net.ipv4.udp_mem (Udp MemErrors)", null),

    /** A device's ring (tun/tap, veth with XDP) was full. */
    FULL_RING("FULL_RING", null, Layer.NIC, "a device's ring was full", null),

    /** The reverse-path filter refused the source. */
    IP_RPFILTER("IP_RPFILTER", null, Layer.ROUTING_FILTERING,
        "the reverse-path filter refused it: the source is not routed back through the interface it came in on "
            + "(TcpExt IPReversePathFilter)",
        "route the source back through this interface, or set net.ipv4.conf.{all,DEV}.rp_filter to 2 (loose) or 0"),

    /** A netfilter rule dropped it. */
    NETFILTER_DROP("NETFILTER_DROP", null, Layer.ROUTING_FILTERING,
        "a netfilter rule (nftables, iptables) dropped it",
        "find the rule (nft list ruleset, iptables-save) and accept the group's port"),

    /** No route for the destination. */
    IP_INNOROUTES("IP_INNOROUTES", null, Layer.ROUTING_FILTERING,
        "there was no route for it (IpExt InNoRoutes)", "add the route (multicast: 224.0.0.0/4 on the receiving device)"),

    /** The destination address is not valid here. */
    IP_INADDRERRORS("IP_INADDRERRORS", null, Layer.ROUTING_FILTERING,
        "its destination address is not valid on this host (Ip InAddrErrors)", "check the group and the routes"),

    /** The destination is not valid (for example a multicast group routing refused). */
    IP_INVALID_DEST("IP_INVALID_DEST", null, Layer.ROUTING_FILTERING,
        "routing refused its destination address", "check the group, the routes and the group's membership"),

    /** The source address is invalid (martian). */
    IP_INVALID_SOURCE("IP_INVALID_SOURCE", null, Layer.ROUTING_FILTERING,
        "its source address is invalid here (a martian)", "fix the sender's source address"),

    /** The source address is one of this host's. */
    IP_LOCAL_SOURCE("IP_LOCAL_SOURCE", null, Layer.ROUTING_FILTERING,
        "its source address is one of this host's own", "fix the sender's source address, or set accept_local"),

    /** A loopback-net address arrived on a device without route_localnet. */
    IP_LOCALNET("IP_LOCALNET", null, Layer.ROUTING_FILTERING,
        "a 127.0.0.0/8 address arrived on a device without route_localnet", "set net.ipv4.conf.DEV.route_localnet"),

    /** The frame was addressed to another host's MAC. */
    OTHERHOST("OTHERHOST", null, Layer.ROUTING_FILTERING,
        "the frame was for another host's MAC address", "check the sender's destination MAC and the switch"),

    /** No socket was bound to the destination port. */
    NO_SOCKET("NO_SOCKET", null, Layer.ROUTING_FILTERING,
        "no socket was bound to its port (Udp NoPorts)", "bind the receiver to the port the sender sends to"),

    /** A socket's own BPF filter refused it. */
    SOCKET_FILTER("SOCKET_FILTER", null, Layer.ROUTING_FILTERING,
        "the socket's own BPF filter (SO_ATTACH_FILTER) refused it", "check the socket's filter"),

    /**
     * Multicast that no socket joined on the device it came in on: the route lookup refuses it and
     * {@code ip_rcv_finish_core} frees it without a reason (measured on 6.18: only Ip InReceives moves).
     */
    NOT_A_MEMBER("NOT_SPECIFIED", "ip_rcv_finish_core", Layer.ROUTING_FILTERING,
        "no socket joined the group on the device it came in on (no counter but Ip InReceives shows it)",
        "join the group on the interface it arrives on (the receiver's --interface)"),

    /**
     * Multicast for a port whose sockets did not join the group and do not take every group
     * ({@code IP_MULTICAST_ALL} 0): {@code __udp4_lib_rcv} frees it without a reason (Udp IgnoredMulti).
     */
    NOT_JOINED_BY_SOCKET("NOT_SPECIFIED", "__udp4_lib_rcv", Layer.ROUTING_FILTERING,
        "sockets are bound to the port but none joined this group (IP_MULTICAST_ALL 0; Udp IgnoredMulti)",
        "join the group on the socket that should receive it"),

    /** The same as {@link #NOT_JOINED_BY_SOCKET} for IPv6. */
    NOT_JOINED_BY_SOCKET6("NOT_SPECIFIED", "__udp6_lib_rcv", Layer.ROUTING_FILTERING,
        "sockets are bound to the port but none joined this IPv6 group (Udp6 IgnoredMulti)",
        "join the group on the socket that should receive it"),

    /** The UDP checksum was wrong. */
    UDP_CSUM("UDP_CSUM", null, Layer.VALIDATION,
        "its UDP checksum was wrong (Udp InCsumErrors)",
        "the sender or the path corrupts datagrams: check the sender, the NIC's checksum offload, the cabling"),

    /** The IP header checksum was wrong. */
    IP_CSUM("IP_CSUM", null, Layer.VALIDATION, "its IP header checksum was wrong (Ip InHdrErrors)",
        "the sender or the path corrupts packets"),

    /** The IP header was invalid. */
    IP_INHDR("IP_INHDR", null, Layer.VALIDATION, "its IP header was invalid (Ip InHdrErrors)",
        "check the sender: header length, version, options"),

    /** Shorter than its headers say. */
    PKT_TOO_SMALL("PKT_TOO_SMALL", null, Layer.VALIDATION,
        "it was shorter than its headers say (Ip InTruncatedPkts or Udp InErrors)", "the sender or the path truncates"),

    /** The checksum over the whole packet failed. */
    SKB_CSUM("SKB_CSUM", null, Layer.VALIDATION, "its checksum failed", "the sender or the path corrupts packets"),

    /** The headers were truncated. */
    HDR_TRUNC("HDR_TRUNC", null, Layer.VALIDATION, "its headers were truncated", "the sender or the path truncates"),

    /**
     * A UDP socket closed with datagrams still queued: 6.18 frees them in {@code udp_destruct_common} without a
     * reason (seen on the test machine; newer kernels may say {@link #SOCKET_CLOSE}).
     */
    CLOSED_WITH_QUEUE("NOT_SPECIFIED", "udp_destruct_common", Layer.APPLICATION,
        "a UDP socket was closed with datagrams still queued: they were never read",
        "read the queue before closing, or ignore: the receiver stopped"),

    /** The socket closed with datagrams still queued. */
    SOCKET_CLOSE("SOCKET_CLOSE", null, Layer.APPLICATION,
        "the socket was closed with datagrams still queued: they were never read",
        "read the queue before closing, or ignore: the receiver stopped");

    private final String kernelName;
    private final String function;
    private final Layer layer;
    private final String meaning;
    private final String knob;

    DropReasonKind(final String kernelName, final String function, final Layer layer, final String meaning,
        final String knob)
    {
        this.kernelName = kernelName;
        this.function = function;
        this.layer = layer;
        this.meaning = meaning;
        this.knob = knob;
    }

    /**
     * @return the kernel's name of the reason, without {@code SKB_DROP_REASON_}.
     */
    public String kernelName()
    {
        return kernelName;
    }

    /**
     * @return the freeing function this kind needs, or null when the reason alone tells.
     */
    public String function()
    {
        return function;
    }

    /**
     * @return the layer the drop belongs to.
     */
    public Layer layer()
    {
        return layer;
    }

    /**
     * @return what the drop means, one sentence.
     */
    public String meaning()
    {
        return meaning;
    }

    /**
     * @return what to change; the layer's knob when the reason has none of its own.
     */
    public String knob()
    {
        return knob == null ? layer.knob() : knob;
    }

    /**
     * @param kernelName a reason's kernel name, like {@code IP_RPFILTER}.
     * @param function the freeing function, like {@code ip_rcv_finish_core}, or null when unknown.
     * @return the kind (one naming the function first), or null when rxbreak does not map it ("other").
     */
    public static DropReasonKind of(final String kernelName, final String function)
    {
        DropReasonKind byName = null;
        for (final DropReasonKind kind : values())
        {
            if (!kind.kernelName.equals(kernelName))
            {
                continue;
            }
            if (kind.function == null)
            {
                byName = kind;
            }
            else if (kind.function.equals(function))
            {
                return kind;
            }
        }
        return byName;
    }
}
