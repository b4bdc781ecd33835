package io.rxbreak.feed;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A window onto a file read in large sequential chunks: {@link #load(long, int)} makes a range readable in
 * {@link #buffer()} with one positional read per megabyte or so, however large the file (no 2 GiB limit of a
 * mapping). The buffer's byte order is the reader's to set; it survives refills.
 */
final class FileWindow
{
    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private ByteBuffer buffer;
    private long start;
    private int filled;

    FileWindow(final FileChannel channel, final long size)
    {
        this.channel = channel;
        this.size = size;
        this.buffer = ByteBuffer.allocateDirect((int)Math.min(CHUNK_BYTES, Math.max(size, 64)));
    }

    long size()
    {
        return size;
    }

    /**
     * @return the buffer that {@link #load(long, int)} fills; its indexes are those {@code load} returns. Ask again
     *     after each {@code load}: a range larger than the buffer replaces it with a larger one.
     */
    ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param order the byte order of the multi-byte fields read next.
     */
    void order(final ByteOrder order)
    {
        buffer.order(order);
    }

    /**
     * Make {@code length} bytes from {@code offset} readable. The caller has checked that they are in the file.
     *
     * @param offset where in the file.
     * @param length how many bytes.
     * @return the index in {@link #buffer()} of the byte at {@code offset}.
     * @throws IOException when the file cannot be read (or shrank while being read).
     */
    int load(final long offset, final int length) throws IOException
    {
        if (offset >= start && offset + length <= start + filled)
        {
            return (int)(offset - start);
        }
        if (length > buffer.capacity())
        {
            final ByteOrder order = buffer.order();
            buffer = ByteBuffer.allocateDirect(Math.max(length, CHUNK_BYTES)).order(order);
        }
        final int wanted = (int)Math.min(buffer.capacity(), size - offset);
        buffer.clear().limit(wanted);
        start = offset;
        filled = 0;
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, offset + buffer.position()) < 0)
            {
                throw new EOFException("the file ended at byte " + (offset + buffer.position()) + " while being read");
            }
        }
        filled = wanted;
        return 0;
    }
}
