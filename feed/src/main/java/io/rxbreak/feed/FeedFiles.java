package io.rxbreak.feed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a feed file and tells its format by its first bytes: a pcap magic number in either byte order, a pcapng
 * section header, or text (a CSV timeline). Anything else, an empty file and a file that cannot be read are errors
 * naming the file.
 */
final class FeedFiles
{
    /** The largest captured packet accepted: far above any snapshot length (tcpdump's largest is 262,144). */
    static final long MAX_PACKET_BYTES = 64L << 20;

    private static final String EXPECTED_START = "a pcap or pcapng magic number or a CSV line";
    private static final int SNIFF_BYTES = 64;

    private FeedFiles()
    {
    }

    static Feed read(final Path path)
    {
        final String file = path.toString();
        if (Files.isDirectory(path))
        {
            throw new FeedFormatException(file + ": expected a capture or CSV file, found a directory");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size == 0)
            {
                throw FeedFormatException.atByte(file, 0, EXPECTED_START, "an empty file");
            }
            final FileWindow window = new FileWindow(channel, size);
            final int sniffed = (int)Math.min(SNIFF_BYTES, size);
            final int start = window.load(0, sniffed);
            final ByteBuffer buffer = window.buffer().order(ByteOrder.BIG_ENDIAN);
            final int magic = sniffed >= 4 ? buffer.getInt(start) : 0;
            if (PcapReader.isMagic(magic))
            {
                return PcapReader.read(file, window, magic);
            }
            if (magic == PcapngReader.SECTION_HEADER)
            {
                return PcapngReader.read(file, window);
            }
            if (!looksLikeText(buffer, start, sniffed))
            {
                throw FeedFormatException.atByte(file, 0, EXPECTED_START, sniffed >= 4
                    ? String.format("0x%08x", magic) : "a file of " + size + " bytes that is not text");
            }
        }
        catch (final IOException ex)
        {
            throw unreadable(file, ex);
        }
        return CsvFeedReader.read(path, file);
    }

    /**
     * @param file the file as given.
     * @param ex why it could not be read.
     * @return the one-line error.
     */
    static FeedFormatException unreadable(final String file, final IOException ex)
    {
        final String why;
        if (ex instanceof NoSuchFileException)
        {
            why = "no such file";
        }
        else if (ex instanceof AccessDeniedException)
        {
            why = "no permission to read it";
        }
        else
        {
            why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        }
        return new FeedFormatException(file + ": expected a readable file, found " + why);
    }

    private static boolean looksLikeText(final ByteBuffer buffer, final int start, final int length)
    {
        for (int i = start; i < start + length; i++)
        {
            final int b = buffer.get(i) & 0xFF;
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
            {
                return false;
            }
        }
        return true;
    }
}
