package io.rxbreak.core.net;

import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;

/**
 * Raw socket options that Netty's epoll transport lacks or gets wrong (see shared/reference/netty-epoll.md):
 * set them through these, and read back what the kernel granted.
 */
public final class SocketOptions
{
    private static final int SOL_SOCKET = 1;
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;

    /**
     * The real IP_MULTICAST_TTL: Netty's {@code ChannelOption.IP_MULTICAST_TTL} sets IP_TTL instead.
     */
    public static final IntegerUnixChannelOption IP_MULTICAST_TTL =
        new IntegerUnixChannelOption("IP_MULTICAST_TTL", IPPROTO_IP, 33);
    /** IPV6_MULTICAST_HOPS, the IPv6 twin of IP_MULTICAST_TTL. */
    public static final IntegerUnixChannelOption IPV6_MULTICAST_HOPS =
        new IntegerUnixChannelOption("IPV6_MULTICAST_HOPS", IPPROTO_IPV6, 18);
    /** IP_TTL: the TTL of unicast datagrams. */
    public static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
    /** IPV6_UNICAST_HOPS: the hop limit of unicast IPv6 datagrams. */
    public static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
        new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);
    /** IP_MULTICAST_LOOP. */
    public static final IntegerUnixChannelOption IP_MULTICAST_LOOP =
        new IntegerUnixChannelOption("IP_MULTICAST_LOOP", IPPROTO_IP, 34);
    /** SO_RCVBUFFORCE: ignores net.core.rmem_max; needs CAP_NET_ADMIN. */
    public static final IntegerUnixChannelOption SO_RCVBUFFORCE =
        new IntegerUnixChannelOption("SO_RCVBUFFORCE", SOL_SOCKET, 33);
    /** SO_BUSY_POLL in microseconds: Netty's EpollChannelOption.SO_BUSY_POLL is ignored on datagram channels. */
    public static final IntegerUnixChannelOption SO_BUSY_POLL =
        new IntegerUnixChannelOption("SO_BUSY_POLL", SOL_SOCKET, 46);
    /** SO_MEMINFO: nine u32s; index {@link #SK_MEMINFO_RMEM_ALLOC} and {@link #SK_MEMINFO_DROPS} matter here. */
    public static final RawUnixChannelOption SO_MEMINFO = new RawUnixChannelOption("SO_MEMINFO", SOL_SOCKET, 55, 9 * 4);

    /** SO_MEMINFO index: receive queue memory in bytes (the rx_queue of /proc/net/udp). */
    public static final int SK_MEMINFO_RMEM_ALLOC = 0;
    /** SO_MEMINFO index: the receive buffer limit (SO_RCVBUF as granted). */
    public static final int SK_MEMINFO_RCVBUF = 1;
    /** SO_MEMINFO index: the socket's drops (sk_drops, u32, wraps). */
    public static final int SK_MEMINFO_DROPS = 8;

    private SocketOptions()
    {
    }

    /**
     * SO_BINDTODEVICE for one interface: the socket then sends (and receives) only through it, whatever the
     * routes say.
     *
     * @param interfaceName the interface, like {@code lo}.
     * @return the option and its value, to set with {@code config().setOption(option, value)}.
     */
    public static RawUnixChannelOption bindToDevice(final String interfaceName)
    {
        return new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, 25,
            interfaceName.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length + 1);
    }

    /**
     * @param interfaceName the interface.
     * @return the NUL-terminated name that {@link #bindToDevice(String)} takes as its value.
     */
    public static java.nio.ByteBuffer deviceName(final String interfaceName)
    {
        final byte[] name = interfaceName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final java.nio.ByteBuffer value = java.nio.ByteBuffer.allocateDirect(name.length + 1);
        value.put(name).put((byte)0).flip();
        return value;
    }
}
