package io.rxbreak.core.os;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.netty.buffer.ByteBuf;

/**
 * One socket's {@code sendmmsg(2)} batch whose every datagram may go to its own destination: native memory laid out
 * once (an {@code mmsghdr} array, one {@code iovec} per slot pointing into the caller's direct buffer, one
 * {@code sockaddr_in} or {@code sockaddr_in6} per destination), so that sending allocates nothing and makes no
 * object per datagram. A message is put by pointing its header at its destination's address and setting its length;
 * the payload is written into the slot by the caller. One sending thread; {@link #close()} when done (the payload
 * buffer stays the caller's).
 * <pre>
 * SendmmsgBatch batch = new SendmmsgBatch(slab, 64, destinations);
 * encode(slab, 0 * 64, ...); batch.put(0, 17, 64);   // slot 0 to destination 17
 * encode(slab, 1 * 64, ...); batch.put(1, 3, 40);    // slot 1 to destination 3
 * int n = batch.send(fd, 0, 2);                       // 2, fewer (send the rest later) or -errno
 * </pre>
 */
public final class SendmmsgBatch implements AutoCloseable
{
    /** The most datagrams the kernel takes in one call (UIO_MAXIOV); a longer batch goes in several. */
    public static final int MAX_PER_CALL = 1024;
    /** errno: the socket buffer is full (non-blocking socket). */
    public static final int EAGAIN = 11;
    /** errno: no buffer space (a full device queue, or out of memory). */
    public static final int ENOBUFS = 105;

    static final int MMSGHDR_BYTES = 64;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int IOVEC_BYTES = 16;
    static final int IOV_LEN = 8;
    /** Room for one destination's address: a sockaddr_in6 (28 B), rounded up. */
    static final int SOCKADDR_BYTES = 32;
    static final int SOCKADDR_IN_BYTES = 16;
    static final int SOCKADDR_IN6_BYTES = 28;
    static final short AF_INET = 2;
    static final short AF_INET6 = 10;
    private static final int EINTR = 4;

    private final int slots;
    private final Memory headers;
    private final Memory iovecs;
    private final Memory names;
    private final ByteBuffer headerView;
    private final ByteBuffer iovecView;
    private final long headersAddress;
    private final long[] nameAddress;
    private final int[] nameLength;

    /**
     * @param payload a direct buffer with a memory address ({@link ByteBuf#hasMemoryAddress()}), slot i at
     *     {@code i * slotBytes}; it must outlive this batch.
     * @param slotBytes the bytes of one slot, the longest datagram.
     * @param destinations where messages may go, by index (IPv4 and IPv6 may be mixed; a socket sends only to those
     *     of its own family).
     * @throws IllegalStateException when the native calls are unavailable here ({@link #unavailability()}).
     * @throws IllegalArgumentException when the buffer has no memory address or holds no slot.
     */
    public SendmmsgBatch(final ByteBuf payload, final int slotBytes, final InetSocketAddress[] destinations)
    {
        if (Libc.UNAVAILABLE != null)
        {
            throw new IllegalStateException("sendmmsg is unavailable: " + Libc.UNAVAILABLE);
        }
        if (!payload.hasMemoryAddress())
        {
            throw new IllegalArgumentException("the payload buffer has no memory address (" +
                payload.getClass().getSimpleName() + ")");
        }
        if (slotBytes < 1 || payload.capacity() < slotBytes)
        {
            throw new IllegalArgumentException("slotBytes " + slotBytes + " must be 1 to the buffer's " +
                payload.capacity() + " B");
        }
        this.slots = payload.capacity() / slotBytes;
        this.headers = new Memory((long)slots * MMSGHDR_BYTES);
        this.iovecs = new Memory((long)slots * IOVEC_BYTES);
        this.names = new Memory((long)Math.max(1, destinations.length) * SOCKADDR_BYTES);
        headers.clear();
        names.clear();
        final long payloadAddress = payload.memoryAddress();
        for (int i = 0; i < slots; i++)
        {
            iovecs.setPointer((long)i * IOVEC_BYTES, new Pointer(payloadAddress + (long)i * slotBytes));
            iovecs.setLong((long)i * IOVEC_BYTES + IOV_LEN, slotBytes);
            headers.setPointer((long)i * MMSGHDR_BYTES + MSG_IOV, iovecs.share((long)i * IOVEC_BYTES));
            headers.setLong((long)i * MMSGHDR_BYTES + MSG_IOVLEN, 1);
        }
        this.nameAddress = new long[destinations.length];
        this.nameLength = new int[destinations.length];
        final long namesAddress = Pointer.nativeValue(names);
        for (int d = 0; d < destinations.length; d++)
        {
            nameAddress[d] = namesAddress + (long)d * SOCKADDR_BYTES;
            nameLength[d] = writeSockaddr(names, (long)d * SOCKADDR_BYTES, destinations[d]);
        }
        this.headersAddress = Pointer.nativeValue(headers);
        this.headerView = headers.getByteBuffer(0, (long)slots * MMSGHDR_BYTES).order(ByteOrder.nativeOrder());
        this.iovecView = iovecs.getByteBuffer(0, (long)slots * IOVEC_BYTES).order(ByteOrder.nativeOrder());
    }

    /**
     * @return why {@code sendmmsg} cannot be called here, or null when it can.
     */
    public static String unavailability()
    {
        return Libc.UNAVAILABLE;
    }

    /**
     * A {@code sockaddr_in} (16 B) or {@code sockaddr_in6} (28 B) at {@code offset}: the family in the machine's
     * order, the port and address in the network's.
     *
     * @return its length.
     */
    private static int writeSockaddr(final Memory memory, final long offset, final InetSocketAddress destination)
    {
        final byte[] address = destination.getAddress().getAddress();
        final int port = destination.getPort();
        memory.setByte(offset + 2, (byte)(port >>> 8));
        memory.setByte(offset + 3, (byte)port);
        if (destination.getAddress() instanceof Inet4Address)
        {
            memory.setShort(offset, AF_INET);
            memory.write(offset + 4, address, 0, 4);
            return SOCKADDR_IN_BYTES;
        }
        final Inet6Address ipv6 = (Inet6Address)destination.getAddress();
        memory.setShort(offset, AF_INET6);
        memory.write(offset + 8, address, 0, 16);
        memory.setInt(offset + 24, ipv6.getScopeId());
        return SOCKADDR_IN6_BYTES;
    }

    /**
     * Address the message in a slot (its bytes are already in the payload buffer).
     *
     * @param slot the slot, 0 to {@link #slots()} - 1.
     * @param destination its destination's index.
     * @param length its length, at most the slot's.
     */
    public void put(final int slot, final int destination, final int length)
    {
        final int header = slot * MMSGHDR_BYTES;
        headerView.putLong(header + MSG_NAME, nameAddress[destination]);
        headerView.putInt(header + MSG_NAMELEN, nameLength[destination]);
        iovecView.putLong(slot * IOVEC_BYTES + IOV_LEN, length);
    }

    /**
     * Send slots {@code from} to {@code from + count - 1} with one {@code sendmmsg} call (at most
     * {@link #MAX_PER_CALL}; an interrupted call is made again).
     *
     * @param fd a datagram socket of the destinations' family; non-blocking, so that a full buffer returns.
     * @param from the first slot.
     * @param count how many.
     * @return how many went, from {@code from} on (fewer than asked when the socket's buffer filled or a message
     *     failed: the next call from where this one stopped tells which); or minus the errno when the first failed
     *     (like {@code -EAGAIN}).
     */
    public int send(final int fd, final int from, final int count)
    {
        while (true)
        {
            final int sent = Libc.sendmmsg(fd, headersAddress + (long)from * MMSGHDR_BYTES,
                Math.min(count, MAX_PER_CALL), 0);
            if (sent >= 0)
            {
                return sent;
            }
            final int errno = Native.getLastError();
            if (errno != EINTR)
            {
                return -errno;
            }
        }
    }

    public int slots()
    {
        return slots;
    }

    /**
     * For tests of the layout: the native memory of the headers, the iovecs and the addresses.
     */
    Memory headers()
    {
        return headers;
    }

    Memory iovecs()
    {
        return iovecs;
    }

    @Override
    public void close()
    {
        headers.close();
        iovecs.close();
        names.close();
    }
}
