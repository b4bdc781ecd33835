package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The independent reference programs of {@code ../shared/tools} (a smooth {@code sendmmsg} pacer, {@code mcsend},
 * and a {@code recvmmsg} receiver that can spend busy work per message, {@code mcrecv}), built once per test run
 * with the system's C compiler into the module's {@code target/reference}. They share no code with rxbreak: a test
 * measures the same receiver with them and with rxbreak and compares.
 */
public final class ReferencePrograms
{
    /** The smooth pacer. */
    public static final String MCSEND = "mcsend";
    /** The receiver. */
    public static final String MCRECV = "mcrecv";

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(60);

    private ReferencePrograms()
    {
    }

    /**
     * @param name {@link #MCSEND} or {@link #MCRECV}.
     * @return the built program.
     * @throws IllegalStateException when the sources or a C compiler are missing, saying which.
     */
    public static synchronized Path build(final String name)
    {
        final Path source = tools().resolve(name + ".c");
        final Path binary = Path.of("target", "reference", name).toAbsolutePath();
        try
        {
            if (Files.isExecutable(binary) && Files.getLastModifiedTime(binary).compareTo(
                Files.getLastModifiedTime(source)) >= 0)
            {
                return binary;
            }
            Files.createDirectories(binary.getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        try (ChildProcess cc = ChildProcess.start(List.of("cc", "-O2", "-o", binary.toString(), source.toString())))
        {
            final int exit = cc.waitFor(BUILD_TIMEOUT);
            if (exit != 0)
            {
                throw new IllegalStateException("cc could not build " + source + " (exit " + exit + "): " + cc.stderr());
            }
        }
        return binary;
    }

    /**
     * @return {@code shared/tools}, beside the project's root (found from the working directory upwards).
     * @throws IllegalStateException when it is not there.
     */
    public static Path tools()
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path tools = dir.resolve("shared").resolve("tools");
            if (Files.isRegularFile(tools.resolve(MCSEND + ".c")))
            {
                return tools;
            }
        }
        throw new IllegalStateException("shared/tools with mcsend.c and mcrecv.c is not beside the project: the "
            + "reference programs cannot be built");
    }

    /**
     * @param pid a process.
     * @param port a UDP port it has a socket bound to.
     * @return the drops of that socket so far (the {@code drops} column of the process's {@code /proc/PID/net/udp}).
     * @throws IllegalStateException when no such socket is listed.
     */
    public static long socketDrops(final long pid, final int port)
    {
        final String[] fields = socket(pid, port);
        return Long.parseLong(fields[fields.length - 1]);
    }

    /**
     * @param pid a process.
     * @param port a UDP port it has a socket bound to.
     * @return the bytes queued in that socket now (its {@code rx_queue}).
     * @throws IllegalStateException when no such socket is listed.
     */
    public static long queuedBytes(final long pid, final int port)
    {
        final String queues = socket(pid, port)[4];
        return Long.parseLong(queues.substring(queues.indexOf(':') + 1), 16);
    }

    private static String[] socket(final long pid, final int port)
    {
        final String portHex = String.format(":%04X", port);
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "udp")))
            {
                final String[] fields = line.trim().split("\\s+");
                if (fields.length >= 13 && fields[1].endsWith(portHex))
                {
                    return fields;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        throw new IllegalStateException("process " + pid + " has no UDP socket on port " + port);
    }
}
