package io.rxbreak.feed;

/**
 * Why a captured packet is not in the feed. The labels are the keys of {@link Feed#skipped()}; a link type rxbreak
 * cannot decode is counted under {@link #unsupportedLinkType(int)} instead.
 */
enum SkipReason
{
    /** Not IPv4 or IPv6: ARP, LLDP, 802.3 LLC frames and the like. */
    NOT_IP("not IP"),
    /** IP, but not UDP: TCP, ICMP, IGMP, ESP, ... */
    NOT_UDP("not UDP"),
    /** A fragment after the first: the first fragment carries the UDP header and counts for the whole datagram. */
    FRAGMENT("IP fragment (not first)"),
    /** The capture's snapshot length (or the packet) ends before a whole UDP header. */
    TRUNCATED("truncated before the UDP header"),
    /** An IP header whose version or header length is impossible. */
    MALFORMED_IP("malformed IP header"),
    /** A UDP header whose length field is below 8, its own length. */
    MALFORMED_UDP("malformed UDP header (length below 8)"),
    /** A UDP datagram in a pcapng simple packet block, which records no time. */
    NO_TIMESTAMP("UDP datagram without a timestamp (pcapng simple packet block)");

    private final String label;

    SkipReason(final String label)
    {
        this.label = label;
    }

    String label()
    {
        return label;
    }

    /**
     * @param linkType a LINKTYPE_ value that is not decoded.
     * @return the key its packets are counted under.
     */
    static String unsupportedLinkType(final int linkType)
    {
        return "unsupported link type " + linkType;
    }
}
