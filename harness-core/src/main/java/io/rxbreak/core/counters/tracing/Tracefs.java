package io.rxbreak.core.counters.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where tracefs is: {@code /sys/kernel/tracing} or {@code /sys/kernel/debug/tracing}; mounted at the first when
 * absent (root only), and unmounted again by the process that mounted it, once no tracing instance is left. The
 * mount belongs to the process, not to the counter that happened to make it: every counter of the process that finds
 * it is told so, and whichever removes its instances last unmounts it, in whatever order they close (shutdown hooks
 * run all at once).
 *
 * @param root the tracefs root (holds {@code instances/}).
 * @param mountedHere whether this process mounted it (and has not unmounted it since).
 */
public record Tracefs(Path root, boolean mountedHere)
{
    private static final long COMMAND_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);
    private static final Object MOUNT_LOCK = new Object();
    /** Where this process mounted tracefs and has not unmounted it yet, or null; guarded by {@link #MOUNT_LOCK}. */
    private static Path mountedByThisProcess;

    /**
     * @param sysRoot the {@code /sys} root.
     * @param mayMount whether to mount tracefs when it is not mounted.
     * @return where tracefs is.
     * @throws IllegalStateException saying why there is no tracefs.
     */
    public static Tracefs find(final Path sysRoot, final boolean mayMount)
    {
        synchronized (MOUNT_LOCK)
        {
            for (final Path candidate : List.of(sysRoot.resolve("kernel/tracing"),
                sysRoot.resolve("kernel/debug/tracing")))
            {
                if (Files.isDirectory(candidate.resolve("instances")))
                {
                    return new Tracefs(candidate, candidate.equals(mountedByThisProcess));
                }
            }
            final Path mountPoint = sysRoot.resolve("kernel/tracing");
            if (!mayMount)
            {
                throw new IllegalStateException("tracefs is not mounted at " + mountPoint);
            }
            if (!Files.isDirectory(mountPoint))
            {
                throw new IllegalStateException("no tracefs mount point " + mountPoint + " (kernel without tracefs?)");
            }
            run("mount", "-t", "tracefs", "nodev", mountPoint.toString());
            mountedByThisProcess = mountPoint;
            if (!Files.isDirectory(mountPoint.resolve("instances")))
            {
                throw new IllegalStateException("mounted tracefs at " + mountPoint + " but it has no instances/");
            }
            return new Tracefs(mountPoint, true);
        }
    }

    /**
     * Read a tracefs text file whole. Its files report no true size and may answer in short reads (a
     * {@code Files.readString} of {@code events/header_page} got 1 byte on 6.18), so read until the end.
     *
     * @param file the file.
     * @return its text.
     * @throws IOException when it cannot be read.
     */
    public static String readText(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * Unmount tracefs when this process mounted it and no tracing instance is left in it (one left may be another
     * user's, who still needs it). Each counter calls this after removing its own instances: the last one unmounts.
     */
    public void unmountIfUnused()
    {
        synchronized (MOUNT_LOCK)
        {
            if (mountedHere && root.equals(mountedByThisProcess) && instancesGone())
            {
                run("umount", root.toString());
                mountedByThisProcess = null;
            }
        }
    }

    /**
     * @return whether no tracing instance remains.
     */
    boolean instancesGone()
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root.resolve("instances")))
        {
            return !stream.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Run a mount or umount to its end. It waits on through an interrupt (and sets the flag again after): an unmount
     * is cleanup, often run on the very thread Ctrl-C interrupted, and one given up half way would leave tracefs
     * mounted (and, once, turned a Ctrl-C's exit 130 into 1: "interrupted running umount").
     */
    private static void run(final String... command)
    {
        boolean interrupted = false;
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMAND_TIMEOUT_MS);
            boolean finished = false;
            while (!finished)
            {
                final long leftNs = deadline - System.nanoTime();
                if (leftNs <= 0)
                {
                    break;
                }
                try
                {
                    finished = process.waitFor(leftNs, TimeUnit.NANOSECONDS);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (!finished)
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not run " + String.join(" ", command), ex);
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
