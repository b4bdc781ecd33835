package io.rxbreak.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import io.rxbreak.core.config.BadInputException;

/**
 * The network interface a socket sends or joins on, validated once: it exists, it is up, and it has an address
 * of the group's family. Loopback ({@value #LOOPBACK}) is the default everywhere: nothing leaves the host unless
 * the user names another interface. Note that {@link NetworkInterface#supportsMulticast()} is false for lo although
 * multicast works over it, so it is not consulted.
 */
public final class Interfaces
{
    /** The default interface: host-only. */
    public static final String LOOPBACK = "lo";

    private Interfaces()
    {
    }

    /**
     * @param option the option it came from, like {@code --interface}.
     * @param name the interface's name.
     * @param group the group it will carry.
     * @return the interface.
     * @throws BadInputException when it does not exist, is down, or has no address of the group's family.
     */
    public static NetworkInterface resolve(final String option, final String name, final MulticastGroup group)
    {
        final NetworkInterface nif;
        try
        {
            nif = NetworkInterface.getByName(name);
        }
        catch (final SocketException ex)
        {
            throw BadInputException.option(option, "cannot read interface '" + name + "': " + ex.getMessage());
        }
        if (nif == null)
        {
            throw BadInputException.option(option, "no interface named '" + name + "' (see 'ip link')");
        }
        try
        {
            if (!nif.isUp())
            {
                throw BadInputException.option(option, "interface '" + name + "' is down (ip link set " + name + " up)");
            }
        }
        catch (final SocketException ex)
        {
            throw BadInputException.option(option, "cannot read interface '" + name + "': " + ex.getMessage());
        }
        if (address(nif, group.isIpv6()).isEmpty())
        {
            throw BadInputException.option(option, "interface '" + name + "' has no " +
                (group.isIpv6() ? "IPv6" : "IPv4") + " address for group " + group);
        }
        return nif;
    }

    /**
     * @param nif an interface.
     * @param ipv6 which family.
     * @return its first address of that family, if any.
     */
    public static Optional<InetAddress> address(final NetworkInterface nif, final boolean ipv6)
    {
        for (final InetAddress address : Collections.list(nif.getInetAddresses()))
        {
            if (ipv6 ? address instanceof Inet6Address : address instanceof Inet4Address)
            {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /**
     * @param nif an interface.
     * @return whether it is the loopback interface.
     */
    public static boolean isLoopback(final NetworkInterface nif)
    {
        try
        {
            return nif.isLoopback();
        }
        catch (final SocketException ex)
        {
            return LOOPBACK.equals(nif.getName());
        }
    }

    /**
     * @param name an interface's name as given, or null for the default ({@value #LOOPBACK}).
     * @return whether traffic sent through it stays on this host: the loopback interface (an unknown name is not).
     */
    public static boolean isHostOnly(final String name)
    {
        if (name == null)
        {
            return true;
        }
        try
        {
            final NetworkInterface nif = NetworkInterface.getByName(name);
            return nif != null && isLoopback(nif);
        }
        catch (final SocketException ex)
        {
            return false;
        }
    }
}
