package io.rxbreak.core.counters;

import java.nio.file.Path;

/**
 * Where counters are read from: the {@code /proc} and {@code /sys} roots (live, or a capture's copies) and,
 * optionally, a process whose network namespace's files ({@code /proc/PID/net/...}) replace {@code /proc/net}.
 *
 * @param procRoot for example {@code /proc} or {@code capture/proc}.
 * @param sysRoot for example {@code /sys} or {@code capture/sys}.
 * @param pid a process whose network namespace is read, or 0 for the reader's own.
 */
public record CounterRoots(Path procRoot, Path sysRoot, long pid)
{
    /** The live system's roots. */
    public static final CounterRoots LIVE = new CounterRoots(Path.of("/proc"), Path.of("/sys"), 0);

    /**
     * @param procRoot the {@code /proc} root.
     * @param sysRoot the {@code /sys} root.
     * @return the roots for the reader's own network namespace.
     */
    public static CounterRoots of(final Path procRoot, final Path sysRoot)
    {
        return new CounterRoots(procRoot, sysRoot, 0);
    }

    /**
     * @param processId a process id.
     * @return the same roots, reading network files of that process's namespace.
     */
    public CounterRoots inNamespaceOf(final long processId)
    {
        return new CounterRoots(procRoot, sysRoot, processId);
    }

    /**
     * @return the folder of network files: {@code PROC/net}, or {@code PROC/PID/net}.
     */
    public Path netDir()
    {
        return pid == 0 ? procRoot.resolve("net") : procRoot.resolve(Long.toString(pid)).resolve("net");
    }

    /**
     * @param name a file in {@link #netDir()}, for example {@code udp}.
     * @return its path.
     */
    public Path net(final String name)
    {
        return netDir().resolve(name);
    }

    /**
     * @return {@code PROC/net/softnet_stat}: machine-wide, so never the per-process folder.
     */
    public Path softnetStat()
    {
        return procRoot.resolve("net").resolve("softnet_stat");
    }

    /**
     * @return whether {@code SYS/class/net} shows the network namespace read: always for the reader's own, and for
     *     a process only when it shares the reader's namespace (sysfs shows the namespace of whoever mounted it).
     */
    public boolean sysfsShowsNamespace()
    {
        if (pid == 0)
        {
            return true;
        }
        try
        {
            final Path own = java.nio.file.Files.readSymbolicLink(procRoot.resolve("self/ns/net"));
            final Path other = java.nio.file.Files.readSymbolicLink(procRoot.resolve(Long.toString(pid)).resolve("ns/net"));
            return own.equals(other);
        }
        catch (final java.io.IOException ex)
        {
            return false; // cannot tell: leave sysfs out rather than show another namespace's interfaces
        }
    }
}
