package io.rxbreak.sender;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.rxbreak.core.wire.MessageHeader;

/**
 * One destination's send buffers for a trial: a direct buffer of fixed slots, one datagram each, with packets
 * made once over them and written again and again (each write retains the buffer, Netty releases it once the
 * datagram went). Slot k always carries stream {@code k % streams}, so a header is encoded once per slot and
 * only its changing fields are updated per message. With GSO the slots are contiguous and one packet carries up
 * to {@code segments} consecutive slots.
 */
final class GroupSlots
{
    private final ByteBuf slab;
    private final int slotBytes;
    private final int slotCount;
    private final int segments;
    private final DatagramPacket[] packets;
    private final SegmentedDatagramPacket[] chunks;
    private int low = Integer.MAX_VALUE;
    private int high = -1;

    /**
     * @param allocator where the direct buffer comes from.
     * @param recipient the destination.
     * @param slotCount how many messages one batch can put here.
     * @param slotBytes the longest datagram.
     * @param segments messages per GSO send, or 0 without GSO (then slots may hold shorter datagrams).
     */
    GroupSlots(
        final ByteBufAllocator allocator,
        final InetSocketAddress recipient,
        final int slotCount,
        final int slotBytes,
        final int segments)
    {
        this.slotBytes = slotBytes;
        this.slotCount = slotCount;
        this.segments = segments;
        this.slab = allocator.directBuffer(slotCount * slotBytes, slotCount * slotBytes);
        this.slab.setZero(0, slab.capacity());
        this.packets = new DatagramPacket[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            packets[slot] = new DatagramPacket(slab.slice(slot * slotBytes, slotBytes), recipient);
        }
        if (segments > 0)
        {
            final int chunkCount = (slotCount + segments - 1) / segments;
            chunks = new SegmentedDatagramPacket[chunkCount];
            for (int chunk = 0; chunk < chunkCount; chunk++)
            {
                final int first = chunk * segments;
                final int length = Math.min(segments, slotCount - first) * slotBytes;
                chunks[chunk] = new SegmentedDatagramPacket(slab.slice(first * slotBytes, length), slotBytes, recipient);
            }
        }
        else
        {
            chunks = null;
        }
    }

    int slotCount()
    {
        return slotCount;
    }

    /**
     * Write a full header into every slot for a new trial.
     *
     * @param trialId the trial.
     * @param length every datagram's length.
     * @param firstStreamId the stream id of this destination's first stream.
     * @param streams streams per destination.
     */
    void encodeAll(final int trialId, final int length, final int firstStreamId, final int streams)
    {
        for (int slot = 0; slot < slotCount; slot++)
        {
            MessageHeader.encode(slab, slot * slotBytes, 0, length, firstStreamId + slot % streams, trialId, 0, 0);
            packets[slot].content().writerIndex(length);
        }
    }

    /**
     * Put one message in a slot, updating only what changes per message.
     */
    void put(final int slot, final int flags, final long sequence, final long intendedSendTimeNs)
    {
        MessageHeader.update(slab, slot * slotBytes, flags, sequence, intendedSendTimeNs);
        mark(slot);
    }

    /**
     * Put one message whose length differs from the slot's last (a replay): the whole header is written.
     */
    void putFull(
        final int slot,
        final int flags,
        final int length,
        final int streamId,
        final int trialId,
        final long sequence,
        final long intendedSendTimeNs)
    {
        MessageHeader.encode(slab, slot * slotBytes, flags, length, streamId, trialId, sequence, intendedSendTimeNs);
        packets[slot].content().writerIndex(length);
        mark(slot);
    }

    private void mark(final int slot)
    {
        if (slot < low)
        {
            low = slot;
        }
        if (slot > high)
        {
            high = slot;
        }
    }

    /**
     * @return whether any message was put since the last write.
     */
    boolean hasMessages()
    {
        return high >= low;
    }

    /**
     * Write the messages put since the last call (a contiguous run of slots) to the channel, not flushed.
     *
     * @param channel the socket of the destination's family.
     * @param log that socket's writes of this flush.
     * @return how many datagram writes that was.
     */
    int write(final Channel channel, final WriteLog log)
    {
        final ChannelPromise promise = channel.voidPromise();
        int writes = 0;
        if (chunks != null)
        {
            for (int chunk = low / segments; chunk <= high / segments; chunk++)
            {
                final int first = chunk * segments;
                final int from = Math.max(low, first) - first;
                final int to = Math.min(high, first + segments - 1) - first + 1;
                final SegmentedDatagramPacket packet = chunks[chunk];
                packet.content().setIndex(from * slotBytes, to * slotBytes);
                log.record(to - from);
                writes++;
                channel.write(packet.retain(), promise);
            }
        }
        else
        {
            for (int slot = low; slot <= high; slot++)
            {
                log.record(1);
                writes++;
                channel.write(packets[slot].retain(), promise);
            }
        }
        low = Integer.MAX_VALUE;
        high = -1;
        return writes;
    }

    int slotBytes()
    {
        return slotBytes;
    }

    void release()
    {
        slab.release();
    }
}
