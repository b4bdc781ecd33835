package io.rxbreak.sender;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.rxbreak.core.wire.MessageHeader;

/**
 * The Netty way of a routed batch, where {@code sendmmsg} cannot be called directly: a direct buffer of fixed slots,
 * each with one packet made once whose recipient is set per message. Written in order and flushed once
 * ({@link SendSockets#flushAll()}), Netty sends them with one {@code sendmmsg} per socket, each with its own
 * address; nothing of ours is allocated per message, but Netty copies each recipient's address (about 45 B a
 * message). Sending thread only.
 */
final class RoutedSlots implements RoutedSender
{
    private final ByteBuf slab;
    private final int slotBytes;
    private final RoutedPacket[] packets;
    private final SendSockets sockets;

    /**
     * @param allocator where the direct buffer comes from.
     * @param slotCount how many messages one batch can hold.
     * @param slotBytes the longest datagram.
     * @param sockets the sockets and the groups' addresses.
     */
    RoutedSlots(final ByteBufAllocator allocator, final int slotCount, final int slotBytes, final SendSockets sockets)
    {
        this.slotBytes = slotBytes;
        this.sockets = sockets;
        this.slab = allocator.directBuffer(slotCount * slotBytes, slotCount * slotBytes);
        this.slab.setZero(0, slab.capacity());
        this.packets = new RoutedPacket[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            packets[slot] = new RoutedPacket(slab.slice(slot * slotBytes, slotBytes), sockets.recipients[0]);
        }
    }

    @Override
    public int slotCount()
    {
        return packets.length;
    }

    /**
     * Put one message in a slot and write it to its group's socket, not flushed.
     */
    @Override
    public void put(
        final int slot,
        final int group,
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
        packet.recipient = sockets.recipients[group];
        final Channel channel = sockets.channelOf(group);
        sockets.logOf(group).record(1);
        channel.write(packet.retain(), channel.voidPromise());
    }

    /**
     * Nothing to do: the writes go with the sockets' flush, and what Netty could not send waits in its queue.
     */
    @Override
    public boolean send(final SendCounters counters)
    {
        return true;
    }

    @Override
    public void release()
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
