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
