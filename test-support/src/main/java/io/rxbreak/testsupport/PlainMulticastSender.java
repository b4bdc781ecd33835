package io.rxbreak.testsupport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A plain multicast sending program that is not rxbreak's (java.nio): sends a number of datagrams to a group as
 * fast as it can, host-only by default (interface {@code lo}, TTL 0), each starting with its 8-byte sequence
 * number, then prints {@code SENT count=N} and exits.
 *
 * <pre>
 * PlainMulticastSender GROUP:PORT --count N [--size BYTES] [--interface lo] [--ttl 0]
 * </pre>
 */
public final class PlainMulticastSender
{
    private PlainMulticastSender()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String[] groupPort = args[0].split(":(?=[0-9]+$)");
        final InetAddress group = InetAddress.getByName(groupPort[0].replace("[", "").replace("]", ""));
        final int port = Integer.parseInt(groupPort[1]);
        long count = 0;
        int size = 64;
        String interfaceName = "lo";
        int ttl = 0;
        for (int i = 1; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--count": count = Long.parseLong(args[++i]); break;
                case "--size": size = Integer.parseInt(args[++i]); break;
                case "--interface": interfaceName = args[++i]; break;
                case "--ttl": ttl = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!group.isMulticastAddress())
        {
            throw new IllegalArgumentException(group + " is not a multicast group");
        }
        final ProtocolFamily family = group.getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        try (DatagramChannel channel = DatagramChannel.open(family))
        {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(interfaceName));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            final InetSocketAddress target = new InetSocketAddress(group, port);
            final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(size, 8));
            for (long sequence = 0; sequence < count; sequence++)
            {
                buffer.clear();
                buffer.putLong(0, sequence);
                buffer.limit(size);
                channel.send(buffer, target);
            }
        }
        System.out.println("SENT count=" + count);
        System.out.flush();
    }
}
