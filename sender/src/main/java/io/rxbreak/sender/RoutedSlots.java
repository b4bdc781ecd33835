package io.rxbreak.sender;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.rxbreak.core.wire.MessageHeader;

/**
 * Send buffers whose every slot can go to any destination: a direct buffer of fixed slots, each with one packet
 * made once whose recipient is set per message. A replay sends each message to the group its feed recorded, so
 * one batch may go to hundreds of groups through one socket: written in order and flushed once, Netty sends them
 * with one {@code sendmmsg}, each with its own address, and nothing is allocated per message. End-of-trial markers
 * use it too (a slot per stream). Sending thread only.
 */
final class RoutedSlots
{
    private final ByteBuf slab;
    private final int slotBytes;
    private final RoutedPacket[] packets;

    /**
     * @param allocator where the direct buffer comes from.
     * @param slotCount how many messages one batch can hold.
     * @param slotBytes the longest datagram.
     * @param anyRecipient a recipient to make the packets with (each message sets its own).
     */
    RoutedSlots(final ByteBufAllocator allocator, final int slotCount, final int slotBytes,
        final InetSocketAddress anyRecipient)
    {
        this.slotBytes = slotBytes;
        this.slab = allocator.directBuffer(slotCount * slotBytes, slotCount * slotBytes);
        this.slab.setZero(0, slab.capacity());
        this.packets = new RoutedPacket[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            packets[slot] = new RoutedPacket(slab.slice(slot * slotBytes, slotBytes), anyRecipient);
        }
    }

    int slotCount()
    {
        return packets.length;
    }

    /**
     * Put one message in a slot: the whole header, its length and its recipient.
     */
    void put(
        final int slot,
        final InetSocketAddress recipient,
        final int flags,
        final int length,
        final int streamId,
        final int trialId,
        final long sequence,
        final long intendedSendTimeNs)
    {
        MessageHeader.encode(slab, slot * slotBytes, flags, length, streamId, trialId, sequence, intendedSendTimeNs);
        final RoutedPacket packet = packets[slot];
        packet.content().writerIndex(length);
        packet.recipient = recipient;
    }

    /**
     * Write one slot's message to a channel, not flushed.
     *
     * @param slot the slot.
     * @param channel the socket of the recipient's family.
     * @param log that channel's writes.
     */
    void write(final int slot, final Channel channel, final WriteLog log)
    {
        log.record(1);
        channel.write(packets[slot].retain(), channel.voidPromise());
    }

    void release()
    {
        slab.release();
    }

    /**
     * A datagram packet whose recipient is set per message: Netty's epoll write path reads the recipient through
     * {@link #recipient()} when it fills the {@code sendmmsg} array, after the write and before the next
     * {@link #put}, because a slot is reused only once nothing is queued.
     */
    private static final class RoutedPacket extends DatagramPacket
    {
        private InetSocketAddress recipient;

        RoutedPacket(final ByteBuf data, final InetSocketAddress recipient)
        {
            super(data, recipient);
            this.recipient = recipient;
        }

        @Override
        public InetSocketAddress recipient()
        {
            return recipient;
        }
    }
}
