package io.rxbreak.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a feed as it is read: times, destinations and lengths in growing primitive arrays, each destination once
 * (looked up by a primitive key, the last one remembered, so a run of datagrams to one group costs no lookup), and the
 * skipped packets by reason. {@link #build} sorts by time, stably, when the capture stepped back, and makes the
 * offsets relative to the first message. One per reader, on the reading thread.
 */
final class FeedBuilder
{
    private static final int INITIAL_CAPACITY = 4096;

    private long[] timesNs = new long[INITIAL_CAPACITY];
    private int[] destinations = new int[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private int count;
    private long packets;

    private final List<FeedDestination> destinationList = new ArrayList<>();
    private final Map<FeedDestination, Integer> destinationIndex = new HashMap<>();
    private final Map<Long, Integer> ipv4Index = new HashMap<>();
    private final Map<Ipv6Key, Integer> ipv6Index = new HashMap<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private long lastIpv4Key = -1;
    private int lastIpv4Index;

    /**
     * A packet was read that is not in the feed.
     *
     * @param reason the key it is counted under.
     */
    void skip(final String reason)
    {
        packets++;
        skipped.merge(reason, 1L, Long::sum);
    }

    /**
     * @param timeNs the datagram's capture time.
     * @param decoder a decoder that has just found a datagram.
     */
    void add(final long timeNs, final PacketDecoder decoder)
    {
        add(timeNs, decoder.ipv6()
            ? ipv6(decoder.ipv6High(), decoder.ipv6Low(), decoder.port())
            : ipv4(decoder.ipv4Address(), decoder.port()), decoder.length());
    }

    /**
     * @param timeNs the message's time.
     * @param destination an index from {@link #destination(FeedDestination)}.
     * @param length its UDP payload length.
     */
    void add(final long timeNs, final int destination, final int length)
    {
        if (count == timesNs.length)
        {
            final int capacity = count * 2;
            timesNs = Arrays.copyOf(timesNs, capacity);
            destinations = Arrays.copyOf(destinations, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        timesNs[count] = timeNs;
        destinations[count] = destination;
        lengths[count] = length;
        count++;
        packets++;
    }

    /**
     * @param destination a destination.
     * @return its index, assigned on its first appearance.
     */
    int destination(final FeedDestination destination)
    {
        final Integer index = destinationIndex.get(destination);
        if (index != null)
        {
            return index;
        }
        destinationList.add(destination);
        destinationIndex.put(destination, destinationList.size() - 1);
        return destinationList.size() - 1;
    }

    /**
     * @param index an index from {@link #destination(FeedDestination)}.
     * @return the destination.
     */
    FeedDestination destinationAt(final int index)
    {
        return destinationList.get(index);
    }

    private int ipv4(final int address, final int port)
    {
        final long key = (address & 0xFFFFFFFFL) << 16 | port;
        if (key != lastIpv4Key)
        {
            Integer index = ipv4Index.get(key);
            if (index == null)
            {
                index = destination(new FeedDestination(address(new byte[] {
                    (byte)(address >>> 24), (byte)(address >>> 16), (byte)(address >>> 8), (byte)address}), port));
                ipv4Index.put(key, index);
            }
            lastIpv4Key = key;
            lastIpv4Index = index;
        }
        return lastIpv4Index;
    }

    private int ipv6(final long high, final long low, final int port)
    {
        final Ipv6Key key = new Ipv6Key(high, low, port);
        Integer index = ipv6Index.get(key);
        if (index == null)
        {
            final byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(high >>> (56 - 8 * i));
                bytes[8 + i] = (byte)(low >>> (56 - 8 * i));
            }
            index = destination(new FeedDestination(address(bytes), port));
            ipv6Index.put(key, index);
        }
        return index;
    }

    private static InetAddress address(final byte[] bytes)
    {
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", ex);
        }
    }

    /**
     * @return how many messages so far.
     */
    int count()
    {
        return count;
    }

    /**
     * @param file the file as given.
     * @param format its format.
     * @param detail more about the format, for people.
     * @return the feed.
     * @throws FeedFormatException when no datagram was found, naming what was.
     */
    Feed build(final String file, final Feed.Format format, final String detail)
    {
        if (count == 0)
        {
            throw new FeedFormatException(file + ": expected at least one UDP datagram, found " +
                (packets == 0 ? "no packets" : "none among " + packets + (packets == 1 ? " packet (" : " packets (") +
                    describeSkipped() + ")"));
        }
        long[] times = Arrays.copyOf(timesNs, count);
        int[] destination = Arrays.copyOf(destinations, count);
        int[] length = Arrays.copyOf(lengths, count);
        List<FeedDestination> inOrder = destinationList;
        if (!sorted(times))
        {
            final int[] order = stableOrder(times);
            final long[] sortedTimes = new long[count];
            final int[] sortedDestinations = new int[count];
            final int[] sortedLengths = new int[count];
            for (int i = 0; i < count; i++)
            {
                sortedTimes[i] = times[order[i]];
                sortedDestinations[i] = destination[order[i]];
                sortedLengths[i] = length[order[i]];
            }
            times = sortedTimes;
            destination = sortedDestinations;
            length = sortedLengths;
            inOrder = renumberByFirstAppearance(destination);
        }
        final long firstNs = times[0];
        for (int i = 0; i < count; i++)
        {
            times[i] -= firstNs;
        }
        return new Feed(file, format, detail, times, destination, length, inOrder, skipped);
    }

    private String describeSkipped()
    {
        final StringBuilder text = new StringBuilder();
        skipped.forEach((reason, packetCount) ->
            text.append(text.length() == 0 ? "" : ", ").append(packetCount).append(' ').append(reason));
        return text.toString();
    }

    private List<FeedDestination> renumberByFirstAppearance(final int[] destination)
    {
        final int[] renumbered = new int[destinationList.size()];
        Arrays.fill(renumbered, -1);
        final List<FeedDestination> inOrder = new ArrayList<>();
        for (int i = 0; i < destination.length; i++)
        {
            if (renumbered[destination[i]] < 0)
            {
                renumbered[destination[i]] = inOrder.size();
                inOrder.add(destinationList.get(destination[i]));
            }
            destination[i] = renumbered[destination[i]];
        }
        return inOrder;
    }

    private static boolean sorted(final long[] times)
    {
        for (int i = 1; i < times.length; i++)
        {
            if (times[i] < times[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param keys the times.
     * @return the indexes of {@code keys} in ascending order of key, equal keys in their original order (a bottom-up
     *     merge sort, which is stable).
     */
    static int[] stableOrder(final long[] keys)
    {
        final int n = keys.length;
        int[] order = new int[n];
        int[] merged = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2)
        {
            for (int low = 0; low < n; low += 2 * width)
            {
                final int middle = Math.min(low + width, n);
                final int high = Math.min(low + 2 * width, n);
                int left = low;
                int right = middle;
                for (int out = low; out < high; out++)
                {
                    if (left < middle && (right >= high || keys[order[left]] <= keys[order[right]]))
                    {
                        merged[out] = order[left++];
                    }
                    else
                    {
                        merged[out] = order[right++];
                    }
                }
            }
            final int[] swap = order;
            order = merged;
            merged = swap;
        }
        return order;
    }

    private record Ipv6Key(long high, long low, int port)
    {
    }
}
