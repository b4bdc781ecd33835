package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sysctl changed for a test and restored afterwards: on {@link #close()}, and by a shutdown hook if the test JVM
 * is stopped first. Use it only for what no namespace can hold (machine-wide settings such as
 * {@code net.core.netdev_max_backlog}), for as short as possible: it affects the whole machine. Needs root.
 */
public final class SysctlOverride implements AutoCloseable
{
    private final Path file;
    private final String original;
    private final Thread shutdownHook;
    private boolean restored;

    private SysctlOverride(final Path file, final String original)
    {
        this.file = file;
        this.original = original;
        this.shutdownHook = new Thread(this::restore, "sysctl-restore-" + file.getFileName());
    }

    /**
     * @param name the sysctl, dotted, like {@code net.core.netdev_max_backlog}.
     * @param value the value for the test.
     * @return the override; close it to restore the value it replaced.
     */
    public static SysctlOverride set(final String name, final String value)
    {
        final Path file = Path.of("/proc/sys", name.replace('.', '/'));
        try
        {
            final SysctlOverride override = new SysctlOverride(file, Files.readString(file).trim());
            Runtime.getRuntime().addShutdownHook(override.shutdownHook);
            Files.writeString(file, value);
            return override;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not set " + name + " to " + value, ex);
        }
    }

    /**
     * @return the value the override replaced.
     */
    public String original()
    {
        return original;
    }

    private synchronized void restore()
    {
        if (restored)
        {
            return;
        }
        restored = true;
        try
        {
            Files.writeString(file, original);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not restore " + file + " to " + original, ex);
        }
    }

    @Override
    public void close()
    {
        restore();
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // shutting down: the hook finds it restored
        }
    }
}
