package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CounterDifferTest
{
    private static final String UDP_HEADER =
        "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";

    @Test
    void u32DeltasComeOutRightAcrossAWrap()
    {
        assertThat(U32.delta(0xFFFF_FF00L, 0x10L)).isEqualTo(0x110);
        assertThat(U32.delta(5, 5)).isZero();
        assertThat(U32.delta(0, 0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
        assertThat(U32.delta(0xFFFF_FFFFL, 0)).isEqualTo(1);
    }

    @Test
    void softnetAndSocketDropsWrap()
    {
        final CounterSnapshot before = snapshot(1_000_000_000L,
            softnet("ffffff00 fffffffe 00000001 0 0 0 0 0 0 00000000 00000000 00000000 00000000"),
            snmp(10, 5, 5, 0, 0),
            udp("  1: 030201EF:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 77 2 0 4294967290\n"));
        final CounterSnapshot after = snapshot(3_000_000_000L,
            softnet("00000010 00000003 00000001 0 0 0 0 0 0 00000000 00000000 00000007 00000000"),
            snmp(20, 15, 15, 0, 0),
            udp("  1: 030201EF:1388 00000000:0000 07 00000000:00000D00 00:00000000 00000000 0 0 77 2 0 4\n"
                + "  2: 030201EF:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 78 2 0 3\n"));
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.intervalNs()).isEqualTo(2_000_000_000L);
        final SoftnetCpuDelta cpu = diff.softnet().get(0);
        assertThat(cpu.processed()).isEqualTo(0x110);
        assertThat(cpu.dropped()).isEqualTo(5);
        assertThat(cpu.timeSqueeze()).isZero();
        assertThat(cpu.backlogLen()).isEqualTo(7);
        assertThat(diff.socket(77).drops()).isEqualTo(10);
        assertThat(diff.socket(77).isNew()).isFalse();
        assertThat(diff.socket(78).drops()).isEqualTo(3);
        assertThat(diff.socket(78).isNew()).isTrue();
        assertThat(diff.layer(Layer.SOFTIRQ_BACKLOG).drops()).isEqualTo(5);
        assertThat(diff.layer(Layer.SOCKET_BUFFER).drops()).isEqualTo(10);
        assertThat(diff.layer(Layer.SOCKET_BUFFER).counters()).containsEntry("socket drops", 13L);
        assertThat(diff.layer(Layer.GLOBAL_UDP_MEMORY).drops()).isZero();
        assertThat(diff.layer(Layer.APPLICATION).drops()).isNull();
        assertThat(diff.layer(Layer.VALIDATION).drops()).isZero();
        assertThat(diff.layers().keySet()).containsExactly(Layer.values());
    }

    @Test
    void backlogDropsCountedInADevicesRxDroppedAreNotCountedTwice()
    {
        final CounterSnapshot before = new CounterSnapshot(1_000_000_000L, 1_000, "boot",
            softnet("00000000 00000000 00000000 0 0 0 0 0 0 00000000 00000000 00000000 00000000"), snmp(0, 0, 0, 0, 0),
            null, udp(""), Map.of("veth0", device("veth0", 10, 0)), null, List.of(), null, null, null, null, null);
        final CounterSnapshot after = new CounterSnapshot(2_000_000_000L, 2_000, "boot",
            softnet("00000100 00000034 00000000 0 0 0 0 0 0 00000000 00000000 00000000 00000000"), snmp(0, 0, 0, 0, 0),
            null, udp(""), Map.of("veth0", device("veth0", 10 + 52 + 3, 2)), null, List.of(), null, null, null, null, null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);

        assertThat(diff.layer(Layer.SOFTIRQ_BACKLOG).drops()).isEqualTo(52);
        assertThat(diff.layer(Layer.NIC).drops()).as("3 other rx drops and 2 fifo overruns").isEqualTo(5);
        assertThat(diff.layer(Layer.NIC).counters()).containsEntry("veth0 rxDropped", 55L);
        assertThat(diff.layer(Layer.NIC).note()).contains("less 52");
    }

    private static NetDevInterface device(final String name, final long rxDropped, final long rxFifo)
    {
        final long[] values = new long[16];
        values[3] = rxDropped;
        values[4] = rxFifo;
        return new NetDevInterface(name, values);
    }

    @Test
    void dropsArePlacedInTheirLayer()
    {
        final CounterSnapshot before = snapshot(0, softnet("0 0 0 0 0 0 0 0 0"), snmp(100, 10, 6, 1, 2), null);
        final CounterSnapshot after = snapshot(1_000_000_000L, softnet("0 0 0 0 0 0 0 0 0"), snmp(200, 40, 26, 5, 3), null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.snmpDelta("Udp", "InDatagrams")).isEqualTo(100);
        assertThat(diff.layer(Layer.SOCKET_BUFFER).drops()).isEqualTo(20);
        assertThat(diff.layer(Layer.GLOBAL_UDP_MEMORY).drops()).isEqualTo(4);
        // InErrors 30 = RcvbufErrors 20 + MemErrors 4 + 6 others; Ip InDiscards moved by 1
        assertThat(diff.layer(Layer.VALIDATION).drops()).isEqualTo(7);
        assertThat(diff.layer(Layer.VALIDATION).counters()).containsEntry("Ip InDiscards", 1L);
        assertThat(CounterDiffer.withApplicationDrops(diff, 9).layer(Layer.APPLICATION).drops()).isEqualTo(9);
    }

    @Test
    void memErrorsAbsentMeansCannotTellNotZero()
    {
        final SnmpCounters older = ParseFixtures.snmp("linux-4.19-no-memerrors.txt");
        final CounterSnapshot before = new CounterSnapshot(0, 1, null, null, older, null, null, null, null, List.of(), null, null, null, null, null);
        final CounterSnapshot after = new CounterSnapshot(0, 2, null, null, older, null, null, null, null, List.of(), null, null, null, null, null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.layer(Layer.GLOBAL_UDP_MEMORY).drops()).isNull();
        assertThat(diff.layer(Layer.GLOBAL_UDP_MEMORY).note()).contains("5.11");
        assertThat(diff.layer(Layer.SOFTIRQ_BACKLOG).drops()).isNull();
        assertThat(diff.softnet()).isNull();
        assertThat(diff.notes()).anyMatch(note -> note.contains("wall-clock"));
    }

    @Test
    void aCounterThatWentBackwardsIsUnknownAndNoted()
    {
        final CounterSnapshot before = snapshot(0, null, snmp(100, 10, 6, 1, 2), null);
        final CounterSnapshot after = snapshot(1, null, snmp(50, 10, 6, 1, 2), null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.snmpDelta("Udp", "InDatagrams")).isNull();
        assertThat(diff.notes()).anyMatch(note -> note.contains("Udp InDatagrams went backwards"));
    }

    @Test
    void aCpuThatWentOfflineIsNoted()
    {
        final CounterSnapshot before = snapshot(0,
            softnet("1 0 0 0 0 0 0 0 0 0 0 0 00000000\n1 0 0 0 0 0 0 0 0 0 0 0 00000001"), null, null);
        final CounterSnapshot after = snapshot(1, softnet("2 0 0 0 0 0 0 0 0 0 0 0 00000000"), null, null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.softnet()).hasSize(1);
        assertThat(diff.notes()).anyMatch(note -> note.contains("CPU 1 went offline"));
    }

    @Test
    void selectionByPortInodeAndGroup() throws Exception
    {
        final UdpSocketTable table = UdpSocketTable.of(ParseFixtures.udp("udp-real-6.18.txt", false),
            ParseFixtures.udp("udp6-real-6.18.txt", true));
        final java.net.InetAddress group = java.net.InetAddress.getByName("239.1.2.3");
        assertThat(table.sockets().stream().filter(new SocketSelection(0, Set.of(), group)::matches))
            .extracting(UdpSocket::localPort).containsExactly(40002);
        assertThat(table.sockets().stream().filter(new SocketSelection(40005, Set.of(), null)::matches))
            .extracting(UdpSocket::inode).containsExactly(13422L);
        assertThat(table.sockets().stream().filter(new SocketSelection(0, Set.of(13418L, 13421L), null)::matches))
            .hasSize(2);
        assertThat(table.sockets().stream().filter(new SocketSelection(40005, Set.of(), group)::matches))
            .extracting(UdpSocket::localPort).containsExactly(40005);
        assertThat(table.sockets().stream().filter(SocketSelection.ALL::matches)).hasSize(6);
    }

    @Test
    void theIntervalComesFromTheMonotonicClockWithinABootAndElseFromTheWallClock()
    {
        final CounterSnapshot before = bare(5_000_000_000L, 10_000, "boot-a");
        assertThat(CounterDiffer.diff(before, bare(7_500_000_000L, 99_999, "boot-a"), SocketSelection.ALL).intervalNs())
            .as("same boot: monotonic").isEqualTo(2_500_000_000L);
        final CounterDiff otherBoot = CounterDiffer.diff(before, bare(1_000L, 12_500, "boot-b"), SocketSelection.ALL);
        assertThat(otherBoot.intervalNs()).isEqualTo(2_500_000_000L);
        assertThat(otherBoot.notes()).anyMatch(note -> note.contains("wall-clock"));
        assertThat(CounterDiffer.diff(bare(0, 10_000, null), bare(0, 10_004, null), SocketSelection.ALL).intervalNs())
            .as("no boot id: wall clock").isEqualTo(4_000_000L);
        assertThat(CounterDiffer.diff(before, bare(0, 10_000, "boot-b"), SocketSelection.ALL).intervalNs())
            .as("the same wall-clock instant").isZero();
    }

    @Test
    void anIntervalThatCannotBeToldIsUnknownNotZero()
    {
        for (final long[] epochs : new long[][] {{0, 5_000}, {5_000, 4_999}})
        {
            final CounterDiff diff = CounterDiffer.diff(bare(1, epochs[0], "boot-a"), bare(2, epochs[1], "boot-b"),
                SocketSelection.ALL);
            assertThat(diff.intervalNs()).as("wall clock %d then %d", epochs[0], epochs[1]).isNull();
            assertThat(diff.notes()).anyMatch(note -> note.contains("the interval cannot be told"));
        }
    }

    @Test
    void aFileMissingFromEitherSnapshotLeavesItsDeltasUnknown()
    {
        final Map<String, Map<String, Long>> statistics = Map.of("eth0", Map.of("rx_dropped", 1L));
        final CounterSnapshot full = new CounterSnapshot(0, 1, "boot", softnet("0 0 0 0 0 0 0 0 0"),
            snmp(1, 0, 0, 0, 0), snmp(1, 0, 0, 0, 0),
            udp("  1: 030201EF:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 77 2 0 4\n"),
            Map.of("eth0", device("eth0", 1, 0)), statistics,
            List.of(), null, counts(Map.of("skb:kfree_skb", 1L)), reasons(1), null, null);
        final CounterSnapshot empty = new CounterSnapshot(1, 2, "boot", null, null, null, null, null, null, List.of(),
            null, null, null, null, null);
        for (final CounterDiff diff : List.of(CounterDiffer.diff(full, empty, SocketSelection.ALL),
            CounterDiffer.diff(empty, full, SocketSelection.ALL)))
        {
            assertThat(diff.softnet()).isNull();
            assertThat(diff.snmp()).isNull();
            assertThat(diff.netstat()).isNull();
            assertThat(diff.netDev()).isNull();
            assertThat(diff.interfaceStatistics()).isNull();
            assertThat(diff.tracepoints()).isNull();
            assertThat(diff.dropReasons()).isNull();
        }
        assertThat(CounterDiffer.diff(full, empty, SocketSelection.ALL).udpSockets()).isNull();
        assertThat(CounterDiffer.diff(empty, full, SocketSelection.ALL).udpSockets()).as("every socket is new")
            .singleElement().satisfies(socket ->
            {
                assertThat(socket.isNew()).isTrue();
                assertThat(socket.drops()).isEqualTo(4);
            });
    }

    @Test
    void netstatInterfaceStatisticsTracepointsAndDropReasonsAreDiffed()
    {
        final CounterSnapshot before = new CounterSnapshot(0, 1, "boot", null, null, snmp(10, 0, 0, 0, 0), null,
            Map.of("eth0", device("eth0", 4, 1)),
            Map.of("eth0", Map.of("rx_dropped", 4L, "rx_missed_errors", 9L), "gone0", Map.of("rx_dropped", 1L)),
            List.of(), null, counts(Map.of("skb:kfree_skb", 100L, "net:netif_receive_skb", 7L)), reasons(5), null,
            null);
        final CounterSnapshot after = new CounterSnapshot(1, 2, "boot", null, null, snmp(25, 0, 0, 0, 0), null,
            Map.of("eth0", device("eth0", 6, 1), "new0", device("new0", 50, 0)),
            Map.of("eth0", Map.of("rx_dropped", 6L, "rx_missed_errors", 8L, "rx_new", 3L),
                "new0", Map.of("rx_dropped", 50L)),
            List.of(), null, counts(Map.of("skb:kfree_skb", 130L, "napi:napi_poll", 3L)), reasons(12), null, null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);

        assertThat(diff.netstatDelta("Udp", "InDatagrams")).isEqualTo(15);
        assertThat(diff.netDev()).containsOnlyKeys("eth0");
        assertThat(diff.netDev().get("eth0")).containsEntry("rxDropped", 2L).containsEntry("rxFifo", 0L);
        assertThat(diff.interfaceStatistics()).containsOnlyKeys("eth0");
        assertThat(diff.interfaceStatistics().get("eth0")).containsOnlyKeys("rx_dropped", "rx_missed_errors")
            .containsEntry("rx_dropped", 2L).containsEntry("rx_missed_errors", null);
        assertThat(diff.notes()).anyMatch(note -> note.contains("eth0 statistics rx_missed_errors went backwards"));
        assertThat(diff.tracepoints()).containsOnlyKeys("skb:kfree_skb", "napi:napi_poll")
            .containsEntry("skb:kfree_skb", 30L).containsEntry("napi:napi_poll", null);
        assertThat(diff.dropReasons().counts()).containsExactly(new DropReasonCount("NO_SOCKET", "udp_rcv", 7));
        assertThat(CounterDiffer.diff(before.withTracepoints(TracepointCounts.unavailable("not root")), after,
            SocketSelection.ALL).tracepoints()).isNull();
        assertThat(CounterDiffer.diff(before, after.withTracepoints(TracepointCounts.unavailable("not root")),
            SocketSelection.ALL).tracepoints()).isNull();
    }

    @Test
    void gaugesKeepTheirLaterValueAndColumnsNewInTheLaterSnapshotAreLeftOut()
    {
        final CounterSnapshot before = snapshot(0, null, parseSnmp("Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 10\n"),
            null);
        final CounterSnapshot after = snapshot(1, null,
            parseSnmp("Ip: Forwarding DefaultTTL InReceives InDiscards\nIp: 2 63 15 4\nUdp: InDatagrams\nUdp: 3\n"), null);
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.snmp().get("Ip")).containsExactly(Map.entry("Forwarding", 2L), Map.entry("DefaultTTL", 63L),
            Map.entry("InReceives", 5L));
        assertThat(diff.snmp().get("Udp")).as("a section new in the later snapshot has no deltas").isEmpty();
    }

    @Test
    void ipv6SocketsAreFollowedByInodeAcrossSnapshots()
    {
        final String row6 = "  0: 0000000000000000FFFF0000030201EF:1388 00000000000000000000000000000000:0000 07 "
            + "00000000:00000000 00:00000000 00000000 0 0 %d 2 0 %d\n";
        final CounterSnapshot before = snapshot(0, null, null, UdpSocketTable.of(
            udpRows("  1: 030201EF:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 77 2 0 1\n", false),
            udpRows(String.format(row6, 77, 100), true)));
        final CounterSnapshot after = snapshot(1, null, null, UdpSocketTable.of(
            udpRows("  1: 030201EF:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 77 2 0 2\n", false),
            udpRows(String.format(row6, 77, 130), true)));
        final CounterDiff diff = CounterDiffer.diff(before, after, SocketSelection.ALL);
        assertThat(diff.udpSockets()).extracting(d -> d.socket().ipv6(), UdpSocketDelta::drops, UdpSocketDelta::isNew)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(false, 1L, false),
                org.assertj.core.groups.Tuple.tuple(true, 30L, false));
    }

    @Test
    void aChangedNumberOfRowsIsNotedOnlyWhenRowsStandForCpus()
    {
        final String row = "1 0 0 0 0 0 0 0 0 0 0 0 %08x";
        final CounterDiff byColumn = CounterDiffer.diff(
            snapshot(0, softnet(String.format(row, 0) + "\n" + String.format(row, 1)), null, null),
            snapshot(1, softnet(String.format(row, 0) + "\n" + String.format(row, 1) + "\n" + String.format(row, 2)),
                null, null), SocketSelection.ALL);
        assertThat(byColumn.notes()).noneMatch(note -> note.contains("rows may not match"))
            .anyMatch(note -> note.contains("CPU 2 came online"));
        assertThat(byColumn.softnet()).extracting(SoftnetCpuDelta::cpu).containsExactly(0, 1);
        final CounterDiff byRow = CounterDiffer.diff(snapshot(0, softnet("1 0 0 0 0 0 0 0 0\n1 0 0 0 0 0 0 0 0"), null,
            null), snapshot(1, softnet("1 0 0 0 0 0 0 0 0"), null, null), SocketSelection.ALL);
        assertThat(byRow.notes()).anyMatch(note -> note.contains("softnet_stat has no CPU column and the number of rows "
            + "changed"));
        final CounterDiff sameRows = CounterDiffer.diff(snapshot(0, softnet("1 0 0 0 0 0 0 0 0"), null, null),
            snapshot(1, softnet("3 0 0 0 0 0 0 0 0"), null, null), SocketSelection.ALL);
        assertThat(sameRows.notes()).noneMatch(note -> note.contains("rows may not match"));
    }

    @Test
    void aSoftnetDeltaWrapsItsU32CountersAndKeepsAbsentColumnsAbsent()
    {
        final SoftnetCpu before = new SoftnetCpu(1, 0xFFFF_FFF0L, 2, 3, 0, 0xFFFF_FFFFL, 5, 9, 1, 1);
        final SoftnetCpu after = new SoftnetCpu(1, 0x10L, 2, 4, 0, 2, 5, 7, 1, 1);
        assertThat(SoftnetCpuDelta.between(before, after))
            .isEqualTo(new SoftnetCpuDelta(1, 0x20, 0, 1, 3, 0, 7));
        final SoftnetCpu oldKernel = new SoftnetCpu(1, 0, 0, 0, 0, SoftnetCpu.ABSENT, SoftnetCpu.ABSENT,
            SoftnetCpu.ABSENT, SoftnetCpu.ABSENT, SoftnetCpu.ABSENT);
        assertThat(SoftnetCpuDelta.between(oldKernel, oldKernel).receivedRps()).isEqualTo(SoftnetCpu.ABSENT);
        assertThat(SoftnetCpuDelta.between(oldKernel, after).flowLimitCount()).isEqualTo(SoftnetCpu.ABSENT);
        assertThat(SoftnetCpuDelta.between(after, oldKernel).receivedRps()).isEqualTo(SoftnetCpu.ABSENT);
    }

    @Test
    void aSoftnetDeltaMovedWhenAnyCounterMovedAndAbsentColumnsDoNotCount()
    {
        assertThat(new SoftnetCpuDelta(0, 0, 0, 0, 0, 0, 0).moved()).isFalse();
        assertThat(new SoftnetCpuDelta(0, 0, 0, 0, SoftnetCpu.ABSENT, SoftnetCpu.ABSENT, 9).moved())
            .as("absent columns and the backlog gauge").isFalse();
        assertThat(new SoftnetCpuDelta(0, 1, 0, 0, 0, 0, 0).moved()).isTrue();
        assertThat(new SoftnetCpuDelta(0, 0, 1, 0, 0, 0, 0).moved()).isTrue();
        assertThat(new SoftnetCpuDelta(0, 0, 0, 1, 0, 0, 0).moved()).isTrue();
        assertThat(new SoftnetCpuDelta(0, 0, 0, 0, 1, 0, 0).moved()).isTrue();
        assertThat(new SoftnetCpuDelta(0, 0, 0, 0, 0, 1, 0).moved()).isTrue();
    }

    private static CounterSnapshot bare(final long monotonicNs, final long epochMs, final String bootId)
    {
        return new CounterSnapshot(monotonicNs, epochMs, bootId, null, null, null, null, null, null, List.of(), null,
            null, null, null, null);
    }

    private static TracepointCounts counts(final Map<String, Long> counts)
    {
        return new TracepointCounts(new java.util.TreeMap<>(counts), null);
    }

    private static DropReasons reasons(final long noSocket)
    {
        return new DropReasons(List.of(new DropReasonCount("NO_SOCKET", "udp_rcv", noSocket),
            new DropReasonCount("OTHERHOST", "ip_rcv_core", 2)), 0, null);
    }

    private static SnmpCounters parseSnmp(final String text)
    {
        final byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return new SnmpParser().parse(data, data.length, "snmp");
    }

    private static List<UdpSocket> udpRows(final String rows, final boolean ipv6)
    {
        final byte[] data = (UDP_HEADER + rows).getBytes(StandardCharsets.US_ASCII);
        return new UdpSocketParser(java.nio.ByteOrder.LITTLE_ENDIAN).parse(data, data.length, "udp", ipv6);
    }

    private static CounterSnapshot snapshot(final long monotonicNs, final SoftnetStat softnet, final SnmpCounters snmp,
        final UdpSocketTable udp)
    {
        return new CounterSnapshot(monotonicNs, 1 + monotonicNs / 1_000_000, "boot", softnet, snmp, null, udp,
            Map.of(), null, List.of(), null, null, null, null, null);
    }

    private static SoftnetStat softnet(final String rows)
    {
        final byte[] data = (rows + "\n").getBytes(StandardCharsets.US_ASCII);
        return new SoftnetStatParser().parse(data, data.length, "softnet_stat");
    }

    private static SnmpCounters snmp(final long inDatagrams, final long inErrors, final long rcvbufErrors,
        final long memErrors, final long ipInDiscards)
    {
        final String text = "Ip: Forwarding InDiscards\nIp: 1 " + ipInDiscards + "\n"
            + "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors\n"
            + "Udp: " + inDatagrams + " 0 " + inErrors + " 0 " + rcvbufErrors + " 0 0 0 " + memErrors + "\n";
        final byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return new SnmpParser().parse(data, data.length, "snmp");
    }

    private static UdpSocketTable udp(final String rows)
    {
        final byte[] data = (UDP_HEADER + rows).getBytes(StandardCharsets.US_ASCII);
        return UdpSocketTable.of(new UdpSocketParser(java.nio.ByteOrder.LITTLE_ENDIAN)
            .parse(data, data.length, "udp", false), null);
    }
}
