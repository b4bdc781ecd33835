package io.rxbreak.core.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One socket's {@code recvmmsg(2)} batch: native memory for {@code slots} datagrams of up to {@code slotBytes}
 * each, set up once and reused by every call, so that reading allocates nothing and no object is made per
 * datagram. One reading thread; {@link #close()} when done.
 * <pre>
 * RecvmmsgBatch.blockWithTimeout(fd, 50);
 * int n = batch.receive(fd);           // waits for the first datagram: 0 after the time-out
 * for (int i = 0; i &lt; n; i++) { decode(batch.payload(), batch.offset(i), batch.length(i)); }
 * </pre>
 */
public final class RecvmmsgBatch implements AutoCloseable
{
    private static final int MMSGHDR_BYTES = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_FLAGS = 48;
    private static final int MSG_LEN = 56;
    private static final int IOVEC_BYTES = 16;
    private static final int MSG_WAITFORONE = 0x10000;
    private static final int MSG_TRUNC = 0x20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    private final int slots;
    private final int slotBytes;
    private final Memory buffers;
    private final Memory iovecs;
    private final Memory headers;
    private final ByteBuffer headerView;
    private final ByteBuf payload;

    /**
     * @param slots datagrams per call, 1 to 1024.
     * @param slotBytes the largest datagram read whole; longer ones are truncated (and flagged).
     * @throws IllegalStateException when the native calls are unavailable here.
     */
    public RecvmmsgBatch(final int slots, final int slotBytes)
    {
        if (Libc.UNAVAILABLE != null)
        {
            throw new IllegalStateException("recvmmsg is unavailable: " + Libc.UNAVAILABLE);
        }
        if (slots < 1 || slots > 1024 || slotBytes < 1)
        {
            throw new IllegalArgumentException("slots " + slots + " must be 1 to 1024 and slotBytes positive");
        }
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.buffers = new Memory((long)slots * slotBytes);
        this.iovecs = new Memory((long)slots * IOVEC_BYTES);
        this.headers = new Memory((long)slots * MMSGHDR_BYTES);
        headers.clear();
        for (int i = 0; i < slots; i++)
        {
            iovecs.setPointer((long)i * IOVEC_BYTES, buffers.share((long)i * slotBytes));
            iovecs.setLong((long)i * IOVEC_BYTES + 8, slotBytes);
            headers.setPointer((long)i * MMSGHDR_BYTES + MSG_IOV, iovecs.share((long)i * IOVEC_BYTES));
            headers.setLong((long)i * MMSGHDR_BYTES + MSG_IOVLEN, 1);
        }
        this.headerView = headers.getByteBuffer(0, (long)slots * MMSGHDR_BYTES).order(ByteOrder.nativeOrder());
        this.payload = Unpooled.wrappedBuffer(buffers.getByteBuffer(0, (long)slots * slotBytes));
    }

    /**
     * Make the socket's reads block, for {@link #receive(int)}, and return after {@code timeoutMs} without data
     * (so that the reading thread can look up now and then). The socket is read by this batch only from then on.
     *
     * @param fd a datagram socket.
     * @param timeoutMs the longest a read waits.
     * @throws IllegalStateException when the socket cannot be set up so.
     */
    public static void blockWithTimeout(final int fd, final int timeoutMs)
    {
        try
        {
            final int flags = Libc.fcntl(fd, F_GETFL, 0);
            Libc.fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            try (Memory timeval = new Memory(16))
            {
                timeval.setLong(0, timeoutMs / 1000);
                timeval.setLong(8, (timeoutMs % 1000) * 1000L);
                Libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16);
            }
        }
        catch (final LastErrorException ex)
        {
            throw new IllegalStateException("cannot make socket " + fd + " block with a time-out: errno " +
                ex.getErrorCode(), ex);
        }
    }

    /**
     * Read what the socket has queued, up to the batch's size, waiting for the first datagram (one system call
     * per batch, as a C {@code recvmmsg} loop does).
     *
     * @param fd a datagram socket set up by {@link #blockWithTimeout(int, int)}.
     * @return how many datagrams were read; 0 when the time-out passed without data, or the call was interrupted.
     * @throws IllegalStateException on any other error.
     */
    public int receive(final int fd)
    {
        final int count = Libc.recvmmsg(fd, headers, slots, MSG_WAITFORONE, null);
        if (count >= 0)
        {
            return count;
        }
        final int errno = Native.getLastError();
        if (errno == EAGAIN || errno == EINTR)
        {
            return 0;
        }
        throw new IllegalStateException("recvmmsg failed: errno " + errno);
    }

    /**
     * @return every slot's bytes, as one buffer (its indices are not used: read at {@link #offset(int)}).
     */
    public ByteBuf payload()
    {
        return payload;
    }

    /**
     * @param i a datagram of the last call.
     * @return where it starts in {@link #payload()}.
     */
    public int offset(final int i)
    {
        return i * slotBytes;
    }

    /**
     * @param i a datagram of the last call.
     * @return how many of its bytes were read.
     */
    public int length(final int i)
    {
        return headerView.getInt(i * MMSGHDR_BYTES + MSG_LEN);
    }

    /**
     * @param i a datagram of the last call.
     * @return whether it was longer than a slot (only the slot's bytes were read).
     */
    public boolean truncated(final int i)
    {
        return (headerView.getInt(i * MMSGHDR_BYTES + MSG_FLAGS) & MSG_TRUNC) != 0;
    }

    public int slots()
    {
        return slots;
    }

    public int slotBytes()
    {
        return slotBytes;
    }

    @Override
    public void close()
    {
        buffers.close();
        iovecs.close();
        headers.close();
    }
}
