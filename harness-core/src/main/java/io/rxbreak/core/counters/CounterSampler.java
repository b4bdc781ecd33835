package io.rxbreak.core.counters;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link CounterSnapshot}s from a set of {@link CounterRoots}, reusing its buffers and parsers: one per
 * sampling thread. When the roots name a process in another network namespace, the namespace's files come from
 * {@code /proc/PID/net/} and interface statistics from sysfs are left out (sysfs shows the reader's namespace).
 */
public final class CounterSampler
{
    private final CounterRoots roots;
    private final boolean readTunables;
    private final CounterFiles files = new CounterFiles();
    private final SoftnetStatParser softnetParser = new SoftnetStatParser();
    private final UdpSocketParser udpParser = new UdpSocketParser();
    private final SnmpParser snmpParser = new SnmpParser();
    private final NetDevParser netDevParser = new NetDevParser();
    private final IgmpParser igmpParser = new IgmpParser();
    private final SoftirqsParser softirqsParser = new SoftirqsParser();
    private final KsoftirqdReader ksoftirqdReader;
    private final InterfaceStatisticsReader interfaceStatisticsReader;
    private final TunablesReader tunablesReader;
    private final boolean sysfsMatchesNamespace;
    private Tunables tunables;

    /**
     * @param roots where to read.
     * @param readTunables whether to read tunables (once, on the first sample).
     */
    public CounterSampler(final CounterRoots roots, final boolean readTunables)
    {
        this.roots = roots;
        this.readTunables = readTunables;
        this.interfaceStatisticsReader = new InterfaceStatisticsReader(roots.sysRoot(), files);
        this.sysfsMatchesNamespace = roots.sysfsShowsNamespace();
        this.tunablesReader = new TunablesReader(roots, sysfsMatchesNamespace);
        this.ksoftirqdReader = new KsoftirqdReader(roots.procRoot());
    }

    public CounterRoots roots()
    {
        return roots;
    }

    /**
     * @return whether {@code /sys/class/net} shows the namespace read (false for a process in another one).
     */
    public boolean sysfsMatchesNamespace()
    {
        return sysfsMatchesNamespace;
    }

    /**
     * @return every counter now.
     * @throws MalformedCounterException when a file is malformed.
     * @throws UncheckedIOException when a file exists but cannot be read.
     */
    public CounterSnapshot sample()
    {
        final long monotonicNs = System.nanoTime();
        final long epochMs = System.currentTimeMillis();
        final SoftnetStat softnet = softnetParser.read(roots.softnetStat(), files);
        final SnmpCounters snmp = snmpParser.read(roots.net("snmp"), files);
        final SnmpCounters netstat = snmpParser.read(roots.net("netstat"), files);
        final List<UdpSocket> udp4 = udpParser.read(roots.net("udp"), files, false);
        final List<UdpSocket> udp6 = udpParser.read(roots.net("udp6"), files, true);
        final UdpSocketTable udp = udp4 == null && udp6 == null ? null : UdpSocketTable.of(udp4, udp6);
        final Map<String, NetDevInterface> netDev = netDevParser.read(roots.net("dev"), files);
        final Map<String, Map<String, Long>> statistics = sysfsMatchesNamespace ? interfaceStatisticsReader.read() : null;
        final List<GroupMembership> memberships = igmpParser.read(roots.net("igmp"), roots.net("igmp6"), files);
        if (readTunables && tunables == null)
        {
            tunables = tunablesReader.read();
        }
        return new CounterSnapshot(monotonicNs, epochMs, bootId(), softnet, snmp, netstat, udp, netDev, statistics,
            memberships, tunables, null, null, softirqsParser.read(roots.procRoot().resolve("softirqs"), files),
            ksoftirqdReader.read(files));
    }

    private String bootId()
    {
        return files.read(roots.procRoot().resolve("sys/kernel/random/boot_id")) ? files.text() : null;
    }
}
