package io.rxbreak.core.counters;

import java.util.List;
import java.util.Map;

/**
 * Every receive-path counter at one moment. A part whose file was missing is null (the kernel does not provide
 * it, or a capture lacks it); a part is never invented as zero.
 *
 * @param monotonicNs {@link System#nanoTime()} when sampled (CLOCK_MONOTONIC on Linux, comparable between
 *     processes of one boot).
 * @param epochMs wall-clock time when sampled, milliseconds since the epoch.
 * @param bootId the kernel's boot id ({@code /proc/sys/kernel/random/boot_id}), or null: monotonic times of two
 *     snapshots compare only when their boot ids are equal.
 * @param softnet {@code /proc/net/softnet_stat} (machine-wide).
 * @param snmp {@code /proc/net/snmp} of the namespace read.
 * @param netstat {@code /proc/net/netstat} of the namespace read (TcpExt, IpExt, MPTcpExt: the same layout as snmp,
 *     read by {@link SnmpParser}), or null when absent.
 * @param udpSockets {@code /proc/net/udp} and {@code udp6} of the namespace read.
 * @param netDev {@code /proc/net/dev}: interface name to counters.
 * @param interfaceStatistics {@code /sys/class/net/DEV/statistics/*}, or null when not read (no sysfs, or the
 *     process read lives in another namespace than sysfs shows).
 * @param memberships multicast group memberships per device ({@code igmp}, {@code igmp6}).
 * @param tunables the tunables, or null when not read.
 * @param tracepoints tracepoint hit counts, or null when tracepoints were not counted.
 * @param dropReasons the kernel's drop reasons counted so far (machine-wide), or null when not counted.
 * @param softirqs the NET_RX and NET_TX rows of {@code /proc/softirqs} (machine-wide), or null when not read.
 * @param ksoftirqd the {@code ksoftirqd/N} threads' CPU accounting, by CPU, or null when not found.
 */
public record CounterSnapshot(
    long monotonicNs,
    long epochMs,
    String bootId,
    SoftnetStat softnet,
    SnmpCounters snmp,
    SnmpCounters netstat,
    UdpSocketTable udpSockets,
    Map<String, NetDevInterface> netDev,
    Map<String, Map<String, Long>> interfaceStatistics,
    List<GroupMembership> memberships,
    Tunables tunables,
    TracepointCounts tracepoints,
    DropReasons dropReasons,
    Softirqs softirqs,
    List<KsoftirqdThread> ksoftirqd)
{
    /**
     * @param counts tracepoint counts read at the same moment.
     * @return this snapshot with them.
     */
    public CounterSnapshot withTracepoints(final TracepointCounts counts)
    {
        return new CounterSnapshot(monotonicNs, epochMs, bootId, softnet, snmp, netstat, udpSockets, netDev,
            interfaceStatistics, memberships, tunables, counts, dropReasons, softirqs, ksoftirqd);
    }

    /**
     * @param reasons drop reasons read at the same moment.
     * @return this snapshot with them.
     */
    public CounterSnapshot withDropReasons(final DropReasons reasons)
    {
        return new CounterSnapshot(monotonicNs, epochMs, bootId, softnet, snmp, netstat, udpSockets, netDev,
            interfaceStatistics, memberships, tunables, tracepoints, reasons, softirqs, ksoftirqd);
    }
}
