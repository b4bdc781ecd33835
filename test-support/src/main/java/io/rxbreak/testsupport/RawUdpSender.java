package io.rxbreak.testsupport;

import java.net.Inet4Address;
import java.net.InetAddress;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * A UDP sender on a raw socket ({@code SOCK_RAW}, {@code IPPROTO_UDP}, through JNA: Java has no raw sockets): it
 * writes the UDP header itself, so it can send datagrams whose UDP checksum is wrong, which no ordinary socket
 * can. The kernel adds the IP header. IPv4 only; needs root (CAP_NET_RAW). Run it inside a test namespace: it
 * binds {@code --source} (the IP source address, which need not belong to the outgoing interface, so that a source
 * the receiver cannot route back to can be sent), sends out of the interface holding {@code --interface} (default:
 * the source) with the given TTL, then prints {@code SENT count=N}.
 *
 * <pre>
 * RawUdpSender GROUP:PORT --source ADDRESS --count N [--interface ADDRESS] [--size BYTES] [--ttl 1] [--bad-checksum]
 * </pre>
 */
public final class RawUdpSender
{
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_UDP = 17;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int UDP_HEADER_BYTES = 8;
    private static final int SOURCE_PORT = 40_000;

    static
    {
        Native.register(RawUdpSender.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private RawUdpSender()
    {
    }

    private static native int socket(int domain, int type, int protocol) throws LastErrorException;

    private static native int bind(int fd, Pointer address, int addressLength) throws LastErrorException;

    private static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    private static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength)
        throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    public static void main(final String[] args) throws Exception
    {
        final String[] groupPort = args[0].split(":(?=[0-9]+$)");
        final InetAddress group = InetAddress.getByName(groupPort[0]);
        final int port = Integer.parseInt(groupPort[1]);
        InetAddress source = null;
        InetAddress outgoing = null;
        long count = 0;
        int size = 64;
        int ttl = 1;
        boolean badChecksum = false;
        for (int i = 1; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--source": source = InetAddress.getByName(args[++i]); break;
                case "--interface": outgoing = InetAddress.getByName(args[++i]); break;
                case "--count": count = Long.parseLong(args[++i]); break;
                case "--size": size = Integer.parseInt(args[++i]); break;
                case "--ttl": ttl = Integer.parseInt(args[++i]); break;
                case "--bad-checksum": badChecksum = true; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress() || !(source instanceof Inet4Address))
        {
            throw new IllegalArgumentException("expected an IPv4 group and --source ADDRESS (IPv4)");
        }
        final byte[] datagram = datagram(source.getAddress(), group.getAddress(), port, size, badChecksum);
        final int fd = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
        try (Memory interfaceAddress = new Memory(4); Memory ttlValue = new Memory(4);
            Memory target = new Memory(16); Memory buffer = new Memory(datagram.length))
        {
            target.clear();
            target.setShort(0, (short)AF_INET);
            target.write(4, source.getAddress(), 0, 4);
            bind(fd, target, 16);
            interfaceAddress.write(0, (outgoing == null ? source : outgoing).getAddress(), 0, 4);
            setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, interfaceAddress, 4);
            ttlValue.setInt(0, ttl);
            setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, ttlValue, 4);
            target.clear();
            target.setShort(0, (short)AF_INET);
            target.write(4, group.getAddress(), 0, 4);
            buffer.write(0, datagram, 0, datagram.length);
            for (long i = 0; i < count; i++)
            {
                sendto(fd, buffer, datagram.length, 0, target, 16);
            }
        }
        finally
        {
            close(fd);
        }
        System.out.println("SENT count=" + count);
        System.out.flush();
    }

    /**
     * @return the UDP header and payload, the checksum right or deliberately wrong (never 0, which means none).
     */
    static byte[] datagram(final byte[] source, final byte[] destination, final int port, final int payloadBytes,
        final boolean badChecksum)
    {
        final int length = UDP_HEADER_BYTES + payloadBytes;
        final byte[] datagram = new byte[length];
        putShort(datagram, 0, SOURCE_PORT);
        putShort(datagram, 2, port);
        putShort(datagram, 4, length);
        for (int i = UDP_HEADER_BYTES; i < length; i++)
        {
            datagram[i] = (byte)i;
        }
        final int right = checksum(source, destination, datagram);
        putShort(datagram, 6, badChecksum ? (right == 0x0001 ? 0x0002 : right ^ 0x0001) : right);
        return datagram;
    }

    /**
     * @return the UDP checksum over the pseudo-header and the datagram (its checksum field 0), 0xFFFF for 0.
     */
    static int checksum(final byte[] source, final byte[] destination, final byte[] datagram)
    {
        long sum = 0;
        for (int i = 0; i < 4; i += 2)
        {
            sum += (source[i] & 0xFF) << 8 | source[i + 1] & 0xFF;
            sum += (destination[i] & 0xFF) << 8 | destination[i + 1] & 0xFF;
        }
        sum += IPPROTO_UDP + datagram.length;
        for (int i = 0; i < datagram.length; i += 2)
        {
            if (i == 6)
            {
                continue;
            }
            sum += (datagram[i] & 0xFF) << 8 | (i + 1 < datagram.length ? datagram[i + 1] & 0xFF : 0);
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        final int result = (int)~sum & 0xFFFF;
        return result == 0 ? 0xFFFF : result;
    }

    private static void putShort(final byte[] bytes, final int offset, final int value)
    {
        bytes[offset] = (byte)(value >> 8);
        bytes[offset + 1] = (byte)value;
    }
}
