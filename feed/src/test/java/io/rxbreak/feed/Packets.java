package io.rxbreak.feed;

/**
 * Packets built by hand, header by header, in network byte order: what a capture holds after its record header.
 */
final class Packets
{
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int UDP = 17;
    static final int TCP = 6;
    static final int[] SOURCE_V4 = {198, 18, 0, 1};
    static final int[] SOURCE_V6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private Packets()
    {
    }

    /**
     * @return a UDP header with its length field {@code 8 + payloadLength}, then that many payload bytes.
     */
    static byte[] udp(final int destinationPort, final int payloadLength)
    {
        return Bytes.network().u16(40000).u16(destinationPort).u16(8 + payloadLength).u16(0)
            .zeros(payloadLength).toArray();
    }

    /**
     * @return a 20-byte TCP header.
     */
    static byte[] tcp()
    {
        return Bytes.network().u16(40000).u16(80).u32(1).u32(0).u16(0x5002).u16(65535).u16(0).u16(0).toArray();
    }

    /**
     * @param fragmentField the flags and fragment offset (in 8-byte units): 0x2000 is "more fragments" at offset 0.
     * @param optionWords 32-bit words of options (IHL = 5 + optionWords).
     */
    static byte[] ipv4(final int[] destination, final int protocol, final byte[] payload, final int fragmentField,
        final int optionWords)
    {
        final Bytes ip = Bytes.network().u8(0x45 + optionWords).u8(0).u16(20 + 4 * optionWords + payload.length)
            .u16(0x1234).u16(fragmentField).u8(64).u8(protocol).u16(0).bytes(SOURCE_V4).bytes(destination);
        for (int i = 0; i < optionWords; i++)
        {
            ip.bytes(1, 1, 1, 1); // NOPs
        }
        return ip.raw(payload).toArray();
    }

    static byte[] ipv4(final int[] destination, final int protocol, final byte[] payload)
    {
        return ipv4(destination, protocol, payload, 0, 0);
    }

    /**
     * @param headers after the fixed header: extension headers then the upper layer, already chained.
     */
    static byte[] ipv6(final int[] destination, final int nextHeader, final byte[] headers)
    {
        return Bytes.network().u32(0x60000000L).u16(headers.length).u8(nextHeader).u8(64).bytes(SOURCE_V6)
            .bytes(destination).raw(headers).toArray();
    }

    /**
     * @return a hop-by-hop or destination-options header of 8 bytes (a PadN option) followed by {@code rest}.
     */
    static byte[] optionsHeader(final int nextHeader, final byte[] rest)
    {
        return Bytes.network().u8(nextHeader).u8(0).bytes(1, 4, 0, 0, 0, 0).raw(rest).toArray();
    }

    /**
     * @param offsetUnits the fragment offset in 8-byte units.
     */
    static byte[] fragmentHeader(final int nextHeader, final int offsetUnits, final boolean more, final byte[] rest)
    {
        return Bytes.network().u8(nextHeader).u8(0).u16(offsetUnits << 3 | (more ? 1 : 0)).u32(0xABCD).raw(rest)
            .toArray();
    }

    /**
     * @param vlanTags the tag types to put before the payload's type, outermost first (0x8100, 0x88a8).
     */
    static byte[] ethernet(final int etherType, final byte[] payload, final int... vlanTags)
    {
        final Bytes frame = Bytes.network().bytes(1, 0, 0x5e, 1, 1, 1).bytes(2, 0, 0, 0, 0, 1);
        for (int i = 0; i < vlanTags.length; i++)
        {
            frame.u16(vlanTags[i]).u16(100 + i);
        }
        return frame.u16(etherType).raw(payload).toArray();
    }

    static byte[] arp()
    {
        return ethernet(ETHERTYPE_ARP, Bytes.network().u16(1).u16(0x0800).u8(6).u8(4).u16(1).zeros(20).toArray());
    }

    /**
     * @return a Linux cooked (v1) header: packet type, ARPHRD, address length, 8 address bytes, protocol.
     */
    static byte[] sll(final int protocol, final byte[] payload)
    {
        return Bytes.network().u16(0).u16(1).u16(6).bytes(2, 0, 0, 0, 0, 1, 0, 0).u16(protocol).raw(payload).toArray();
    }

    /**
     * @return a Linux cooked v2 header: protocol, reserved, interface index, ARPHRD, packet type, address length,
     *     8 address bytes.
     */
    static byte[] sll2(final int protocol, final byte[] payload)
    {
        return Bytes.network().u16(protocol).u16(0).u32(3).u16(1).u8(0).u8(6).bytes(2, 0, 0, 0, 0, 1, 0, 0)
            .raw(payload).toArray();
    }

    static int[] group(final int last)
    {
        return new int[] {239, 1, 1, last};
    }

    static int[] ipv6Group(final int last)
    {
        return new int[] {0xff, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
    }
}
