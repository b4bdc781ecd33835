package io.rxbreak.core.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * Reads a socket option of another process's socket: the socket is found by its inode among the process's open
 * files, a duplicate of it is taken with {@code pidfd_getfd(2)} (Linux 5.6; it needs the right to trace the
 * process: root, or the same user where ptrace is not restricted), the option read, and the duplicate closed. The
 * other process is not disturbed.
 */
public final class ForeignSocket
{
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;

    private ForeignSocket()
    {
    }

    /**
     * @param procRoot where /proc is.
     * @param pid the process holding the socket, or 0 to look in every process.
     * @param inode the socket's inode (the {@code inode} column of /proc/net/udp).
     * @return its SO_RCVBUF as granted, bytes.
     * @throws IllegalStateException when it cannot be read, saying why.
     */
    public static long rcvbufBytes(final Path procRoot, final long pid, final long inode)
    {
        if (Libc.UNAVAILABLE != null)
        {
            throw new IllegalStateException(Libc.UNAVAILABLE);
        }
        final long[] found = pid > 0 ? find(procRoot, pid, inode) : findAnywhere(procRoot, inode);
        if (found == null)
        {
            throw new IllegalStateException("no process" + (pid > 0 ? " " + pid : "") + " holds socket inode " + inode +
                " where this user may look");
        }
        int pidfd = -1;
        int fd = -1;
        try (Memory value = new Memory(4))
        {
            pidfd = (int)Libc.syscall(Libc.SYS_PIDFD_OPEN, found[0], 0L, 0L);
            fd = (int)Libc.syscall(Libc.SYS_PIDFD_GETFD, pidfd, found[1], 0L);
            Libc.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, value, new int[] {4});
            return Integer.toUnsignedLong(value.getInt(0));
        }
        catch (final LastErrorException ex)
        {
            throw new IllegalStateException("cannot read the socket of process " + found[0] + ": errno " +
                ex.getErrorCode() + (ex.getErrorCode() == 1 ? " (it needs the right to trace that process: root)" : ""),
                ex);
        }
        finally
        {
            closeQuietly(fd);
            closeQuietly(pidfd);
        }
    }

    /**
     * @param procRoot where /proc is.
     * @param inode a socket's inode.
     * @return the process holding it (the first found), or 0 when no process this user may look into does.
     */
    public static long ownerOf(final Path procRoot, final long inode)
    {
        final long[] found = findAnywhere(procRoot, inode);
        return found == null ? 0 : found[0];
    }

    private static long[] findAnywhere(final Path procRoot, final long inode)
    {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                final long[] found = find(procRoot, Long.parseLong(process.getFileName().toString()), inode);
                if (found != null)
                {
                    return found;
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return null;
        }
        return null;
    }

    private static long[] find(final Path procRoot, final long pid, final long inode)
    {
        final String wanted = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procRoot.resolve(pid + "/fd")))
        {
            for (final Path fd : fds)
            {
                try
                {
                    if (wanted.equals(Files.readSymbolicLink(fd).toString()))
                    {
                        return new long[] {pid, Long.parseLong(fd.getFileName().toString())};
                    }
                }
                catch (final IOException | NumberFormatException ex)
                {
                    // closed meanwhile, or not a descriptor
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return null;
    }

    private static void closeQuietly(final int fd)
    {
        if (fd >= 0)
        {
            try
            {
                Libc.close(fd);
            }
            catch (final LastErrorException ex)
            {
                // nothing left to do with it
            }
        }
    }
}
