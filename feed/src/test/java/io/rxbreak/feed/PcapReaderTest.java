package io.rxbreak.feed;

import static io.rxbreak.feed.Packets.ETHERTYPE_IPV4;
import static io.rxbreak.feed.Packets.ETHERTYPE_IPV6;
import static io.rxbreak.feed.Packets.TCP;
import static io.rxbreak.feed.Packets.UDP;
import static io.rxbreak.feed.Packets.ethernet;
import static io.rxbreak.feed.Packets.group;
import static io.rxbreak.feed.Packets.ipv4;
import static io.rxbreak.feed.Packets.ipv6;
import static io.rxbreak.feed.Packets.ipv6Group;
import static io.rxbreak.feed.Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.feed.CaptureFiles.Pcap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pcap files built byte by byte: both magic numbers in both byte orders, every link type, VLAN tags, IPv4 options
 * and fragments, IPv6 extension headers, packets that are not UDP, snapshot-length truncation, out-of-order
 * timestamps, and every malformed file with its exact one-line error.
 */
class PcapReaderTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void microsecondMagicInEitherByteOrder(final boolean bigEndian)
    {
        final Pcap pcap = new Pcap(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(100, 250_000, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 100))))
            .record(100, 250_100, ethernet(ETHERTYPE_IPV4, ipv4(group(2), UDP, udp(5001, 200))))
            .record(101, 1_000, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 0))));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("us.pcap"), pcap.toArray()));

        assertThat(feed.file()).isEqualTo(tmp.resolve("us.pcap").toString());
        assertThat(feed.format()).isEqualTo(Feed.Format.PCAP);
        assertThat(feed.format().label()).isEqualTo("pcap");
        assertThat(feed.formatDetail()).isEqualTo("us timestamps, Ethernet");
        assertThat(offsets(feed)).containsExactly(0L, 100_000L, 751_000_000L);
        assertThat(lengths(feed)).containsExactly(100, 200, 0);
        assertThat(destinations(feed)).containsExactly(0, 1, 0);
        assertThat(names(feed)).containsExactly("239.1.1.1:5000", "239.1.1.2:5001");
        assertThat(feed.durationNs()).isEqualTo(751_000_000L);
        assertThat(feed.totalBytes()).isEqualTo(300);
        assertThat(feed.skipped()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nanosecondMagicInEitherByteOrder(final boolean bigEndian)
    {
        final Pcap pcap = new Pcap(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, true, 1, 65535)
            .record(5, 999_999_999, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 64))))
            .record(6, 1, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 65))))
            .record(6, 7, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 66))));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("ns.pcap"), pcap.toArray()));

        assertThat(feed.formatDetail()).isEqualTo("ns timestamps, Ethernet");
        assertThat(offsets(feed)).containsExactly(0L, 2L, 8L);
        assertThat(lengths(feed)).containsExactly(64, 65, 66);
        assertThat(names(feed)).containsExactly("239.1.1.1:5000");
    }

    @Test
    void ethernetWithVlanTagsIpv4OptionsFragmentsAndPacketsThatAreNotUdp()
    {
        final byte[] firstFragment = ipv4(group(3), UDP, udp(5003, 2992), 0x2000, 0);
        final Pcap pcap = new Pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(1, 0, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 10)), 0x8100))
            .record(1, 1, ethernet(ETHERTYPE_IPV4, ipv4(group(2), UDP, udp(5000, 20)), 0x88A8, 0x8100))
            .record(1, 2, Packets.arp())
            .record(1, 3, ethernet(ETHERTYPE_IPV4, ipv4(group(1), TCP, Packets.tcp())))
            .record(1, 4, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 30), 0, 2)))
            // the first fragment of a 2,992-byte datagram: 1,480 bytes of it, counted with the UDP header's length
            .record(1, 5, ethernet(ETHERTYPE_IPV4, Arrays.copyOf(firstFragment, 1500)))
            // the next fragment, at offset 1,480 (185 units of 8 bytes): no UDP header
            .record(1, 6, ethernet(ETHERTYPE_IPV4, ipv4(group(3), UDP, new byte[1480], 0x2000 | 185, 0)))
            .record(1, 7, Packets.arp())
            .record(1, 8, ethernet(0x88CC, new byte[46]));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("vlan.pcap"), pcap.toArray()));

        assertThat(offsets(feed)).containsExactly(0L, 1_000L, 4_000L, 5_000L);
        assertThat(lengths(feed)).containsExactly(10, 20, 30, 2992);
        assertThat(names(feed)).containsExactly("239.1.1.1:5000", "239.1.1.2:5000", "239.1.1.3:5003");
        assertThat(destinations(feed)).containsExactly(0, 1, 0, 2);
        assertThat(feed.skipped()).containsExactly(
            Map.entry("not IP", 3L), Map.entry("not UDP", 1L), Map.entry("IP fragment (not first)", 1L));
    }

    @Test
    void aPacketCutBySnapLengthKeepsItsOriginalLength()
    {
        final byte[] datagram = ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 1000)));
        final Pcap pcap = new Pcap(ByteOrder.BIG_ENDIAN, false, 1, 64)
            .record(1, 0, datagram, 64)
            // 14 + 20 + 6: two bytes short of the UDP header
            .record(1, 10, datagram, 40)
            .record(1, 20, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 1400))), 42);
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("snap.pcap"), pcap.toArray()));

        assertThat(lengths(feed)).containsExactly(1000, 1400);
        assertThat(offsets(feed)).containsExactly(0L, 20_000L);
        assertThat(feed.skipped()).containsExactly(Map.entry("truncated before the UDP header", 1L));
    }

    @Test
    void linuxCookedV1AndV2WithAVlanTag()
    {
        final Feed sll = Feed.read(CaptureFiles.write(tmp.resolve("sll.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, false, 113, 65535)
                .record(1, 0, Packets.sll(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 11))))
                .record(1, 1, Packets.sll(0x8100, Bytes.network().u16(7).u16(ETHERTYPE_IPV4)
                    .raw(ipv4(group(2), UDP, udp(5000, 12))).toArray()))
                .record(1, 2, Packets.sll(0x0806, new byte[28]))
                .toArray()));
        assertThat(sll.formatDetail()).isEqualTo("us timestamps, Linux cooked");
        assertThat(lengths(sll)).containsExactly(11, 12);
        assertThat(names(sll)).containsExactly("239.1.1.1:5000", "239.1.1.2:5000");
        assertThat(sll.skipped()).containsExactly(Map.entry("not IP", 1L));

        final Feed sll2 = Feed.read(CaptureFiles.write(tmp.resolve("sll2.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, true, 276, 65535)
                .record(1, 0, Packets.sll2(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 13))))
                .record(1, 5, Packets.sll2(ETHERTYPE_IPV6, ipv6(ipv6Group(1), UDP, udp(5001, 14))))
                .toArray()));
        assertThat(sll2.formatDetail()).isEqualTo("ns timestamps, Linux cooked v2");
        assertThat(lengths(sll2)).containsExactly(13, 14);
        assertThat(offsets(sll2)).containsExactly(0L, 5L);
        assertThat(names(sll2)).containsExactly("239.1.1.1:5000", "[ff15::1]:5001");
    }

    @Test
    void rawIpOfEitherVersionAndLoopbackHeaders()
    {
        final byte[] v4 = ipv4(group(1), UDP, udp(5000, 21));
        final byte[] v6 = ipv6(ipv6Group(2), UDP, udp(5002, 22));
        final Feed raw = Feed.read(CaptureFiles.write(tmp.resolve("raw.pcap"),
            new Pcap(ByteOrder.BIG_ENDIAN, false, 101, 65535).record(1, 0, v4).record(1, 1, v6).toArray()));
        assertThat(raw.formatDetail()).isEqualTo("us timestamps, raw IP");
        assertThat(names(raw)).containsExactly("239.1.1.1:5000", "[ff15::2]:5002");
        assertThat(lengths(raw)).containsExactly(21, 22);

        final Feed rawV4 = Feed.read(CaptureFiles.write(tmp.resolve("raw4.pcap"),
            new Pcap(ByteOrder.BIG_ENDIAN, false, 228, 65535).record(1, 0, v4).toArray()));
        assertThat(rawV4.formatDetail()).isEqualTo("us timestamps, raw IPv4");
        assertThat(lengths(rawV4)).containsExactly(21);

        final Feed rawV6 = Feed.read(CaptureFiles.write(tmp.resolve("raw6.pcap"),
            new Pcap(ByteOrder.BIG_ENDIAN, false, 229, 65535).record(1, 0, v6).record(1, 1, v4).toArray()));
        assertThat(names(rawV6)).containsExactly("[ff15::2]:5002");
        assertThat(rawV6.skipped()).containsExactly(Map.entry("malformed IP header", 1L));

        // BSD loopback: the family in the capturing host's byte order (2 = AF_INET; 30 = AF_INET6 on Darwin)
        final Feed loopback = Feed.read(CaptureFiles.write(tmp.resolve("null.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 65535)
                .record(1, 0, new Bytes(ByteOrder.LITTLE_ENDIAN).u32(2).raw(v4).toArray())
                .record(1, 1, new Bytes(ByteOrder.BIG_ENDIAN).u32(30).raw(v6).toArray())
                .record(1, 2, new Bytes(ByteOrder.LITTLE_ENDIAN).u32(7).raw(v4).toArray())
                .toArray()));
        assertThat(loopback.formatDetail()).isEqualTo("us timestamps, BSD loopback");
        assertThat(names(loopback)).containsExactly("239.1.1.1:5000", "[ff15::2]:5002");
        assertThat(loopback.skipped()).containsExactly(Map.entry("not IP", 1L));
    }

    @Test
    void ipv6PastExtensionHeadersAndItsFragments()
    {
        final byte[] udp = udp(5000, 300);
        final byte[] hopByHopThenDestinationOptions = ipv6(ipv6Group(1), 0,
            Packets.optionsHeader(60, Packets.optionsHeader(UDP, udp)));
        final byte[] firstFragment = ipv6(ipv6Group(1), 44, Packets.fragmentHeader(UDP, 0, true,
            Arrays.copyOf(udp(5000, 4000), 1232)));
        final byte[] laterFragment = ipv6(ipv6Group(1), 44, Packets.fragmentHeader(UDP, 154, false, new byte[800]));
        final byte[] tcpAfterRouting = ipv6(ipv6Group(1), 43, Bytes.network().u8(TCP).u8(0).u8(0).u8(0).u32(0)
            .raw(Packets.tcp()).toArray());
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("v6.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, true, 1, 65535)
                .record(1, 0, ethernet(ETHERTYPE_IPV6, hopByHopThenDestinationOptions))
                .record(1, 1, ethernet(ETHERTYPE_IPV6, firstFragment))
                .record(1, 2, ethernet(ETHERTYPE_IPV6, laterFragment))
                .record(1, 3, ethernet(ETHERTYPE_IPV6, tcpAfterRouting))
                .toArray()));

        assertThat(names(feed)).containsExactly("[ff15::1]:5000");
        assertThat(lengths(feed)).containsExactly(300, 4000);
        assertThat(feed.skipped()).containsExactly(Map.entry("IP fragment (not first)", 1L), Map.entry("not UDP", 1L));
        assertThat(feed.destinations().get(0).multicast()).isTrue();
    }

    @Test
    void timestampsThatStepBackAreSortedStablyAndDestinationsNumberedByFirstMessage()
    {
        final Pcap pcap = new Pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(1, 10, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 1))))
            .record(1, 5, ethernet(ETHERTYPE_IPV4, ipv4(group(2), UDP, udp(5000, 2))))
            .record(1, 5, ethernet(ETHERTYPE_IPV4, ipv4(group(3), UDP, udp(5000, 3))))
            .record(1, 20, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 4))));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("back.pcap"), pcap.toArray()));

        assertThat(offsets(feed)).containsExactly(0L, 0L, 5_000L, 15_000L);
        assertThat(lengths(feed)).containsExactly(2, 3, 1, 4);
        assertThat(names(feed)).containsExactly("239.1.1.2:5000", "239.1.1.3:5000", "239.1.1.1:5000");
        assertThat(destinations(feed)).containsExactly(0, 1, 2, 2);
    }

    @Test
    void aLinkTypeThatIsNotDecodedIsCountedAndAFileWithoutDatagramsIsAnError()
    {
        final Path file = CaptureFiles.write(tmp.resolve("wifi.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, false, 105, 65535).record(1, 0, new byte[40]).record(1, 1, new byte[40])
                .toArray());
        assertThatThrownBy(() -> Feed.read(file)).isInstanceOf(FeedFormatException.class)
            .isInstanceOf(BadInputException.class)
            .hasMessage(file + ": expected at least one UDP datagram, found none among 2 packets " +
                "(2 unsupported link type 105)");

        final Path onlyTcp = CaptureFiles.write(tmp.resolve("tcp.pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(1, 0, ethernet(ETHERTYPE_IPV4, ipv4(group(1), TCP, Packets.tcp()))).record(1, 1, Packets.arp())
            .toArray());
        assertThatThrownBy(() -> Feed.read(onlyTcp))
            .hasMessage(onlyTcp + ": expected at least one UDP datagram, found none among 2 packets (1 not UDP, 1 not IP)");

        final Path headerOnly = CaptureFiles.write(tmp.resolve("empty.pcap"),
            new Pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535).toArray());
        assertThatThrownBy(() -> Feed.read(headerOnly))
            .hasMessage(headerOnly + ": expected at least one UDP datagram, found no packets");
    }

    @Test
    void aTruncatedLastRecordNamesItsByteOffset()
    {
        final Pcap pcap = new Pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(1, 0, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 100))));
        assertThat(pcap.size()).isEqualTo(24 + 16 + 142);
        final byte[] whole = pcap.record(1, 1, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 100))))
            .toArray();
        final Path cut = CaptureFiles.write(tmp.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 50));
        assertThatThrownBy(() -> Feed.read(cut)).isInstanceOf(FeedFormatException.class)
            .hasMessage(cut + ": at byte 182: expected a record of 158 bytes (16 + its captured length), " +
                "found 108 bytes before the end of the file");

        final Path headerCut = CaptureFiles.write(tmp.resolve("header-cut.pcap"), Arrays.copyOf(whole, 182 + 5));
        assertThatThrownBy(() -> Feed.read(headerCut))
            .hasMessage(headerCut + ": at byte 182: expected a record header of 16 bytes, " +
                "found 5 bytes before the end of the file");
    }

    @Test
    void aRecordLengthRunningPastTheEndAndAShortFileHeader()
    {
        final Pcap pcap = new Pcap(ByteOrder.BIG_ENDIAN, true, 1, 65535)
            .record(1, 0, ethernet(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 8))))
            .recordHeaderOnly(0x7FFFFFF0L)
            .raw(new byte[20]);
        final Path file = CaptureFiles.write(tmp.resolve("long.pcap"), pcap.toArray());
        assertThatThrownBy(() -> Feed.read(file))
            .hasMessage(file + ": at byte 90: expected a record of 2147483648 bytes (16 + its captured length), " +
                "found 36 bytes before the end of the file");

        final Path shortHeader = CaptureFiles.write(tmp.resolve("short.pcap"),
            Arrays.copyOf(pcap.toArray(), 10));
        assertThatThrownBy(() -> Feed.read(shortHeader))
            .hasMessage(shortHeader + ": at byte 0: expected a pcap file header of 24 bytes, found only 10 bytes");
    }

    @Test
    void anEmptyFileAnUnknownMagicAMissingFileAndADirectory() throws Exception
    {
        final Path empty = Files.createFile(tmp.resolve("empty"));
        assertThatThrownBy(() -> Feed.read(empty)).isInstanceOf(FeedFormatException.class)
            .hasMessage(empty + ": at byte 0: expected a pcap or pcapng magic number or a CSV line, found an empty file");

        final Path elf = CaptureFiles.write(tmp.resolve("binary"), new byte[] {(byte)0xde, (byte)0xad, (byte)0xbe,
            (byte)0xef, 0, 1, 2, 3});
        assertThatThrownBy(() -> Feed.read(elf))
            .hasMessage(elf + ": at byte 0: expected a pcap or pcapng magic number or a CSV line, found 0xdeadbeef");

        final Path missing = tmp.resolve("missing.pcap");
        assertThatThrownBy(() -> Feed.read(missing)).isInstanceOf(FeedFormatException.class)
            .hasMessage(missing + ": expected a readable file, found no such file");

        assertThatThrownBy(() -> Feed.read(tmp))
            .hasMessage(tmp + ": expected a capture or CSV file, found a directory");
    }

    static List<Long> offsets(final Feed feed)
    {
        final List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < feed.size(); i++)
        {
            offsets.add(feed.offsetNs(i));
        }
        return offsets;
    }

    static List<Integer> lengths(final Feed feed)
    {
        final List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < feed.size(); i++)
        {
            lengths.add(feed.length(i));
        }
        return lengths;
    }

    static List<Integer> destinations(final Feed feed)
    {
        final List<Integer> destinations = new ArrayList<>();
        for (int i = 0; i < feed.size(); i++)
        {
            destinations.add(feed.destination(i));
        }
        return destinations;
    }

    static List<String> names(final Feed feed)
    {
        final List<String> names = new ArrayList<>();
        feed.destinations().forEach(destination -> names.add(destination.toString()));
        return names;
    }
}
