package io.rxbreak.feed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a libpcap capture: a 24-byte file header (magic number in the writer's byte order, microsecond or nanosecond
 * timestamps, snapshot length, link type), then records of a 16-byte header (seconds, fraction, captured length,
 * original length) and the captured bytes. A record that runs past the end of the file (a capture cut short) is an
 * error, not a silent end.
 */
final class PcapReader
{
    /** The microsecond magic number, as read in the writer's byte order. */
    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    /** The nanosecond magic number, as read in the writer's byte order. */
    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private PcapReader()
    {
    }

    /**
     * @param magic the first four bytes, read big-endian.
     * @return whether they are a pcap magic number in either byte order.
     */
    static boolean isMagic(final int magic)
    {
        return magic == MAGIC_MICROSECONDS || magic == Integer.reverseBytes(MAGIC_MICROSECONDS) ||
            magic == MAGIC_NANOSECONDS || magic == Integer.reverseBytes(MAGIC_NANOSECONDS);
    }

    /**
     * @param file the file as given, for messages.
     * @param window the file.
     * @param magic its first four bytes, read big-endian; {@link #isMagic} is true.
     * @return the feed.
     * @throws IOException when the file cannot be read.
     */
    static Feed read(final String file, final FileWindow window, final int magic) throws IOException
    {
        final boolean bigEndian = magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS;
        final TimestampResolution resolution = magic == MAGIC_MICROSECONDS || magic == Integer.reverseBytes(
            MAGIC_MICROSECONDS) ? TimestampResolution.MICROSECONDS : TimestampResolution.NANOSECONDS;
        final long fractionNs = resolution.toNanos(1);
        final long size = window.size();
        if (size < FILE_HEADER)
        {
            throw FeedFormatException.atByte(file, 0, "a pcap file header of " + FILE_HEADER + " bytes",
                "only " + size + " bytes");
        }
        window.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        final int fileHeader = window.load(0, FILE_HEADER);
        final int linkType = window.buffer().getInt(fileHeader + 20) & 0xFFFF;
        final FeedBuilder builder = new FeedBuilder();
        final PacketDecoder decoder = new PacketDecoder(builder);
        long offset = FILE_HEADER;
        while (offset < size)
        {
            final long left = size - offset;
            if (left < RECORD_HEADER)
            {
                throw FeedFormatException.atByte(file, offset, "a record header of " + RECORD_HEADER + " bytes",
                    left + " bytes before the end of the file");
            }
            final int header = window.load(offset, RECORD_HEADER);
            final ByteBuffer buffer = window.buffer();
            final long seconds = buffer.getInt(header) & 0xFFFFFFFFL;
            final long fraction = buffer.getInt(header + 4) & 0xFFFFFFFFL;
            final long captured = buffer.getInt(header + 8) & 0xFFFFFFFFL;
            if (captured > left - RECORD_HEADER)
            {
                throw FeedFormatException.atByte(file, offset, "a record of " + (RECORD_HEADER + captured) +
                    " bytes (16 + its captured length)", left + " bytes before the end of the file");
            }
            if (captured > FeedFiles.MAX_PACKET_BYTES)
            {
                throw FeedFormatException.atByte(file, offset + 8, "a captured length of at most " +
                    FeedFiles.MAX_PACKET_BYTES + " bytes", Long.toString(captured));
            }
            final int data = window.load(offset + RECORD_HEADER, (int)captured);
            if (decoder.decode(window.buffer(), data, (int)captured, linkType))
            {
                builder.add(seconds * 1_000_000_000L + fraction * fractionNs, decoder);
            }
            offset += RECORD_HEADER + captured;
        }
        return builder.build(file, Feed.Format.PCAP, resolution.label() + " timestamps, " + LinkTypes.name(linkType));
    }
}
