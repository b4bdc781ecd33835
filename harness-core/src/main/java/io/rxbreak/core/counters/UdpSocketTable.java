package io.rxbreak.core.counters;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP sockets of one network namespace: the rows of {@code /proc/net/udp} and {@code /proc/net/udp6}.
 *
 * @param sockets every row, IPv4 first, in file order.
 */
public record UdpSocketTable(List<UdpSocket> sockets)
{
    public UdpSocketTable
    {
        sockets = List.copyOf(sockets);
    }

    /**
     * @param inode a socket inode.
     * @return the socket with that inode, or null.
     */
    public UdpSocket byInode(final long inode)
    {
        for (final UdpSocket socket : sockets)
        {
            if (socket.inode() == inode)
            {
                return socket;
            }
        }
        return null;
    }

    /**
     * @param port a local port.
     * @return the sockets bound to it (every multicast socket on a port has its own row).
     */
    public List<UdpSocket> byLocalPort(final int port)
    {
        final List<UdpSocket> found = new ArrayList<>();
        for (final UdpSocket socket : sockets)
        {
            if (socket.localPort() == port)
            {
                found.add(socket);
            }
        }
        return found;
    }

    /**
     * @param address a local address, for example a multicast group a socket is bound to.
     * @return the sockets bound to it.
     */
    public List<UdpSocket> byLocalAddress(final InetAddress address)
    {
        final List<UdpSocket> found = new ArrayList<>();
        for (final UdpSocket socket : sockets)
        {
            if (socket.boundTo(address))
            {
                found.add(socket);
            }
        }
        return found;
    }

    /**
     * @param ipv4 the rows of {@code /proc/net/udp}, or null.
     * @param ipv6 the rows of {@code /proc/net/udp6}, or null.
     * @return both together.
     */
    public static UdpSocketTable of(final List<UdpSocket> ipv4, final List<UdpSocket> ipv6)
    {
        final List<UdpSocket> all = new ArrayList<>();
        if (ipv4 != null)
        {
            all.addAll(ipv4);
        }
        if (ipv6 != null)
        {
            all.addAll(ipv6);
        }
        return new UdpSocketTable(all);
    }
}
