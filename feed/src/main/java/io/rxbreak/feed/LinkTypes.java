package io.rxbreak.feed;

/**
 * The link-layer header types (tcpdump.org's LINKTYPE_ values) whose packets a feed is read from.
 */
final class LinkTypes
{
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    static final int NULL = 0;
    /** Ethernet, with any number of 802.1Q / 802.1ad VLAN tags. */
    static final int ETHERNET = 1;
    /** Raw IP, version 4 or 6 told by the first nibble. */
    static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    static final int LOOP = 108;
    /** Linux cooked capture (tcpdump -i any before libpcap 1.10). */
    static final int LINUX_SLL = 113;
    /** Raw IPv4. */
    static final int IPV4 = 228;
    /** Raw IPv6. */
    static final int IPV6 = 229;
    /** Linux cooked capture v2 (tcpdump -i any with libpcap 1.10 and later). */
    static final int LINUX_SLL2 = 276;

    private LinkTypes()
    {
    }

    /**
     * @param linkType a LINKTYPE_ value.
     * @return its name for people, like {@code Ethernet}.
     */
    static String name(final int linkType)
    {
        switch (linkType)
        {
            case NULL: return "BSD loopback";
            case ETHERNET: return "Ethernet";
            case RAW: return "raw IP";
            case LOOP: return "OpenBSD loopback";
            case LINUX_SLL: return "Linux cooked";
            case IPV4: return "raw IPv4";
            case IPV6: return "raw IPv6";
            case LINUX_SLL2: return "Linux cooked v2";
            default: return "link type " + linkType + " (unsupported)";
        }
    }
}
