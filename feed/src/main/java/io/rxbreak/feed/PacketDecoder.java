package io.rxbreak.feed;

import java.nio.ByteBuffer;

/**
 * Finds the UDP datagram in a captured packet: the link-layer header (Ethernet with any VLAN tags, Linux cooked v1
 * and v2, raw IP, BSD and OpenBSD loopback), IPv4 (with options; a fragment after the first is skipped) or IPv6
 * (past hop-by-hop, routing, fragment, destination options, authentication and mobility headers), then the UDP
 * header: its destination port and length field. A packet that holds no UDP datagram is counted in the builder's
 * skipped packets, by reason.
 * <p>
 * A mutable flyweight, one per reader: {@link #decode} fills the fields that describe the datagram found, without
 * allocating. Header fields are read in network byte order whatever the buffer's order.
 */
final class PacketDecoder
{
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int PROTOCOL_UDP = 17;
    private static final int UDP_HEADER = 8;

    private final FeedBuilder builder;

    private boolean ipv6;
    private int ipv4Address;
    private long ipv6High;
    private long ipv6Low;
    private int port;
    private int length;

    PacketDecoder(final FeedBuilder builder)
    {
        this.builder = builder;
    }

    /**
     * @param buffer holds the packet.
     * @param at where the packet starts in it.
     * @param captured how many of its bytes were captured.
     * @param linkType its link-layer header type.
     * @return true when it is a UDP datagram (described by this decoder's fields until the next call); false when
     *     it is not, and was counted in the builder's skipped packets.
     */
    boolean decode(final ByteBuffer buffer, final int at, final int captured, final int linkType)
    {
        final int end = at + captured;
        switch (linkType)
        {
            case LinkTypes.ETHERNET:
                // destination and source addresses, then the type
                return cooked(buffer, at + 12, at + 14, end);
            case LinkTypes.LINUX_SLL:
                // packet type, ARPHRD type, address length, 8 address bytes, then the protocol (an EtherType)
                return cooked(buffer, at + 14, at + 16, end);
            case LinkTypes.LINUX_SLL2:
                // the protocol first, then reserved, interface index, ARPHRD type, packet type, address length, address
                return cooked(buffer, at, at + 20, end);
            case LinkTypes.RAW:
                return ip(buffer, at, end);
            case LinkTypes.IPV4:
                return ipv4(buffer, at, end);
            case LinkTypes.IPV6:
                return ipv6(buffer, at, end);
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                return loopback(buffer, at, end, linkType == LinkTypes.LOOP);
            default:
                builder.skip(SkipReason.unsupportedLinkType(linkType));
                return false;
        }
    }

    private boolean cooked(final ByteBuffer buffer, final int typeAt, final int payloadAt, final int end)
    {
        return payloadAt <= end ? etherType(buffer, u16(buffer, typeAt), payloadAt, end) : skip(SkipReason.TRUNCATED);
    }

    private boolean etherType(final ByteBuffer buffer, final int firstType, final int firstPayload, final int end)
    {
        int type = firstType;
        int payload = firstPayload;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD)
        {
            // a tag: 2 bytes of priority and VLAN id, then the next type
            if (payload + 4 > end)
            {
                return skip(SkipReason.TRUNCATED);
            }
            type = u16(buffer, payload + 2);
            payload += 4;
        }
        switch (type)
        {
            case ETHERTYPE_IPV4: return ipv4(buffer, payload, end);
            case ETHERTYPE_IPV6: return ipv6(buffer, payload, end);
            default: return skip(SkipReason.NOT_IP);
        }
    }

    private boolean loopback(final ByteBuffer buffer, final int at, final int end, final boolean networkOrder)
    {
        if (at + 4 > end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        int family = s32(buffer, at);
        if (!networkOrder && (family & 0xFFFF0000) != 0)
        {
            // written in the capturing host's byte order: a little-endian host's family reads swapped
            family = Integer.reverseBytes(family);
        }
        switch (family)
        {
            case 2: return ipv4(buffer, at + 4, end);
            case 10: case 24: case 28: case 30: return ipv6(buffer, at + 4, end); // Linux, Net/OpenBSD, FreeBSD, Darwin
            default: return skip(SkipReason.NOT_IP);
        }
    }

    private boolean ip(final ByteBuffer buffer, final int at, final int end)
    {
        if (at >= end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        switch (u8(buffer, at) >> 4)
        {
            case 4: return ipv4(buffer, at, end);
            case 6: return ipv6(buffer, at, end);
            default: return skip(SkipReason.NOT_IP);
        }
    }

    private boolean ipv4(final ByteBuffer buffer, final int at, final int end)
    {
        if (at + 20 > end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        final int versionAndLength = u8(buffer, at);
        final int headerLength = (versionAndLength & 0x0F) * 4;
        if (versionAndLength >> 4 != 4 || headerLength < 20)
        {
            return skip(SkipReason.MALFORMED_IP);
        }
        if (at + headerLength > end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        if ((u16(buffer, at + 6) & 0x1FFF) != 0)
        {
            return skip(SkipReason.FRAGMENT);
        }
        if (u8(buffer, at + 9) != PROTOCOL_UDP)
        {
            return skip(SkipReason.NOT_UDP);
        }
        ipv6 = false;
        ipv4Address = s32(buffer, at + 16);
        return udp(buffer, at + headerLength, end);
    }

    private boolean ipv6(final ByteBuffer buffer, final int at, final int end)
    {
        if (at + 40 > end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        if (u8(buffer, at) >> 4 != 6)
        {
            return skip(SkipReason.MALFORMED_IP);
        }
        int next = u8(buffer, at + 6);
        int header = at + 40;
        while (next != PROTOCOL_UDP)
        {
            final int headerLength;
            switch (next)
            {
                case 0: case 43: case 60: case 135: case 139: case 140:
                    // hop-by-hop, routing, destination options, mobility, HIP, shim6: 8-byte units after the first 8
                    if (header + 2 > end)
                    {
                        return skip(SkipReason.TRUNCATED);
                    }
                    headerLength = (u8(buffer, header + 1) + 1) * 8;
                    break;
                case 44:
                    if (header + 8 > end)
                    {
                        return skip(SkipReason.TRUNCATED);
                    }
                    if ((u16(buffer, header + 2) >> 3) != 0)
                    {
                        return skip(SkipReason.FRAGMENT);
                    }
                    headerLength = 8;
                    break;
                case 51:
                    // authentication header: 4-byte units after the first 8
                    if (header + 2 > end)
                    {
                        return skip(SkipReason.TRUNCATED);
                    }
                    headerLength = (u8(buffer, header + 1) + 2) * 4;
                    break;
                default:
                    return skip(SkipReason.NOT_UDP);
            }
            next = u8(buffer, header);
            header += headerLength;
        }
        ipv6 = true;
        ipv6High = s64(buffer, at + 24);
        ipv6Low = s64(buffer, at + 32);
        return udp(buffer, header, end);
    }

    private boolean udp(final ByteBuffer buffer, final int at, final int end)
    {
        if (at + UDP_HEADER > end)
        {
            return skip(SkipReason.TRUNCATED);
        }
        final int udpLength = u16(buffer, at + 4);
        if (udpLength < UDP_HEADER)
        {
            return skip(SkipReason.MALFORMED_UDP);
        }
        port = u16(buffer, at + 2);
        length = udpLength - UDP_HEADER;
        return true;
    }

    private boolean skip(final SkipReason reason)
    {
        builder.skip(reason.label());
        return false;
    }

    boolean ipv6()
    {
        return ipv6;
    }

    /**
     * @return the IPv4 destination address of the datagram found, in network order.
     */
    int ipv4Address()
    {
        return ipv4Address;
    }

    long ipv6High()
    {
        return ipv6High;
    }

    long ipv6Low()
    {
        return ipv6Low;
    }

    /**
     * @return the destination port of the datagram found.
     */
    int port()
    {
        return port;
    }

    /**
     * @return the UDP payload length of the datagram found, from the UDP header's length field.
     */
    int length()
    {
        return length;
    }

    private static int u8(final ByteBuffer buffer, final int index)
    {
        return buffer.get(index) & 0xFF;
    }

    private static int u16(final ByteBuffer buffer, final int index)
    {
        return (buffer.get(index) & 0xFF) << 8 | (buffer.get(index + 1) & 0xFF);
    }

    private static int s32(final ByteBuffer buffer, final int index)
    {
        return u16(buffer, index) << 16 | u16(buffer, index + 2);
    }

    private static long s64(final ByteBuffer buffer, final int index)
    {
        return (long)s32(buffer, index) << 32 | (s32(buffer, index + 4) & 0xFFFFFFFFL);
    }
}
