package io.rxbreak.core.counters;

import java.util.ArrayList;
import java.util.List;

/**
 * The sysctls that move a {@link Layer}'s limit, typed: the names its knob ({@link Layer#knob()}) speaks of, for
 * what proposes and applies values. A layer whose knob is not a sysctl (the NIC ring: ethtool; the application) has
 * none.
 */
public enum LayerSysctl
{
    /** The largest SO_RCVBUF a socket may ask for (the kernel doubles the request, up to twice this). */
    RMEM_MAX("net.core.rmem_max", Layer.SOCKET_BUFFER),
    /** The receive buffer of a socket that does not ask for one. */
    RMEM_DEFAULT("net.core.rmem_default", Layer.SOCKET_BUFFER),
    /** The per-CPU backlog's length, in packets. */
    NETDEV_MAX_BACKLOG("net.core.netdev_max_backlog", Layer.SOFTIRQ_BACKLOG),
    /** The packets one softirq run may take from all devices before it yields (time_squeeze counts the yields). */
    NETDEV_BUDGET("net.core.netdev_budget", Layer.SOFTIRQ_BACKLOG),
    /** The microseconds one softirq run may take before it yields. */
    NETDEV_BUDGET_USECS("net.core.netdev_budget_usecs", Layer.SOFTIRQ_BACKLOG),
    /** All UDP sockets' memory, in pages: min, pressure, max. */
    UDP_MEM("net.ipv4.udp_mem", Layer.GLOBAL_UDP_MEMORY),
    /**
     * Reverse-path filtering for every interface: the kernel applies the larger of this and the interface's own
     * ({@code net.ipv4.conf.DEV.rp_filter}); 2 (loose) accepts a source reachable through any interface.
     */
    RP_FILTER_ALL("net.ipv4.conf.all.rp_filter", Layer.ROUTING_FILTERING);

    private final String sysctlName;
    private final Layer layer;

    LayerSysctl(final String sysctlName, final Layer layer)
    {
        this.sysctlName = sysctlName;
        this.layer = layer;
    }

    /**
     * @return the dotted name, like {@code net.core.rmem_max}.
     */
    public String sysctlName()
    {
        return sysctlName;
    }

    /**
     * @return the layer it moves.
     */
    public Layer layer()
    {
        return layer;
    }

    /**
     * @param layer a layer.
     * @return the sysctls that move it, in this order; empty when none does.
     */
    public static List<LayerSysctl> of(final Layer layer)
    {
        final List<LayerSysctl> sysctls = new ArrayList<>();
        for (final LayerSysctl sysctl : values())
        {
            if (sysctl.layer == layer)
            {
                sysctls.add(sysctl);
            }
        }
        return sysctls;
    }
}
