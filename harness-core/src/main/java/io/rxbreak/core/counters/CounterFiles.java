package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads whole counter files into one reusable byte buffer. Files under {@code /proc} report size 0, so it reads
 * until end of file and grows the buffer when needed. Not thread safe: one per sampling thread.
 */
public final class CounterFiles
{
    private static final int INITIAL_BYTES = 64 * 1024;

    private byte[] buffer = new byte[INITIAL_BYTES];
    private int length;

    /**
     * @param file the file to read.
     * @return whether it existed; when it did, {@link #bytes()} and {@link #length()} hold its contents.
     * @throws UncheckedIOException on any other I/O failure.
     */
    public boolean read(final Path file)
    {
        length = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (true)
            {
                if (length == buffer.length)
                {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                final int read = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length));
                if (read < 0)
                {
                    return true;
                }
                length += read;
            }
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the buffer holding the last file read; valid up to {@link #length()}.
     */
    public byte[] bytes()
    {
        return buffer;
    }

    /**
     * @return the length of the last file read.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the last file read, as text with surrounding white space removed.
     */
    public String text()
    {
        return new String(buffer, 0, length, java.nio.charset.StandardCharsets.US_ASCII).strip();
    }
}
