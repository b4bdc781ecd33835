package io.rxbreak.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.netty.channel.socket.SocketProtocolFamily;
import io.rxbreak.core.config.BadInputException;

/**
 * A destination {@code ADDR:PORT} as the user typed it ({@code 239.1.1.1:5000}, {@code [ff15::1]:5000}),
 * validated once: a literal address (never a name to resolve), a port in 1-65535, and a multicast address
 * (224.0.0.0/4 or ff00::/8) unless unicast was allowed.
 *
 * @param address the group (or, when allowed, unicast) address.
 * @param port the UDP port.
 */
public record MulticastGroup(InetAddress address, int port)
{
    /**
     * @param option the option it came from, for messages, like {@code --group}.
     * @param text what the user typed.
     * @param allowUnicast whether a non-multicast destination is accepted.
     * @return the group.
     * @throws BadInputException naming the option and what is expected.
     */
    public static MulticastGroup parse(final String option, final String text, final boolean allowUnicast)
    {
        final String value = text.trim();
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1)
        {
            throw BadInputException.option(option, "'" + text + "' is not ADDR:PORT (IPv6 as [ff15::1]:5000)");
        }
        String host = value.substring(0, colon);
        final String portText = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.indexOf(':') >= 0)
        {
            throw BadInputException.option(option, "'" + text + "': write an IPv6 group in brackets, like [ff15::1]:5000");
        }
        final int port;
        try
        {
            port = Integer.parseInt(portText);
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(option, "'" + portText + "' is not a port number (1-65535)");
        }
        if (port < 1 || port > 65_535)
        {
            throw BadInputException.option(option, "port " + port + " is out of range: use 1-65535");
        }
        if (!isLiteral(host))
        {
            throw BadInputException.option(option, "'" + host + "' is not an IPv4 or IPv6 address literal");
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(host);
        }
        catch (final UnknownHostException ex)
        {
            throw BadInputException.option(option, "'" + host + "' is not an IP address");
        }
        if (!address.isMulticastAddress() && !allowUnicast)
        {
            throw BadInputException.option(option, address.getHostAddress() +
                " is not a multicast group (224.0.0.0/4 or ff00::/8); pass --allow-unicast to send to it anyway");
        }
        return new MulticastGroup(address, port);
    }

    private static boolean isLiteral(final String host)
    {
        if (host.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%'))
            {
                return false;
            }
        }
        return true;
    }

    public boolean isIpv6()
    {
        return address instanceof Inet6Address;
    }

    public boolean isIpv4()
    {
        return address instanceof Inet4Address;
    }

    /**
     * @return the socket family to open for this group: INET for IPv4 (an INET6 socket would not apply
     *     IP_MULTICAST_IF to IPv4 groups), INET6 for IPv6.
     */
    public SocketProtocolFamily family()
    {
        return isIpv6() ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }

    public InetSocketAddress socketAddress()
    {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString()
    {
        return isIpv6() ? "[" + address.getHostAddress() + "]:" + port : address.getHostAddress() + ":" + port;
    }
}
