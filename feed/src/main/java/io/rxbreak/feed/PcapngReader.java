package io.rxbreak.feed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a pcapng capture: blocks of {@code type, total length, body, total length}, the length checked at both ends.
 * A Section Header Block sets the byte order (each section its own) and forgets the section's interfaces; an
 * Interface Description Block adds one with its link type, snapshot length and the options {@code if_tsresol}
 * (a power of ten or of two) and {@code if_tsoffset}; Enhanced Packet Blocks and the obsolete Packet Blocks carry
 * timestamped packets. A Simple Packet Block records no time: its UDP datagrams are counted as skipped (a feed
 * without times would be no feed), its other packets by their own reason. Every other block type is skipped by its
 * length.
 */
final class PcapngReader
{
    /** The Section Header Block's type, the same in either byte order: the file's magic number. */
    static final int SECTION_HEADER = 0x0A0D0D0A;

    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int OPTION_END = 0;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;
    private static final long MAX_BLOCK_BYTES = FeedFiles.MAX_PACKET_BYTES + 4096;

    private final String file;
    private final FileWindow window;
    private ByteBuffer buffer;
    private final FeedBuilder builder = new FeedBuilder();
    private final PacketDecoder decoder = new PacketDecoder(builder);
    private final List<Interface> interfaces = new ArrayList<>();
    private final Set<String> resolutions = new LinkedHashSet<>();
    private final Set<String> linkTypes = new LinkedHashSet<>();
    private int interfaceCount;

    private PcapngReader(final String file, final FileWindow window)
    {
        this.file = file;
        this.window = window;
        this.buffer = window.buffer();
    }

    /**
     * @param file the file as given, for messages.
     * @param window the file, which starts with {@link #SECTION_HEADER}.
     * @return the feed.
     * @throws IOException when the file cannot be read.
     */
    static Feed read(final String file, final FileWindow window) throws IOException
    {
        return new PcapngReader(file, window).read();
    }

    private Feed read() throws IOException
    {
        final long size = window.size();
        long offset = 0;
        while (offset < size)
        {
            final long left = size - offset;
            if (left < 12)
            {
                throw FeedFormatException.atByte(file, offset, "a block of at least 12 bytes",
                    left + " bytes before the end of the file");
            }
            final int type = buffer.getInt(load(offset, 12));
            if (type == SECTION_HEADER)
            {
                startSection(offset);
            }
            final long length = buffer.getInt(load(offset, 12) + 4) & 0xFFFFFFFFL;
            if (length < 12 || length % 4 != 0)
            {
                throw FeedFormatException.atByte(file, offset + 4,
                    "a block length that is a multiple of 4 and at least 12", Long.toString(length));
            }
            if (length > left)
            {
                throw FeedFormatException.atByte(file, offset, "a block of " + length + " bytes (its length field)",
                    left + " bytes before the end of the file");
            }
            if (length > MAX_BLOCK_BYTES)
            {
                throw FeedFormatException.atByte(file, offset + 4, "a block length of at most " + MAX_BLOCK_BYTES,
                    Long.toString(length));
            }
            final int block = load(offset, (int)length);
            final long trailing = buffer.getInt(block + (int)length - 4) & 0xFFFFFFFFL;
            if (trailing != length)
            {
                throw FeedFormatException.atByte(file, offset + length - 4,
                    "the block's trailing length " + length + " (as at its start, byte " + offset + ")",
                    Long.toString(trailing));
            }
            switch (type)
            {
                case SECTION_HEADER: checkSectionHeader(offset, block, (int)length); break;
                case INTERFACE_DESCRIPTION: addInterface(offset, block, (int)length); break;
                case ENHANCED_PACKET: packet(offset, block, (int)length, false); break;
                case PACKET: packet(offset, block, (int)length, true); break;
                case SIMPLE_PACKET: simplePacket(offset, block, (int)length); break;
                default: break; // statistics, name resolution, secrets, custom blocks: nothing for a feed
            }
            offset += length;
        }
        return builder.build(file, Feed.Format.PCAPNG, (interfaceCount > 1 ? interfaceCount + " interfaces, " : "") +
            String.join(" and ", resolutions) + " timestamps, " + String.join(" and ", linkTypes));
    }

    private void startSection(final long offset) throws IOException
    {
        window.order(ByteOrder.BIG_ENDIAN);
        final int magic = buffer.getInt(load(offset, 12) + 8);
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC))
        {
            window.order(ByteOrder.LITTLE_ENDIAN);
        }
        else if (magic != BYTE_ORDER_MAGIC)
        {
            throw FeedFormatException.atByte(file, offset + 8,
                "the section header's byte-order magic 0x1a2b3c4d (in either byte order)", hex(magic));
        }
        interfaces.clear();
    }

    private void checkSectionHeader(final long offset, final int block, final int length)
    {
        if (length < 28)
        {
            throw FeedFormatException.atByte(file, offset + 4, "a section header block of at least 28 bytes",
                Integer.toString(length));
        }
        final int major = buffer.getShort(block + 12) & 0xFFFF;
        if (major != 1)
        {
            throw FeedFormatException.atByte(file, offset + 12, "pcapng major version 1",
                "version " + major + "." + (buffer.getShort(block + 14) & 0xFFFF));
        }
    }

    private void addInterface(final long offset, final int block, final int length)
    {
        if (length < 20)
        {
            throw FeedFormatException.atByte(file, offset + 4, "an interface description block of at least 20 bytes",
                Integer.toString(length));
        }
        final int linkType = buffer.getShort(block + 8) & 0xFFFF;
        final long snapLength = buffer.getInt(block + 12) & 0xFFFFFFFFL;
        TimestampResolution resolution = TimestampResolution.MICROSECONDS;
        long tsOffsetNs = 0;
        final int optionsEnd = length - 4;
        int option = 16;
        while (option + 4 <= optionsEnd)
        {
            final int code = buffer.getShort(block + option) & 0xFFFF;
            final int valueLength = buffer.getShort(block + option + 2) & 0xFFFF;
            if (code == OPTION_END)
            {
                break;
            }
            final int padded = (valueLength + 3) & ~3;
            if (option + 4 + padded > optionsEnd)
            {
                throw FeedFormatException.atByte(file, offset + option + 2, "an option length of at most " +
                    (optionsEnd - option - 4) + " (the rest of the block)", Integer.toString(valueLength));
            }
            if (code == OPTION_TSRESOL)
            {
                expectLength(offset + option + 2, "if_tsresol", 1, valueLength);
                final int tsresol = buffer.get(block + option + 4) & 0xFF;
                if (!TimestampResolution.supported(tsresol))
                {
                    throw FeedFormatException.atByte(file, offset + option + 4,
                        "an if_tsresol of 10^-0 to 10^-18 or 2^-0 to 2^-63 s", (tsresol & 0x80) != 0
                            ? "2^-" + (tsresol & 0x7F) : "10^-" + tsresol);
                }
                resolution = TimestampResolution.ofTsresol(tsresol);
            }
            else if (code == OPTION_TSOFFSET)
            {
                expectLength(offset + option + 2, "if_tsoffset", 8, valueLength);
                tsOffsetNs = buffer.getLong(block + option + 4) * 1_000_000_000L;
            }
            option += 4 + padded;
        }
        interfaces.add(new Interface(linkType, snapLength, resolution, tsOffsetNs));
        interfaceCount++;
        resolutions.add(resolution.label());
        linkTypes.add(LinkTypes.name(linkType));
    }

    private void expectLength(final long at, final String option, final int expected, final int found)
    {
        if (found != expected)
        {
            throw FeedFormatException.atByte(file, at, option + "'s length " + expected, Integer.toString(found));
        }
    }

    private void packet(final long offset, final int block, final int length, final boolean obsolete)
    {
        final String name = obsolete ? "a packet block" : "an enhanced packet block";
        if (length < 32)
        {
            throw FeedFormatException.atByte(file, offset + 4, name + " of at least 32 bytes",
                Integer.toString(length));
        }
        final long interfaceId = obsolete
            ? buffer.getShort(block + 8) & 0xFFFF
            : buffer.getInt(block + 8) & 0xFFFFFFFFL;
        if (interfaceId >= interfaces.size())
        {
            throw FeedFormatException.atByte(file, offset + 8, "an interface id below " + interfaces.size() +
                " (the interfaces described so far in this section)", Long.toString(interfaceId));
        }
        final long captured = buffer.getInt(block + 20) & 0xFFFFFFFFL;
        if (captured > length - 32)
        {
            throw FeedFormatException.atByte(file, offset + 20, "a captured length of at most " + (length - 32) +
                " (what the block holds)", Long.toString(captured));
        }
        final Interface described = interfaces.get((int)interfaceId);
        if (decoder.decode(buffer, block + 28, (int)captured, described.linkType()))
        {
            final long ticks =
                (buffer.getInt(block + 12) & 0xFFFFFFFFL) << 32 | (buffer.getInt(block + 16) & 0xFFFFFFFFL);
            builder.add(described.resolution().toNanos(ticks) + described.tsOffsetNs(), decoder);
        }
    }

    private void simplePacket(final long offset, final int block, final int length)
    {
        if (length < 16)
        {
            throw FeedFormatException.atByte(file, offset + 4, "a simple packet block of at least 16 bytes",
                Integer.toString(length));
        }
        if (interfaces.isEmpty())
        {
            throw FeedFormatException.atByte(file, offset, "an interface description block before a simple packet " +
                "block", "none in this section");
        }
        final Interface first = interfaces.get(0);
        long captured = Math.min(buffer.getInt(block + 8) & 0xFFFFFFFFL, length - 16);
        if (first.snapLength() > 0)
        {
            captured = Math.min(captured, first.snapLength());
        }
        if (decoder.decode(buffer, block + 12, (int)captured, first.linkType()))
        {
            builder.skip(SkipReason.NO_TIMESTAMP.label());
        }
    }

    private int load(final long offset, final int length) throws IOException
    {
        final int index = window.load(offset, length);
        buffer = window.buffer();
        return index;
    }

    private static String hex(final int value)
    {
        return String.format("0x%08x", value);
    }

    private record Interface(int linkType, long snapLength, TimestampResolution resolution, long tsOffsetNs)
    {
    }
}
