package io.rxbreak.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pcap and pcapng files written field by field, in a chosen byte order.
 */
final class CaptureFiles
{
    private CaptureFiles()
    {
    }

    static Path write(final Path file, final byte[] bytes)
    {
        try
        {
            return Files.write(file, bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A pcap file: its header, then records added one by one.
     */
    static final class Pcap
    {
        private final Bytes bytes;

        /**
         * @param nanoseconds the nanosecond magic (else microseconds).
         */
        Pcap(final ByteOrder order, final boolean nanoseconds, final int linkType, final int snapLength)
        {
            bytes = new Bytes(order).u32(nanoseconds ? 0xA1B23C4DL : 0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0)
                .u32(snapLength).u32(linkType);
        }

        Pcap record(final long seconds, final long fraction, final byte[] packet)
        {
            return record(seconds, fraction, packet, packet.length);
        }

        /**
         * @param captured how many of the packet's bytes to keep (the snapshot length cut the rest).
         */
        Pcap record(final long seconds, final long fraction, final byte[] packet, final int captured)
        {
            final int kept = Math.min(captured, packet.length);
            bytes.u32(seconds).u32(fraction).u32(kept).u32(packet.length);
            final byte[] data = new byte[kept];
            System.arraycopy(packet, 0, data, 0, kept);
            bytes.raw(data);
            return this;
        }

        /**
         * A record header that promises more bytes than follow.
         */
        Pcap recordHeaderOnly(final long captured)
        {
            bytes.u32(1).u32(0).u32(captured).u32(captured);
            return this;
        }

        Pcap raw(final byte[] data)
        {
            bytes.raw(data);
            return this;
        }

        int size()
        {
            return bytes.size();
        }

        byte[] toArray()
        {
            return bytes.toArray();
        }
    }

    /**
     * A pcapng file: blocks added one by one, each section in its own byte order.
     */
    static final class Pcapng
    {
        private final Bytes file = Bytes.network();
        private ByteOrder order;

        Pcapng(final ByteOrder order)
        {
            section(order);
        }

        /**
         * A Section Header Block: a new section in this byte order, with no interfaces yet.
         */
        Pcapng section(final ByteOrder sectionOrder)
        {
            order = sectionOrder;
            return block(0x0A0D0D0A, body().u32(0x1A2B3C4DL).u16(1).u16(0).u64(-1L).toArray());
        }

        /**
         * An Interface Description Block.
         *
         * @param tsresol the if_tsresol byte, or -1 for none (microseconds).
         * @param tsoffsetSeconds the if_tsoffset, or 0 for none.
         */
        Pcapng interfaceBlock(final int linkType, final int snapLength, final int tsresol, final long tsoffsetSeconds)
        {
            final Bytes body = body().u16(linkType).u16(0).u32(snapLength);
            body.u16(2).u16(3).bytes('e', 't', 'h').padTo4(); // if_name, to be skipped
            if (tsresol >= 0)
            {
                body.u16(9).u16(1).u8(tsresol).padTo4();
            }
            if (tsoffsetSeconds != 0)
            {
                body.u16(14).u16(8).u64(tsoffsetSeconds);
            }
            body.u16(0).u16(0);
            return block(1, body.toArray());
        }

        Pcapng enhancedPacket(final int interfaceId, final long ticks, final byte[] packet)
        {
            return block(6, body().u32(interfaceId).u32(ticks >>> 32).u32(ticks).u32(packet.length)
                .u32(packet.length).raw(packet).padTo4().toArray());
        }

        Pcapng packetBlock(final int interfaceId, final long ticks, final byte[] packet)
        {
            return block(2, body().u16(interfaceId).u16(0).u32(ticks >>> 32).u32(ticks).u32(packet.length)
                .u32(packet.length).raw(packet).padTo4().toArray());
        }

        Pcapng simplePacket(final byte[] packet)
        {
            return block(3, body().u32(packet.length).raw(packet).padTo4().toArray());
        }

        /**
         * @param body the block's body, its length a multiple of 4.
         */
        Pcapng block(final int type, final byte[] body)
        {
            final int length = 12 + body.length;
            file.raw(new Bytes(order).u32(type).u32(length).raw(body).u32(length).toArray());
            return this;
        }

        Pcapng raw(final byte[] bytes)
        {
            file.raw(bytes);
            return this;
        }

        Bytes body()
        {
            return new Bytes(order);
        }

        int size()
        {
            return file.size();
        }

        byte[] toArray()
        {
            return file.toArray();
        }
    }
}
