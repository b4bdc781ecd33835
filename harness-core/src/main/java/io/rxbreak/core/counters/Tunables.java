package io.rxbreak.core.counters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that decide where the break point lies, as read: sysctls from {@code /proc/sys}, RPS CPU masks
 * per receive queue, IRQ affinity and, when {@code ethtool} is present, ring sizes. A setting that could not be
 * read is absent from its map, never zero.
 *
 * @param sysctls sysctl name (dotted, like {@code net.core.rmem_max}) to its value, white space normalised.
 * @param rpsCpus {@code DEV/rx-N} to its {@code rps_cpus} mask.
 * @param irqAffinity IRQ number (with its action names, like {@code 24 virtio0-input.0}) to its affinity list.
 * @param ringSizes {@code DEV} to {@code rx=N tx=N} (current sizes), or null when {@code ethtool} is absent.
 */
public record Tunables(
    Map<String, String> sysctls,
    Map<String, String> rpsCpus,
    Map<String, String> irqAffinity,
    Map<String, String> ringSizes)
{
    /** The sysctls read into every report. */
    public static final List<String> SYSCTLS = List.of(
        "net.core.rmem_default",
        "net.core.rmem_max",
        "net.core.netdev_max_backlog",
        "net.core.netdev_budget",
        "net.core.netdev_budget_usecs",
        "net.core.dev_weight",
        "net.core.busy_read",
        "net.core.busy_poll",
        "net.ipv4.udp_mem",
        "net.ipv4.udp_rmem_min");

    public Tunables
    {
        sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        rpsCpus = Collections.unmodifiableMap(new LinkedHashMap<>(rpsCpus));
        irqAffinity = Collections.unmodifiableMap(new LinkedHashMap<>(irqAffinity));
        ringSizes = ringSizes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(ringSizes));
    }

    /**
     * @param name a sysctl, like {@code net.core.rmem_max}.
     * @return its value as a number, or null when absent or not a single number.
     */
    public Long sysctlLong(final String name)
    {
        final String value = sysctls.get(name);
        if (value == null)
        {
            return null;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * @param sysctl a dotted name.
     * @return its path under {@code /proc/sys}, like {@code net/core/rmem_max}.
     */
    public static String sysctlPath(final String sysctl)
    {
        return "sys/" + sysctl.replace('.', '/');
    }
}
