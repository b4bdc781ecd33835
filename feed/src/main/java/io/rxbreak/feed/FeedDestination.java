package io.rxbreak.feed;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Where a feed's message went: a group (or unicast address) and a UDP port, or {@link #UNNAMED} when the feed did not
 * record it (the two-column CSV {@code offset_ns,size}): such messages go to the sender's own {@code --group}.
 *
 * @param address the destination address; {@code null} when not recorded.
 * @param port the UDP port; 0 when not recorded.
 */
public record FeedDestination(InetAddress address, int port)
{
    /** A destination the feed did not record: the sender's own {@code --group}. */
    public static final FeedDestination UNNAMED = new FeedDestination(null, 0);

    /**
     * @throws IllegalArgumentException when the port is outside 0-65535, or an unnamed destination has a port.
     */
    public FeedDestination
    {
        if (port < 0 || port > 65_535 || (address == null && port != 0))
        {
            throw new IllegalArgumentException("a destination needs a port in 0-65535 (0 without an address), not " +
                port);
        }
    }

    /**
     * @return whether the feed recorded the destination (false for {@link #UNNAMED}).
     */
    public boolean named()
    {
        return address != null;
    }

    /**
     * @return whether the destination is a multicast group (224.0.0.0/4 or ff00::/8); false when unnamed.
     */
    public boolean multicast()
    {
        return address != null && address.isMulticastAddress();
    }

    /**
     * @return {@code 239.1.1.1:5000}, {@code [ff15::1]:5000} (the shortest IPv6 form) or {@code unnamed}.
     */
    @Override
    public String toString()
    {
        if (address == null)
        {
            return "unnamed";
        }
        return address instanceof Inet6Address
            ? "[" + shortIpv6(address.getAddress()) + "]:" + port
            : address.getHostAddress() + ":" + port;
    }

    /**
     * @param bytes an IPv6 address's 16 bytes.
     * @return its text in RFC 5952's form: lower case, no leading zeros, the longest run of two or more zero groups
     *     (the first of equal runs) written {@code ::}.
     */
    static String shortIpv6(final byte[] bytes)
    {
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++)
        {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            int end = i;
            while (end < 8 && groups[end] == 0)
            {
                end++;
            }
            if (end - i > bestLength)
            {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(end, i + 1);
        }
        final StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':')
            {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
