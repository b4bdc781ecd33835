package io.rxbreak.core.os;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * How much of a socket's receive buffer one datagram takes: the kernel charges each queued datagram its buffer's
 * whole allocation (the skb's truesize), not its payload, so a buffer of {@code rcvbuf} bytes holds
 * {@code rcvbuf / truesize} datagrams, far fewer than {@code rcvbuf / size}. Measured here by queueing datagrams of
 * the size on a loopback socket that never reads and reading its {@code SO_MEMINFO}: over loopback, on this host's
 * kernel. A NIC's driver allocates its own way; over one the figure is an estimate.
 */
public final class DatagramMemory
{
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_MEMINFO = 55;
    private static final int MEMINFO_RMEM_ALLOC = 0;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int PROBES = 32;
    private static final Map<Integer, Long> MEASURED = new ConcurrentHashMap<>();

    private DatagramMemory()
    {
    }

    /**
     * @param payloadBytes a datagram's UDP payload.
     * @return the receive-buffer memory one such datagram takes, bytes.
     * @throws IllegalStateException when it cannot be measured here (with why).
     */
    public static long truesizeBytes(final int payloadBytes)
    {
        return MEASURED.computeIfAbsent(payloadBytes, DatagramMemory::measure);
    }

    /**
     * @param rcvbufBytes a socket's receive buffer as granted (SO_RCVBUF read back).
     * @param payloadBytes a datagram's UDP payload.
     * @return how many such datagrams the buffer holds.
     * @throws IllegalStateException when it cannot be measured here (with why).
     */
    public static long bufferDatagrams(final long rcvbufBytes, final int payloadBytes)
    {
        return Math.max(1, rcvbufBytes / truesizeBytes(payloadBytes));
    }

    private static long measure(final int payloadBytes)
    {
        if (Libc.UNAVAILABLE != null)
        {
            throw new IllegalStateException(Libc.UNAVAILABLE);
        }
        int sink = -1;
        int source = -1;
        try (Memory address = new Memory(16); Memory payload = new Memory(Math.max(1, payloadBytes));
            Memory value = new Memory(4 * 9))
        {
            address.clear();
            address.setShort(0, (short)AF_INET);
            address.setByte(4, (byte)127);
            address.setByte(7, (byte)1);
            payload.clear();
            sink = Libc.socket(AF_INET, SOCK_DGRAM, 0);
            value.setInt(0, 4 << 20);
            Libc.setsockopt(sink, SOL_SOCKET, SO_RCVBUF, value, 4);
            Libc.bind(sink, address, 16);
            Libc.getsockname(sink, address, new int[] {16});
            source = Libc.socket(AF_INET, SOCK_DGRAM, 0);
            for (int i = 0; i < PROBES; i++)
            {
                Libc.sendto(source, payload, payloadBytes, MSG_DONTWAIT, address, 16);
            }
            Libc.getsockopt(sink, SOL_SOCKET, SO_MEMINFO, value, new int[] {4 * 9});
            final long queued = Integer.toUnsignedLong(value.getInt(MEMINFO_RMEM_ALLOC * 4));
            if (queued <= 0)
            {
                throw new IllegalStateException("no datagram of " + payloadBytes + " B was queued over loopback");
            }
            return queued / PROBES;
        }
        catch (final LastErrorException ex)
        {
            throw new IllegalStateException("measuring the memory per datagram failed: errno " + ex.getErrorCode(), ex);
        }
        finally
        {
            closeQuietly(sink);
            closeQuietly(source);
        }
    }

    private static void closeQuietly(final int fd)
    {
        if (fd >= 0)
        {
            try
            {
                Libc.close(fd);
            }
            catch (final LastErrorException ex)
            {
                // nothing left to do with it
            }
        }
    }
}
