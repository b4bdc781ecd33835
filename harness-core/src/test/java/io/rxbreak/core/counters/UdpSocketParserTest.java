package io.rxbreak.core.counters;

import static io.rxbreak.core.counters.ParseFixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class UdpSocketParserTest
{
    @Test
    void decodesEveryFieldOfTheKernelFormat()
    {
        final List<UdpSocket> sockets = udp("udp-kernel-format-drops.txt", false);
        assertThat(sockets).hasSize(3);
        final UdpSocket group = sockets.get(0);
        assertThat(group.localAddress().getHostAddress()).isEqualTo("239.1.2.3");
        assertThat(group.localPort()).isEqualTo(5000);
        assertThat(group.remoteAddress().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(group.remotePort()).isZero();
        assertThat(group.state()).isEqualTo(UdpSocket.STATE_UNCONNECTED);
        assertThat(group.txQueueBytes()).isZero();
        assertThat(group.rxQueueBytes()).isEqualTo(0x33C00);
        assertThat(group.uid()).isEqualTo(1000);
        assertThat(group.inode()).isEqualTo(4242424);
        assertThat(group.ref()).isEqualTo(2);
        assertThat(group.drops()).isEqualTo(4294967295L);
        assertThat(group.ipv6()).isFalse();
        assertThat(group.boundToWildcard()).isFalse();

        final UdpSocket connected = sockets.get(2);
        assertThat(connected.localAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(connected.remoteAddress().getHostAddress()).isEqualTo("192.168.0.2");
        assertThat(connected.remotePort()).isEqualTo(53);
        assertThat(connected.state()).isEqualTo(UdpSocket.STATE_CONNECTED);
        assertThat(connected.txQueueBytes()).isEqualTo(0x100);
        assertThat(connected.uid()).isEqualTo(65534);
        assertThat(connected.drops()).isEqualTo(12);
        assertThat(sockets.get(1).boundToWildcard()).isTrue();
    }

    @Test
    void decodesUdp6Addresses()
    {
        final List<UdpSocket> sockets = udp("udp6-kernel-format.txt", true);
        assertThat(sockets).hasSize(2);
        assertThat(sockets.get(0).localAddressBytes()).containsExactly(
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 239, 1, 2, 3);
        assertThat(sockets.get(0).localPort()).isEqualTo(5000);
        assertThat(sockets.get(0).rxQueueBytes()).isEqualTo(0xD00);
        assertThat(sockets.get(0).drops()).isEqualTo(7);
        assertThat(sockets.get(0).ipv6()).isTrue();
        assertThat(sockets.get(1).localAddress().getHostAddress()).isEqualTo("fe80:0:0:0:25a:7eff:1a:bfe");
    }

    @Test
    void parsesThisMachinesRealFiles()
    {
        final UdpSocketTable table = UdpSocketTable.of(udp("udp-real-6.18.txt", false), udp("udp6-real-6.18.txt", true));
        assertThat(table.sockets()).hasSize(6);
        assertThat(table.byLocalPort(40001)).singleElement().satisfies(s ->
        {
            assertThat(s.localAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(s.rxQueueBytes()).isEqualTo(0x340);
        });
        assertThat(table.byLocalPort(40002).get(0).localAddress().getHostAddress()).isEqualTo("239.1.2.3");
        assertThat(table.byLocalPort(40003).get(0).remotePort()).isEqualTo(40001);
        assertThat(table.byLocalPort(40004).get(0).localAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(table.byInode(13422).localPort()).isEqualTo(40005);
        assertThat(table.byInode(1)).isNull();
    }

    @Test
    void headerOnlyMeansNoSockets()
    {
        final byte[] header = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(new UdpSocketParser().parse(header, header.length, "udp", false)).isEmpty();
    }

    @Test
    void namesFileLineAndFieldWhenDropsAreMissing()
    {
        assertThatThrownBy(() -> udp("malformed-missing-drops.txt", false))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-missing-drops.txt:2")
            .hasMessageContaining("drops");
    }

    @Test
    void namesTheAddressWhenItIsTooShort()
    {
        assertThatThrownBy(() -> udp("malformed-bad-address.txt", false))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-bad-address.txt:2")
            .hasMessageContaining("local_address as 8 hexadecimal digits");
    }

    @Test
    void rejectsAFileWithoutHeader()
    {
        final byte[] data = "  1: 0100007F:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 1 2 0 0\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new UdpSocketParser().parse(data, data.length, "udp", false))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("udp:1: expected the header line");
    }

    /** A file written by a big-endian machine holds each 32-bit word of an address most significant byte first. */
    @Test
    void readsAddressesOfABigEndianWriter()
    {
        final byte[] data = ("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + "  1: EF010203:1388 C0A80002:0035 07 00000000:00000000 00:00000000 00000000 0 0 9 2 0 1\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final UdpSocket socket = new UdpSocketParser(java.nio.ByteOrder.BIG_ENDIAN).parse(data, data.length, "udp", false)
            .get(0);
        assertThat(socket.localAddress().getHostAddress()).isEqualTo("239.1.2.3");
        assertThat(socket.remoteAddress().getHostAddress()).isEqualTo("192.168.0.2");
        assertThat(socket.remotePort()).isEqualTo(53);
    }

    @Test
    void anIpv4GroupMatchesItsOwnAddressAndItsIpv4MappedForm() throws Exception
    {
        final java.net.InetAddress group = java.net.InetAddress.getByName("239.1.2.3");
        final List<UdpSocket> v4 = udp("udp-kernel-format-drops.txt", false);
        final List<UdpSocket> v6 = udp("udp6-kernel-format.txt", true);
        assertThat(v4.get(0).boundTo(group)).isTrue();
        assertThat(v4.get(0).boundTo(java.net.InetAddress.getByName("239.1.2.4"))).isFalse();
        assertThat(v4.get(1).boundTo(group)).as("the wildcard is not the group").isFalse();
        assertThat(v6.get(0).boundTo(group)).as("::ffff:239.1.2.3").isTrue();
        assertThat(v6.get(0).boundTo(java.net.InetAddress.getByName("239.1.2.4"))).isFalse();
        assertThat(v6.get(1).boundTo(group)).as("fe80::...").isFalse();
        assertThat(v6.get(0).boundTo(java.net.InetAddress.getByAddress(v6.get(0).localAddressBytes())))
            .as("its own 16 bytes").isTrue();
        assertThat(v6.get(1).boundTo(java.net.InetAddress.getByName("fe80::25a:7eff:1a:bfe"))).isTrue();
        assertThat(udp6Socket("000000000000000000000000030201EF").boundTo(group))
            .as("::3.2.1.239 compatible, not mapped").isFalse();
        assertThat(udp6Socket("0000000000000000FFFE0000030201EF").boundTo(group)).as("ffff:fffe").isFalse();
        assertThat(udp6Socket("0000000000000000FEFF0000030201EF").boundTo(group)).as("fffe:ffff").isFalse();
        assertThat(udp6Socket("0000000000000100FFFF0000030201EF").boundTo(group)).as("a byte before the ffff")
            .isFalse();
        final UdpSocketTable table = UdpSocketTable.of(v4, v6);
        assertThat(table.byLocalAddress(group)).extracting(UdpSocket::inode).containsExactly(4242424L, 55555L);
        assertThat(table.byLocalAddress(java.net.InetAddress.getByName("239.9.9.9"))).isEmpty();
    }

    @Test
    void socketsAreEqualOnlyWhenEveryFieldIs()
    {
        final List<UdpSocket> once = udp("udp-kernel-format-drops.txt", false);
        final List<UdpSocket> again = udp("udp-kernel-format-drops.txt", false);
        assertThat(once).isEqualTo(again);
        assertThat(once.get(0)).hasSameHashCodeAs(again.get(0)).isNotEqualTo(once.get(1)).isNotEqualTo("a socket");
        final UdpSocket socket = once.get(0);
        final UdpSocket moreDrops = new UdpSocket(socket.ipv6(), socket.localAddressBytes(), socket.localPort(),
            socket.remoteAddress().getAddress(), socket.remotePort(), socket.state(), socket.txQueueBytes(),
            socket.rxQueueBytes(), socket.uid(), socket.inode(), socket.ref(), socket.drops() - 1);
        assertThat(moreDrops).isNotEqualTo(socket);
        assertThat(socket.equals(socket)).as("reflexive").isTrue();
        assertThat(socket.toString()).contains("239.1.2.3:5000").contains("inode=4242424").contains("drops=4294967295")
            .doesNotContain("ipv6");
        assertThat(udp("udp6-kernel-format.txt", true).get(0).toString()).endsWith(", ipv6}");
    }

    private static UdpSocket udp6Socket(final String localAddress)
    {
        final byte[] data = ("  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + "  1: " + localAddress + ":1388 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 "
            + "00000000 0 0 1 2 0 0\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new UdpSocketParser(java.nio.ByteOrder.LITTLE_ENDIAN).parse(data, data.length, "udp6", true).get(0);
    }

    @Test
    void readsAFileThroughCounterFilesAndAMissingOneIsNull(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws java.io.IOException
    {
        final java.nio.file.Path file = dir.resolve("udp");
        java.nio.file.Files.write(file, ParseFixtures.bytes("/fixtures/udp/udp-kernel-format-drops.txt"));
        final CounterFiles files = new CounterFiles();
        assertThat(new UdpSocketParser().read(file, files, false)).hasSize(3);
        assertThat(new UdpSocketParser().read(dir.resolve("missing"), files, false)).isNull();
    }
}
