package io.rxbreak.feed;

import static io.rxbreak.feed.Packets.ETHERTYPE_IPV4;
import static io.rxbreak.feed.Packets.UDP;
import static io.rxbreak.feed.Packets.ethernet;
import static io.rxbreak.feed.Packets.group;
import static io.rxbreak.feed.Packets.ipv4;
import static io.rxbreak.feed.Packets.udp;
import static io.rxbreak.feed.PcapReaderTest.destinations;
import static io.rxbreak.feed.PcapReaderTest.lengths;
import static io.rxbreak.feed.PcapReaderTest.names;
import static io.rxbreak.feed.PcapReaderTest.offsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import io.rxbreak.feed.CaptureFiles.Pcapng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcapng files built block by block: sections in both byte orders, interfaces with their own timestamp resolutions
 * (powers of ten and of two) and offsets, enhanced, obsolete and simple packet blocks, blocks to skip, and every
 * malformed block with its exact one-line error.
 */
class PcapngReaderTest
{
    private static final int TSRESOL_US = 6;
    private static final int TSRESOL_NS = 9;
    private static final int TSRESOL_2_POW_MINUS_20 = 0x80 | 20;

    @TempDir
    Path tmp;

    private static byte[] datagram(final int group, final int port, final int length)
    {
        return ethernet(ETHERTYPE_IPV4, ipv4(group(group), UDP, udp(port, length)));
    }

    @Test
    void interfacesWithTheirOwnResolutionsInSectionsOfBothByteOrders()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(1, 65535, TSRESOL_US, 0)
            .interfaceBlock(228, 65535, TSRESOL_NS, 0)
            // statistics, name resolution and a block type no one defined: skipped by their lengths
            .block(5, new byte[20])
            .enhancedPacket(0, 1_000_000L, datagram(1, 5000, 100))
            .block(4, new byte[8])
            .enhancedPacket(1, 1_000_000_500L, ipv4(group(2), UDP, udp(5001, 200)))
            .block(0x0BADCAFE, new byte[12])
            .section(ByteOrder.BIG_ENDIAN)
            // 2^-20 s ticks, and the times offset by 100 s (if_tsoffset)
            .interfaceBlock(276, 65535, TSRESOL_2_POW_MINUS_20, 100)
            .enhancedPacket(0, (3L << 19), Packets.sll2(ETHERTYPE_IPV4, ipv4(group(1), UDP, udp(5000, 300))))
            .enhancedPacket(0, (3L << 19) + 1, Packets.sll2(ETHERTYPE_IPV4, ipv4(group(3), UDP, udp(5000, 400))));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("two.pcapng"), pcapng.toArray()));

        assertThat(feed.format()).isEqualTo(Feed.Format.PCAPNG);
        assertThat(feed.formatDetail())
            .isEqualTo("3 interfaces, us and ns and 2^-20 s timestamps, Ethernet and raw IPv4 and Linux cooked v2");
        // 1 s, 1.0000005 s, then 100 s + 1.5 s, then one tick of 2^-20 s (953.67 ns, rounded down) later
        assertThat(offsets(feed)).containsExactly(0L, 500L, 100_500_000_000L, 100_500_000_953L);
        assertThat(lengths(feed)).containsExactly(100, 200, 300, 400);
        assertThat(names(feed)).containsExactly("239.1.1.1:5000", "239.1.1.2:5001", "239.1.1.3:5000");
        assertThat(destinations(feed)).containsExactly(0, 1, 0, 2);
        assertThat(feed.skipped()).isEmpty();
    }

    @Test
    void aBigEndianFileWithObsoletePacketBlocks()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(1, 65535, -1, 0)
            .packetBlock(0, 5_000_000L, datagram(1, 5000, 64))
            .enhancedPacket(0, 5_000_250L, datagram(1, 5000, 65));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("be.pcapng"), pcapng.toArray()));

        assertThat(feed.formatDetail()).isEqualTo("us timestamps, Ethernet");
        assertThat(offsets(feed)).containsExactly(0L, 250_000L);
        assertThat(lengths(feed)).containsExactly(64, 65);
    }

    @Test
    void simplePacketBlocksHaveNoTimeSoTheirDatagramsAreCountedAsSkipped()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(1, 65535, TSRESOL_NS, 0)
            .simplePacket(datagram(1, 5000, 100))
            .simplePacket(Packets.arp())
            .enhancedPacket(0, 42L, datagram(2, 5000, 50))
            .simplePacket(datagram(1, 5000, 100));
        final Feed feed = Feed.read(CaptureFiles.write(tmp.resolve("spb.pcapng"), pcapng.toArray()));

        assertThat(feed.size()).isEqualTo(1);
        assertThat(names(feed)).containsExactly("239.1.1.2:5000");
        assertThat(feed.skipped()).containsExactly(
            Map.entry("UDP datagram without a timestamp (pcapng simple packet block)", 2L), Map.entry("not IP", 1L));

        final Path onlySimple = CaptureFiles.write(tmp.resolve("only-spb.pcapng"), new Pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(1, 65535, TSRESOL_NS, 0).simplePacket(datagram(1, 5000, 100)).toArray());
        assertThatThrownBy(() -> Feed.read(onlySimple)).isInstanceOf(FeedFormatException.class)
            .hasMessage(onlySimple + ": expected at least one UDP datagram, found none among 1 packet " +
                "(1 UDP datagram without a timestamp (pcapng simple packet block))");
    }

    @Test
    void aTrailingLengthThatDiffersFromTheLeadingOne()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0);
        final int blockAt = pcapng.size();
        final byte[] packet = datagram(1, 5000, 10);
        final byte[] body = pcapng.body().u32(0).u32(0).u32(0).u32(packet.length).u32(packet.length).raw(packet)
            .padTo4().toArray();
        final int length = 12 + body.length;
        pcapng.raw(new Bytes(ByteOrder.LITTLE_ENDIAN).u32(6).u32(length).raw(body).u32(length + 4).toArray());
        final Path file = CaptureFiles.write(tmp.resolve("trailing.pcapng"), pcapng.toArray());

        // SHB 28 bytes, IDB 40 (if_name, if_tsresol, end of options)
        assertThat(blockAt).isEqualTo(28 + 40);
        assertThatThrownBy(() -> Feed.read(file))
            .hasMessage(file + ": at byte 148: expected the block's trailing length 84 (as at its start, byte 68), " +
                "found 88");
    }

    @Test
    void aBlockLengthRunningPastTheEndAndOneThatIsNotAMultipleOfFour()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0);
        final int blockAt = pcapng.size();
        final Path past = CaptureFiles.write(tmp.resolve("past.pcapng"),
            pcapng.raw(Bytes.network().u32(6).u32(4000).zeros(32).toArray()).toArray());
        assertThatThrownBy(() -> Feed.read(past))
            .hasMessage(past + ": at byte " + blockAt + ": expected a block of 4000 bytes (its length field), " +
                "found 40 bytes before the end of the file");

        final Path odd = CaptureFiles.write(tmp.resolve("odd.pcapng"), new Pcapng(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(1, 65535, TSRESOL_US, 0).raw(Bytes.network().u32(6).u32(30).zeros(32).toArray()).toArray());
        assertThatThrownBy(() -> Feed.read(odd))
            .hasMessage(odd + ": at byte " + (blockAt + 4) + ": expected a block length that is a multiple of 4 and " +
                "at least 12, found 30");
    }

    @Test
    void aTruncatedLastBlock()
    {
        final byte[] whole = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0)
            .enhancedPacket(0, 1, datagram(1, 5000, 100))
            .enhancedPacket(0, 2, datagram(1, 5000, 100)).toArray();
        // SHB 28 + IDB 40, then two blocks of 32 + 142 + 2 bytes of padding
        assertThat(whole.length).isEqualTo(68 + 2 * 176);
        final Path cut = CaptureFiles.write(tmp.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> Feed.read(cut)).isInstanceOf(FeedFormatException.class)
            .hasMessage(cut + ": at byte 244: expected a block of 176 bytes (its length field), " +
                "found 76 bytes before the end of the file");

        final Path headerCut = CaptureFiles.write(tmp.resolve("header-cut.pcapng"), Arrays.copyOf(whole, 244 + 7));
        assertThatThrownBy(() -> Feed.read(headerCut))
            .hasMessage(headerCut + ": at byte 244: expected a block of at least 12 bytes, " +
                "found 7 bytes before the end of the file");
    }

    @Test
    void aSectionHeaderWithABadByteOrderMagicMidFile()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0)
            .enhancedPacket(0, 1, datagram(1, 5000, 100));
        final int sectionAt = pcapng.size();
        pcapng.raw(new Bytes(ByteOrder.LITTLE_ENDIAN).u32(0x0A0D0D0A).u32(28).bytes(0x11, 0x22, 0x33, 0x44).u16(1).u16(0)
            .u64(-1).u32(28).toArray());
        final Path file = CaptureFiles.write(tmp.resolve("magic.pcapng"), pcapng.toArray());
        assertThatThrownBy(() -> Feed.read(file))
            .hasMessage(file + ": at byte " + (sectionAt + 8) + ": expected the section header's byte-order magic " +
                "0x1a2b3c4d (in either byte order), found 0x11223344");
    }

    @Test
    void aPacketOfAnInterfaceNotDescribedInItsSection()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0)
            .enhancedPacket(0, 1, datagram(1, 5000, 100))
            .section(ByteOrder.LITTLE_ENDIAN);
        final int packetAt = pcapng.size();
        pcapng.enhancedPacket(0, 2, datagram(1, 5000, 100));
        final Path file = CaptureFiles.write(tmp.resolve("interface.pcapng"), pcapng.toArray());
        assertThatThrownBy(() -> Feed.read(file))
            .hasMessage(file + ": at byte " + (packetAt + 8) + ": expected an interface id below 0 (the interfaces " +
                "described so far in this section), found 0");
    }

    @Test
    void aCapturedLengthLargerThanItsBlock()
    {
        final Pcapng pcapng = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 65535, TSRESOL_US, 0);
        final int packetAt = pcapng.size();
        pcapng.block(6, pcapng.body().u32(0).u32(0).u32(1).u32(100).u32(100).zeros(40).toArray());
        final Path file = CaptureFiles.write(tmp.resolve("caplen.pcapng"), pcapng.toArray());
        assertThatThrownBy(() -> Feed.read(file))
            .hasMessage(file + ": at byte " + (packetAt + 20) + ": expected a captured length of at most 40 (what " +
                "the block holds), found 100");
    }
}
