package io.rxbreak.feed;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rxbreak.core.wire.MessageHeader;

/**
 * A recorded feed: when each UDP datagram went, where and how long it was, read from a capture (pcap, pcapng) or a
 * CSV timeline. Immutable and compact: three primitive arrays indexed by message, no object per message, and the
 * destinations once each. Offsets count from the first message (which is at 0) and never decrease: a capture whose
 * timestamps step back is sorted by time, stably.
 * <p>
 * What a capture held that is not a UDP datagram is counted in {@link #skipped()}, by reason.
 */
public final class Feed
{
    /** Where a feed came from. */
    public enum Format
    {
        /** A libpcap capture file (microsecond or nanosecond timestamps, either byte order). */
        PCAP("pcap"),
        /** A pcapng capture file. */
        PCAPNG("pcapng"),
        /** A CSV timeline: {@code offset_ns,group:port,size} or {@code offset_ns,size}. */
        CSV("csv"),
        /** Made in memory by {@link Feed#of}, not read from a file. */
        GENERATED("generated");

        private final String label;

        Format(final String label)
        {
            this.label = label;
        }

        /**
         * @return the format's name as printed and written to JSON, like {@code pcapng}.
         */
        public String label()
        {
            return label;
        }
    }

    /** The gap before a loop starts again when every message is at one instant. */
    private static final long SINGLE_INSTANT_GAP_NS = 1_000_000L;

    private final String file;
    private final Format format;
    private final String formatDetail;
    private final long[] offsetsNs;
    private final int[] destinationIndex;
    private final int[] lengths;
    private final List<FeedDestination> destinations;
    private final Map<String, Long> skipped;
    private final long totalBytes;

    Feed(
        final String file,
        final Format format,
        final String formatDetail,
        final long[] offsetsNs,
        final int[] destinationIndex,
        final int[] lengths,
        final List<FeedDestination> destinations,
        final Map<String, Long> skipped)
    {
        this.file = file;
        this.format = format;
        this.formatDetail = formatDetail;
        this.offsetsNs = offsetsNs;
        this.destinationIndex = destinationIndex;
        this.lengths = lengths;
        this.destinations = List.copyOf(destinations);
        this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        long bytes = 0;
        for (final int length : lengths)
        {
            bytes += length;
        }
        this.totalBytes = bytes;
    }

    /**
     * Read a feed, telling its format by its first bytes: a pcap magic number ({@code 0xa1b2c3d4} microseconds,
     * {@code 0xa1b23c4d} nanoseconds, in either byte order), a pcapng section header ({@code 0x0a0d0d0a}), or else
     * text: a CSV timeline.
     *
     * @param file the file.
     * @return the feed.
     * @throws FeedFormatException naming the file, the byte offset or line, and what was expected there, when the
     *     file cannot be read, is malformed, or holds no UDP datagram.
     */
    public static Feed read(final Path file)
    {
        return FeedFiles.read(file);
    }

    /**
     * A feed made in memory, for tests and generated feeds. The arrays are copied.
     *
     * @param name what to call it (its {@link #file()}).
     * @param offsetsNs each message's offset: the first 0, never decreasing.
     * @param destinationIndex each message's destination, an index into {@code destinations}.
     * @param lengths each message's UDP payload length, 0-65535.
     * @param destinations the destinations, none null.
     * @return the feed ({@link Format#GENERATED}).
     * @throws IllegalArgumentException naming the first message or destination that breaks a rule.
     */
    public static Feed of(
        final String name,
        final long[] offsetsNs,
        final int[] destinationIndex,
        final int[] lengths,
        final List<FeedDestination> destinations)
    {
        final int size = offsetsNs.length;
        if (size == 0 || destinationIndex.length != size || lengths.length != size)
        {
            throw new IllegalArgumentException("a feed needs at least one message and as many destinations and " +
                "lengths as offsets: " + size + " offsets, " + destinationIndex.length + " destinations, " +
                lengths.length + " lengths");
        }
        if (destinations.stream().anyMatch(Objects::isNull))
        {
            throw new IllegalArgumentException("destinations may not hold null: use FeedDestination.UNNAMED");
        }
        if (offsetsNs[0] != 0)
        {
            throw new IllegalArgumentException("the first message's offset must be 0, not " + offsetsNs[0]);
        }
        for (int i = 0; i < size; i++)
        {
            if (i > 0 && offsetsNs[i] < offsetsNs[i - 1])
            {
                throw new IllegalArgumentException("message " + i + "'s offset " + offsetsNs[i] +
                    " ns is before the previous one's " + offsetsNs[i - 1] + " ns");
            }
            if (destinationIndex[i] < 0 || destinationIndex[i] >= destinations.size())
            {
                throw new IllegalArgumentException("message " + i + "'s destination " + destinationIndex[i] +
                    " is not an index into the " + destinations.size() + " destinations");
            }
            if (lengths[i] < 0 || lengths[i] > 65_535)
            {
                throw new IllegalArgumentException("message " + i + "'s length " + lengths[i] + " is not 0-65535");
            }
        }
        return new Feed(name, Format.GENERATED, "made in memory", offsetsNs.clone(), destinationIndex.clone(),
            lengths.clone(), destinations, Map.of());
    }

    /**
     * @return the file as it was given (or the name of a generated feed).
     */
    public String file()
    {
        return file;
    }

    public Format format()
    {
        return format;
    }

    /**
     * @return more about the format, for people: the timestamp resolutions and link types of a capture
     *     ({@code ns timestamps, Ethernet}), the columns of a CSV.
     */
    public String formatDetail()
    {
        return formatDetail;
    }

    /**
     * @return the number of messages (UDP datagrams).
     */
    public int size()
    {
        return offsetsNs.length;
    }

    /**
     * @param i a message, 0 to {@code size() - 1}.
     * @return its offset from the first message in nanoseconds.
     */
    public long offsetNs(final int i)
    {
        return offsetsNs[i];
    }

    /**
     * @param i a message.
     * @return its destination: an index into {@link #destinations()}.
     */
    public int destination(final int i)
    {
        return destinationIndex[i];
    }

    /**
     * @param i a message.
     * @return its UDP payload length as sent: from the UDP header's length field, so a capture truncated by its
     *     snapshot length still gives the original.
     */
    public int length(final int i)
    {
        return lengths[i];
    }

    /**
     * @return the destinations, in the order of their first message.
     */
    public List<FeedDestination> destinations()
    {
        return destinations;
    }

    /**
     * @return the offset of the last message.
     */
    public long durationNs()
    {
        return offsetsNs[offsetsNs.length - 1];
    }

    /**
     * @return how long one play of the feed takes when it is played again and again (a replay's {@code --loop}):
     *     its duration and one mean gap ({@code duration / (messages - 1)}), so a constant feed loops without a
     *     seam; 1 ms past the last message when all its messages are at one instant. Its mean rate is
     *     {@code size() / loopPeriodNs()}, the same as the profile's {@code (messages - 1) / duration}.
     */
    public long loopPeriodNs()
    {
        final long durationNs = durationNs();
        return size() > 1 && durationNs > 0 ? durationNs + durationNs / (size() - 1) : durationNs + SINGLE_INSTANT_GAP_NS;
    }

    /**
     * @param recorded a message's recorded length.
     * @return the length a replay sends it with: as recorded, but never below rxbreak's header nor above the
     *     largest datagram.
     */
    public static int datagramLength(final int recorded)
    {
        return Math.max(MessageHeader.LENGTH, Math.min(recorded, MessageHeader.MAX_MESSAGE_LENGTH));
    }

    /**
     * @return the longest datagram a replay of it sends ({@link #datagramLength(int)} of its longest message).
     */
    public int largestDatagram()
    {
        int largest = 0;
        for (final int length : lengths)
        {
            largest = Math.max(largest, length);
        }
        return datagramLength(largest);
    }

    /**
     * @return the sum of the lengths.
     */
    public long totalBytes()
    {
        return totalBytes;
    }

    /**
     * @return the packets of a capture that are not in the feed, by reason ({@code not UDP}, {@code IP fragment
     *     (not first)}, ...), in the order the reasons were first met; empty for a CSV.
     */
    public Map<String, Long> skipped()
    {
        return skipped;
    }

    @Override
    public String toString()
    {
        return "Feed[" + file + ", " + format.label() + ", " + size() + " messages over " + durationNs() + " ns]";
    }
}
