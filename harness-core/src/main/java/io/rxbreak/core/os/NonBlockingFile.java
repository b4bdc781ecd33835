package io.rxbreak.core.os;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * A file read with {@code O_NONBLOCK}: a read returns what is there now, or nothing, and never waits. Java's file
 * channels cannot open a file so; tracefs's {@code trace_pipe_raw} needs it, since a blocking read there waits for
 * data and cannot be interrupted.
 */
public final class NonBlockingFile implements AutoCloseable
{
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EAGAIN = 11;

    private final Path path;
    private final Memory buffer;
    private int fd;

    private NonBlockingFile(final Path path, final int fd, final int bufferBytes)
    {
        this.path = path;
        this.fd = fd;
        this.buffer = new Memory(bufferBytes);
    }

    /**
     * @param path the file.
     * @param bufferBytes the most one {@link #read} returns.
     * @return the file, open for reading.
     * @throws IllegalStateException saying why it could not be opened.
     */
    public static NonBlockingFile open(final Path path, final int bufferBytes)
    {
        if (Libc.UNAVAILABLE != null)
        {
            throw new IllegalStateException(Libc.UNAVAILABLE);
        }
        try
        {
            return new NonBlockingFile(path, Libc.open(path.toString(), O_RDONLY | O_NONBLOCK | O_CLOEXEC), bufferBytes);
        }
        catch (final LastErrorException ex)
        {
            throw new IllegalStateException("could not open " + path + ": errno " + ex.getErrorCode(), ex);
        }
    }

    /**
     * @param target receives the bytes read (cleared first; flipped after, so position 0 and limit the count).
     * @return the bytes read; 0 when nothing is there now (EAGAIN) or at the end.
     * @throws IllegalStateException on a read error.
     */
    public int read(final ByteBuffer target)
    {
        target.clear();
        final int count;
        try
        {
            count = (int)Libc.read(fd, buffer, Math.min(buffer.size(), target.capacity()));
        }
        catch (final LastErrorException ex)
        {
            if (ex.getErrorCode() == EAGAIN)
            {
                target.flip();
                return 0;
            }
            throw new IllegalStateException("could not read " + path + ": errno " + ex.getErrorCode(), ex);
        }
        target.put(buffer.getByteBuffer(0, count));
        target.flip();
        return count;
    }

    @Override
    public void close()
    {
        if (fd >= 0)
        {
            try
            {
                Libc.close(fd);
            }
            catch (final LastErrorException ignored)
            {
                // closing a read-only descriptor loses nothing
            }
            fd = -1;
        }
        buffer.close();
    }
}
