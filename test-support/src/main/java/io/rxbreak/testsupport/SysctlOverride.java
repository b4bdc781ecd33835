package io.rxbreak.testsupport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
            final SysctlOverride override = new SysctlOverride(file, read(file));
            Runtime.getRuntime().addShutdownHook(override.shutdownHook);
            write(file, value);
            return override;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not set " + name + " to " + value, ex);
        }
    }

    private static String read(final Path file) throws IOException
    {
        try (InputStream in = new FileInputStream(file.toFile()))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    /**
     * One write(2) of the whole value, then read back. (Files.writeString may hand a /proc/sys file its bytes in
     * pieces, and the kernel keeps only the first: "50" became "5", "1000" became "1".)
     */
    private static void write(final Path file, final String value) throws IOException
    {
        try (OutputStream out = new FileOutputStream(file.toFile()))
        {
            out.write((value + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        final String now = read(file);
        if (!now.equals(value))
        {
            throw new IOException(file + " reads '" + now + "' after writing '" + value + "'");
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
            write(file, original);
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
