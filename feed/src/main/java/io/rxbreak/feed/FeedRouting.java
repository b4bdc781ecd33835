package io.rxbreak.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.net.MulticastGroup;

/**
 * Where a replayed feed's messages go: its recorded destinations mapped onto the test's groups. The sender and
 * the controller both resolve it from the same feed and the same {@code --map} entries, so that the sender's
 * groups and the receiver's are the same list, in the same order (the order the feed first names them).
 * <p>
 * A destination goes to the target of the {@code --map} entry naming its address and port, else of the entry
 * naming its address alone (its port kept unless the target names one); with no entry it keeps its own group when
 * that is a multicast group and the interface is host-only (or {@code --map keep} was given): rxbreak does not
 * send to a capture's production groups on a real network unless told to. Every entry must match a destination,
 * and every target must be a multicast group.
 *
 * @param groups the test groups, in the order the feed first names them.
 * @param groupOfDestination for each of the feed's destinations, the index of its group.
 */
public record FeedRouting(List<MulticastGroup> groups, int[] groupOfDestination)
{
    /** The option the entries are given with. */
    public static final String OPTION = "--map";
    /** The entry that keeps every unmapped multicast destination, even on a named interface. */
    public static final String KEEP = "keep";

    /**
     * @param feed the feed.
     * @param map the {@code --map} entries as typed ({@code FROM=TO}, each side {@code ADDR:PORT} or {@code ADDR},
     *     or {@code keep}); may be empty.
     * @param hostOnly whether the sending interface is host-only (loopback).
     * @return the routing, or null when the feed names no destination (a two-column CSV: the sender's own groups
     *     take it round robin).
     * @throws BadInputException naming {@code --map} and what to change.
     */
    public static FeedRouting resolve(final Feed feed, final List<String> map, final boolean hostOnly)
    {
        final List<FeedDestination> destinations = feed.destinations();
        final boolean named = destinations.stream().anyMatch(FeedDestination::named);
        if (!named)
        {
            if (!map.isEmpty())
            {
                throw BadInputException.option(OPTION, feed.file() + " names no destination (offset_ns,size): there is " +
                    "nothing to map; give the groups with --group");
            }
            return null;
        }
        boolean keep = false;
        final List<Entry> entries = new ArrayList<>();
        for (final String text : map)
        {
            if (KEEP.equalsIgnoreCase(text.trim()))
            {
                keep = true;
            }
            else
            {
                entries.add(Entry.parse(text));
            }
        }
        for (final Entry entry : entries)
        {
            if (destinations.stream().noneMatch(d -> entry.from.equals(d.address()) &&
                (entry.fromPort < 0 || entry.fromPort == d.port())))
            {
                throw BadInputException.option(OPTION, entry.text + ": " + entry.fromText() + " is not a destination " +
                    "of " + feed.file() + " (it has " + listed(destinations) + ")");
            }
        }
        final Map<MulticastGroup, Integer> index = new LinkedHashMap<>();
        final int[] groupOf = new int[destinations.size()];
        for (int d = 0; d < destinations.size(); d++)
        {
            final MulticastGroup target = target(feed, destinations.get(d), entries, keep || hostOnly);
            groupOf[d] = index.computeIfAbsent(target, group -> index.size());
        }
        return new FeedRouting(List.copyOf(index.keySet()), groupOf);
    }

    private static MulticastGroup target(final Feed feed, final FeedDestination destination, final List<Entry> entries,
        final boolean keepMulticast)
    {
        int matchIndex = -1;
        for (int e = 0; e < entries.size() && matchIndex < 0; e++)
        {
            final Entry entry = entries.get(e);
            if (entry.from.equals(destination.address()) && entry.fromPort == destination.port())
            {
                matchIndex = e;
            }
        }
        for (int e = 0; e < entries.size() && matchIndex < 0; e++)
        {
            final Entry entry = entries.get(e);
            if (entry.from.equals(destination.address()) && entry.fromPort < 0)
            {
                matchIndex = e;
            }
        }
        final Entry match = matchIndex < 0 ? null : entries.get(matchIndex);
        if (match != null)
        {
            return new MulticastGroup(match.to, match.toPort >= 0 ? match.toPort : destination.port());
        }
        if (!destination.named())
        {
            throw BadInputException.option(OPTION, feed.file() + " mixes lines with and without a group: give every " +
                "line its group:port");
        }
        if (!destination.multicast())
        {
            throw BadInputException.option(OPTION, feed.file() + " sends to " + destination + ", which is not a " +
                "multicast group: map it onto a test group, like --map " + destination + "=239.255.0.1:" +
                destination.port());
        }
        if (!keepMulticast)
        {
            throw BadInputException.option(OPTION, feed.file() + " sends to " + destination + " and the interface is " +
                "not host-only: map each recorded group onto a test group (like --map " + destination +
                "=239.255.0.1), or give --map keep to send to the recorded groups");
        }
        return new MulticastGroup(destination.address(), destination.port());
    }

    private static String listed(final List<FeedDestination> destinations)
    {
        final StringBuilder text = new StringBuilder();
        for (int d = 0; d < Math.min(5, destinations.size()); d++)
        {
            text.append(d == 0 ? "" : ", ").append(destinations.get(d));
        }
        if (destinations.size() > 5)
        {
            text.append(" and ").append(destinations.size() - 5).append(" more");
        }
        return text.toString();
    }

    private record Entry(String text, InetAddress from, int fromPort, InetAddress to, int toPort)
    {
        String fromText()
        {
            return side(from, fromPort);
        }

        static Entry parse(final String text)
        {
            final String[] sides = text.trim().split("=", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank())
            {
                throw BadInputException.option(OPTION, "'" + text + "' is not a mapping: use FROM=TO, like " +
                    "233.54.12.1:26477=239.255.0.1:5000 or 233.54.12.1=239.255.0.1 (port kept), or keep");
            }
            final Object[] from = address(text, sides[0].trim());
            final Object[] to = address(text, sides[1].trim());
            final InetAddress toAddress = (InetAddress)to[0];
            if (!toAddress.isMulticastAddress())
            {
                throw BadInputException.option(OPTION, text + ": the target " + sides[1].trim() + " is not a multicast " +
                    "group");
            }
            if (((InetAddress)from[0]).getAddress().length != toAddress.getAddress().length)
            {
                throw BadInputException.option(OPTION, text + ": maps IPv4 onto IPv6 or back; map within one family");
            }
            return new Entry(text, (InetAddress)from[0], (Integer)from[1], toAddress, (Integer)to[1]);
        }

        private static Object[] address(final String entry, final String side)
        {
            String host = side;
            int port = -1;
            if (side.startsWith("["))
            {
                final int close = side.indexOf(']');
                if (close < 0)
                {
                    throw BadInputException.option(OPTION, entry + ": '" + side + "' misses its ']'");
                }
                host = side.substring(1, close);
                final String rest = side.substring(close + 1);
                if (!rest.isEmpty())
                {
                    if (!rest.startsWith(":"))
                    {
                        throw BadInputException.option(OPTION, entry + ": '" + side + "' is not [ADDR]:PORT");
                    }
                    port = port(entry, rest.substring(1));
                }
            }
            else if (side.indexOf(':') >= 0 && side.indexOf(':') == side.lastIndexOf(':'))
            {
                host = side.substring(0, side.indexOf(':'));
                port = port(entry, side.substring(side.indexOf(':') + 1));
            }
            if (!host.matches("[0-9A-Fa-f:.]+"))
            {
                throw BadInputException.option(OPTION, entry + ": '" + host + "' is not an IP address");
            }
            try
            {
                return new Object[] {InetAddress.getByName(host), port};
            }
            catch (final UnknownHostException ex)
            {
                throw BadInputException.option(OPTION, entry + ": '" + host + "' is not an IP address");
            }
        }

        private static int port(final String entry, final String text)
        {
            try
            {
                final int port = Integer.parseInt(text);
                if (port < 1 || port > 65_535)
                {
                    throw new NumberFormatException();
                }
                return port;
            }
            catch (final NumberFormatException ex)
            {
                throw BadInputException.option(OPTION, entry + ": '" + text + "' is not a port (1 to 65535)");
            }
        }

        private static String side(final InetAddress address, final int port)
        {
            final String host = address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" :
                address.getHostAddress();
            return port < 0 ? host : host + ":" + port;
        }
    }
}
