package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The socket inodes a process holds: the targets {@code socket:[INODE]} of its {@code /proc/PID/fd} links.
 */
public final class ProcessSockets
{
    private static final String PREFIX = "socket:[";

    private ProcessSockets()
    {
    }

    /**
     * @param procRoot the {@code /proc} root.
     * @param pid the process.
     * @return its socket inodes.
     * @throws IllegalArgumentException when there is no such process, naming it.
     * @throws UncheckedIOException when its descriptors cannot be read (another user's process without root).
     */
    public static Set<Long> inodes(final Path procRoot, final long pid)
    {
        final Path fdDir = procRoot.resolve(Long.toString(pid)).resolve("fd");
        if (!Files.isDirectory(procRoot.resolve(Long.toString(pid))))
        {
            throw new IllegalArgumentException("no process " + pid + " (no " + procRoot.resolve(Long.toString(pid)) + ")");
        }
        final Set<Long> inodes = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir))
        {
            for (final Path fd : fds)
            {
                final String target = readLink(fd);
                if (target != null && target.startsWith(PREFIX) && target.endsWith("]"))
                {
                    inodes.add(Long.parseLong(target.substring(PREFIX.length(), target.length() - 1)));
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("process " + pid + " has exited", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not list the descriptors of process " + pid + " in " + fdDir +
                ": " + ex.getMessage() + " (reading another user's process needs root)", ex);
        }
        return inodes;
    }

    private static String readLink(final Path fd)
    {
        try
        {
            return Files.readSymbolicLink(fd).toString();
        }
        catch (final NoSuchFileException ex)
        {
            return null; // closed while listing
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not read " + fd + ": " + ex.getMessage(), ex);
        }
    }
}
