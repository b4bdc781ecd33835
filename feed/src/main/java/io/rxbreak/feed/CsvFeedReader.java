package io.rxbreak.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.wire.MessageHeader;

/**
 * Reads a CSV timeline, one message a line: {@code offset_ns,group:port,size} (IPv6 as {@code [ff15::1]:5000}), or
 * the playback file's {@code offset_ns,size}, whose messages go to the sender's own group ({@link
 * FeedDestination#UNNAMED}). The first message's line decides which; every line after it must have the same columns.
 * Blank lines and {@code #} comments are skipped, and so are lines starting with a letter before the first message
 * (a header). Offsets never decrease and count from the first message's. Sizes are UDP payload bytes: 0 to 65,507
 * (65,527 to an IPv6 destination) with a destination; {@value MessageHeader#LENGTH} to 65,507 without, as the
 * playback file has always required (the sender's header must fit).
 */
final class CsvFeedReader
{
    private static final String NAMED = "offset_ns,group:port,size";
    private static final String UNNAMED = "offset_ns,size";
    private static final int MAX_IPV6_PAYLOAD = 65_527;
    /** A UTF-8 byte-order mark, as ISO-8859-1 reads it. */
    private static final String UTF8_BOM = "\u00ef\u00bb\u00bf";

    private final String file;
    private final FeedBuilder builder = new FeedBuilder();
    private final Map<String, Integer> destinationByText = new HashMap<>();
    private int columns;
    private long firstOffsetNs;
    private long previousOffsetNs;
    private int lineNumber;

    private CsvFeedReader(final String file)
    {
        this.file = file;
    }

    /**
     * @param path the file.
     * @param file the file as given, for messages.
     * @return the feed.
     * @throws FeedFormatException naming {@code file:line} and what was expected there.
     */
    static Feed read(final Path path, final String file)
    {
        return new CsvFeedReader(file).read(path);
    }

    private Feed read(final Path path)
    {
        // ISO-8859-1 reads any byte: the data are ASCII, and comments or a header in any encoding are skipped
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                final String stripped = line.strip();
                final String text = lineNumber == 1 && stripped.startsWith(UTF8_BOM)
                    ? stripped.substring(UTF8_BOM.length()).strip() : stripped;
                final boolean header = builder.count() == 0 && !text.isEmpty() && Character.isLetter(text.charAt(0));
                if (text.isEmpty() || text.startsWith("#") || header)
                {
                    continue;
                }
                message(text);
            }
        }
        catch (final IOException ex)
        {
            throw FeedFiles.unreadable(file, ex);
        }
        if (builder.count() == 0)
        {
            throw new FeedFormatException(file + ": expected at least one line of " + NAMED + " or " + UNNAMED +
                ", found none");
        }
        return builder.build(file, Feed.Format.CSV, columns == 3 ? NAMED
            : UNNAMED + ", no destination (the sender's own group)");
    }

    private void message(final String text)
    {
        final int first = text.indexOf(',');
        final int second = first < 0 ? -1 : text.indexOf(',', first + 1);
        final int lineColumns = first < 0 ? 1 : second < 0 ? 2 : text.indexOf(',', second + 1) < 0 ? 3 : 4;
        if (columns == 0 && (lineColumns == 2 || lineColumns == 3))
        {
            columns = lineColumns;
        }
        if (lineColumns != columns)
        {
            throw FeedFormatException.atLine(file, lineNumber, columns == 0 ? NAMED + " or " + UNNAMED
                : (columns == 3 ? NAMED : UNNAMED) + " like the lines before", "'" + text + "'");
        }
        final long offsetNs = offset(text.substring(0, first).strip());
        final int destination;
        final String sizeText;
        if (columns == 3)
        {
            destination = destination(text.substring(first + 1, second).strip());
            sizeText = text.substring(second + 1).strip();
        }
        else
        {
            destination = builder.destination(FeedDestination.UNNAMED);
            sizeText = text.substring(first + 1).strip();
        }
        builder.add(offsetNs - firstOffsetNs, destination, size(sizeText, destination));
    }

    private long offset(final String text)
    {
        final long offsetNs;
        try
        {
            offsetNs = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw FeedFormatException.atLine(file, lineNumber, "offset_ns, a whole number of nanoseconds",
                "'" + text + "'");
        }
        if (offsetNs < 0)
        {
            throw FeedFormatException.atLine(file, lineNumber, "offset_ns of 0 or more", text);
        }
        if (builder.count() == 0)
        {
            firstOffsetNs = offsetNs;
        }
        else if (offsetNs < previousOffsetNs)
        {
            throw FeedFormatException.atLine(file, lineNumber, "an offset of at least " + previousOffsetNs +
                " ns (offsets must not decrease)", text);
        }
        previousOffsetNs = offsetNs;
        return offsetNs;
    }

    private int destination(final String text)
    {
        final Integer known = destinationByText.get(text);
        if (known != null)
        {
            return known;
        }
        final MulticastGroup group;
        try
        {
            group = MulticastGroup.parse(file + ":" + lineNumber, text, true);
        }
        catch (final BadInputException ex)
        {
            throw new FeedFormatException(ex.getMessage());
        }
        final int index = builder.destination(new FeedDestination(group.address(), group.port()));
        destinationByText.put(text, index);
        return index;
    }

    private int size(final String text, final int destination)
    {
        final int min = columns == 3 ? 0 : MessageHeader.LENGTH;
        final int max = columns == 3 && builder.destinationAt(destination).address() instanceof Inet6Address
            ? MAX_IPV6_PAYLOAD : MessageHeader.MAX_MESSAGE_LENGTH;
        int size;
        try
        {
            size = Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            size = -1;
        }
        if (size < min || size > max)
        {
            throw FeedFormatException.atLine(file, lineNumber, "a size of " + min + " to " + max + " bytes",
                size < 0 ? "'" + text + "'" : text);
        }
        return size;
    }
}
