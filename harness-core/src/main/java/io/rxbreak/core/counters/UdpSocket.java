package io.rxbreak.core.counters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One row of {@code /proc/net/udp} or {@code /proc/net/udp6}: a UDP socket with its addresses decoded, its
 * queues in bytes of kernel memory (skb truesize, not payload) and its drop counter ({@code sk_drops}, a u32
 * that wraps).
 */
public final class UdpSocket
{
    /** {@code st} of an unconnected (bound) socket. */
    public static final int STATE_UNCONNECTED = 0x07;
    /** {@code st} of a connected socket. */
    public static final int STATE_CONNECTED = 0x01;

    private final boolean ipv6;
    private final byte[] localAddress;
    private final int localPort;
    private final byte[] remoteAddress;
    private final int remotePort;
    private final int state;
    private final long txQueueBytes;
    private final long rxQueueBytes;
    private final long uid;
    private final long inode;
    private final long ref;
    private final long drops;

    /**
     * @param ipv6 whether the row came from udp6.
     * @param localAddress the local address in network order (4 or 16 bytes).
     * @param localPort the local port.
     * @param remoteAddress the remote address in network order (4 or 16 bytes).
     * @param remotePort the remote port.
     * @param state {@code st}: {@link #STATE_UNCONNECTED} or {@link #STATE_CONNECTED}.
     * @param txQueueBytes bytes of kernel memory queued for sending.
     * @param rxQueueBytes bytes of kernel memory queued for reading (skb truesize).
     * @param uid the owner's user id.
     * @param inode the socket inode, as in {@code socket:[INODE]} of {@code /proc/PID/fd}.
     * @param ref the reference count.
     * @param drops {@code sk_drops}, u32.
     */
    public UdpSocket(
        final boolean ipv6,
        final byte[] localAddress,
        final int localPort,
        final byte[] remoteAddress,
        final int remotePort,
        final int state,
        final long txQueueBytes,
        final long rxQueueBytes,
        final long uid,
        final long inode,
        final long ref,
        final long drops)
    {
        this.ipv6 = ipv6;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.state = state;
        this.txQueueBytes = txQueueBytes;
        this.rxQueueBytes = rxQueueBytes;
        this.uid = uid;
        this.inode = inode;
        this.ref = ref;
        this.drops = drops;
    }

    public boolean ipv6()
    {
        return ipv6;
    }

    /**
     * @return the local address (no name lookup).
     */
    public InetAddress localAddress()
    {
        return toAddress(localAddress);
    }

    /**
     * @return the local address in network byte order; do not modify.
     */
    public byte[] localAddressBytes()
    {
        return localAddress;
    }

    public int localPort()
    {
        return localPort;
    }

    /**
     * @return the remote address (the wildcard address when unconnected).
     */
    public InetAddress remoteAddress()
    {
        return toAddress(remoteAddress);
    }

    public int remotePort()
    {
        return remotePort;
    }

    public int state()
    {
        return state;
    }

    public long txQueueBytes()
    {
        return txQueueBytes;
    }

    public long rxQueueBytes()
    {
        return rxQueueBytes;
    }

    public long uid()
    {
        return uid;
    }

    public long inode()
    {
        return inode;
    }

    public long ref()
    {
        return ref;
    }

    /**
     * @return {@code sk_drops}: datagrams this socket dropped (buffer full, memory, filters); u32, wraps.
     */
    public long drops()
    {
        return drops;
    }

    /**
     * @param address an address.
     * @return whether this socket is bound to it (an IPv4 address also matches its IPv4-mapped IPv6 form).
     */
    public boolean boundTo(final InetAddress address)
    {
        final byte[] wanted = address.getAddress();
        if (wanted.length == 4 && localAddress.length == 16)
        {
            for (int i = 0; i < 10; i++)
            {
                if (localAddress[i] != 0)
                {
                    return false;
                }
            }
            return localAddress[10] == (byte)0xff && localAddress[11] == (byte)0xff &&
                Arrays.equals(localAddress, 12, 16, wanted, 0, 4);
        }
        return Arrays.equals(localAddress, wanted);
    }

    /**
     * @return whether it is bound to the wildcard address (0.0.0.0 or ::).
     */
    public boolean boundToWildcard()
    {
        for (final byte b : localAddress)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static InetAddress toAddress(final byte[] bytes)
    {
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", ex);
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof UdpSocket))
        {
            return false;
        }
        final UdpSocket that = (UdpSocket)other;
        return ipv6 == that.ipv6 && localPort == that.localPort && remotePort == that.remotePort &&
            state == that.state && txQueueBytes == that.txQueueBytes && rxQueueBytes == that.rxQueueBytes &&
            uid == that.uid && inode == that.inode && ref == that.ref && drops == that.drops &&
            Arrays.equals(localAddress, that.localAddress) && Arrays.equals(remoteAddress, that.remoteAddress);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(inode) * 31 + localPort;
    }

    @Override
    public String toString()
    {
        return "UdpSocket{" + localAddress().getHostAddress() + ":" + localPort + " -> " +
            remoteAddress().getHostAddress() + ":" + remotePort + ", st=" + state + ", rx=" + rxQueueBytes +
            ", tx=" + txQueueBytes + ", uid=" + uid + ", inode=" + inode + ", ref=" + ref + ", drops=" + drops +
            (ipv6 ? ", ipv6" : "") + "}";
    }
}
