package io.rxbreak.sender;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.rxbreak.core.os.SendmmsgBatch;
import io.rxbreak.core.wire.MessageHeader;

/**
 * A routed batch sent with {@code sendmmsg(2)} straight on the sockets' descriptors, past Netty's write path (its
 * outbound buffer entries, its packet array, and the copy of each recipient's address it allocates per datagram):
 * per socket a direct buffer of slots and a {@link SendmmsgBatch} laid out over it once, with every group's address
 * prebuilt. A message is encoded into the next slot of its group's socket and pointed at its group's address;
 * {@link #send(SendCounters)} sends each socket's slots in order, in as few calls as the kernel takes.
 * <p>
 * The sockets are non-blocking. When one's buffer is full ({@code EAGAIN}, or {@code ENOBUFS}, which is also counted
 * by errno) the rest of its batch stays in its slots and the next {@link #send(SendCounters)} goes on from where it
 * stopped; a message that fails otherwise is counted by errno (and as failed, unless these are end markers) and
 * skipped. Nothing is allocated after construction. Sending thread only.
 */
final class SendmmsgSlots implements RoutedSender
{
    private static final int EBADF = 9;

    private final int slotCount;
    private final int slotBytes;
    private final boolean messages;
    private final int[] socketOfGroup;
    private final int[] fds;
    private final Channel[] channels;
    private final ByteBuf[] slabs;
    private final SendmmsgBatch[] batches;
    /** Per socket: the slots put in this batch. */
    private final int[] put;
    /** Per socket: the slots of this batch that are done (sent, or failed and counted). */
    private final int[] done;
    /** Whether the last send left some of the batch in its slots. */
    private boolean unsent;

    /**
     * @param allocator where the direct buffers come from (they need a memory address).
     * @param slotCount how many messages one batch can hold.
     * @param slotBytes the longest datagram.
     * @param sockets the sockets, their descriptors and the groups' addresses.
     * @param messages whether these are trial messages (a failure counts as a failed message) rather than end markers
     *     (counted by errno only).
     * @throws IllegalStateException when {@code sendmmsg} cannot be called here (JNA, the platform).
     * @throws IllegalArgumentException when the allocator's direct buffers have no memory address.
     */
    SendmmsgSlots(final ByteBufAllocator allocator, final int slotCount, final int slotBytes, final SendSockets sockets,
        final boolean messages)
    {
        final String unavailable = SendmmsgBatch.unavailability();
        if (unavailable != null)
        {
            throw new IllegalStateException(unavailable);
        }
        this.slotCount = slotCount;
        this.slotBytes = slotBytes;
        this.messages = messages;
        this.socketOfGroup = sockets.channelOfGroup;
        this.fds = sockets.fds;
        this.channels = sockets.channels;
        final int socketCount = sockets.channels.length;
        this.slabs = new ByteBuf[socketCount];
        this.batches = new SendmmsgBatch[socketCount];
        this.put = new int[socketCount];
        this.done = new int[socketCount];
        try
        {
            for (int s = 0; s < socketCount; s++)
            {
                slabs[s] = allocator.directBuffer(slotCount * slotBytes, slotCount * slotBytes);
                slabs[s].setZero(0, slabs[s].capacity());
                batches[s] = new SendmmsgBatch(slabs[s], slotBytes, sockets.recipients);
            }
        }
        catch (final RuntimeException ex)
        {
            release();
            throw ex;
        }
    }

    @Override
    public int slotCount()
    {
        return slotCount;
    }

    /**
     * Encode one message into the next slot of its group's socket and address it to the group (the slot number the
     * batch gives is not needed: each socket's slots fill in order).
     *
     * @throws IllegalStateException when the previous batch has not gone whole.
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
        if (unsent)
        {
            throw new IllegalStateException("a message put while the last batch is still being sent");
        }
        final int socket = socketOfGroup[group];
        final int entry = put[socket]++;
        MessageHeader.encode(slabs[socket], entry * slotBytes, flags, length, streamId, trialId, sequence,
            intendedSendTimeNs);
        batches[socket].put(entry, group, length);
    }

    @Override
    public boolean send(final SendCounters counters)
    {
        boolean whole = true;
        for (int socket = 0; socket < put.length; socket++)
        {
            if (put[socket] > 0)
            {
                whole &= sendFrom(socket, counters);
            }
        }
        unsent = !whole;
        return whole;
    }

    /**
     * @return true when the socket's batch is done (and its slots free again), false when its buffer filled.
     */
    private boolean sendFrom(final int socket, final SendCounters counters)
    {
        final SendmmsgBatch batch = batches[socket];
        final int fd = fds[socket];
        final int total = put[socket];
        int next = done[socket];
        if (!channels[socket].isOpen())
        {
            // the sender closed its sockets (on this thread) under a trial that did not stop in time: the descriptor
            // may already be another file's, so nothing more goes to it
            counters.error(Errno.slot(EBADF));
            if (messages)
            {
                counters.add(SendCounters.FAILED, total - next);
            }
            next = total;
        }
        while (next < total)
        {
            final int result = batch.send(fd, next, total - next);
            if (result > 0)
            {
                next += result;
                continue;
            }
            final int errno = -result;
            if (result == 0 || errno == SendmmsgBatch.EAGAIN || errno == SendmmsgBatch.ENOBUFS)
            {
                if (errno == SendmmsgBatch.ENOBUFS)
                {
                    counters.error(Errno.slot(errno));
                }
                done[socket] = next;
                return false;
            }
            // this message failed (the call that sent the ones before it kept quiet): count it and go on past it
            counters.error(Errno.slot(errno));
            if (messages)
            {
                counters.add(SendCounters.FAILED, 1);
            }
            next++;
        }
        put[socket] = 0;
        done[socket] = 0;
        return true;
    }

    @Override
    public void release()
    {
        for (int s = 0; s < slabs.length; s++)
        {
            if (batches[s] != null)
            {
                batches[s].close();
                batches[s] = null;
            }
            if (slabs[s] != null)
            {
                slabs[s].release();
                slabs[s] = null;
            }
        }
    }
}
