package io.rxbreak.controller.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.rxbreak.core.control.Json;

/**
 * The host's original values, kept in a file ({@code /run/rxbreak/tune-PID.json}) before a tuning file changes the
 * host, so that a controller killed outright (SIGKILL) is repaired by the next run: it restores the values of every
 * state file whose process is gone, says so in one line, and deletes the file.
 */
public final class TuneState
{
    /** Where the state files live: a tmpfs, gone after a reboot, as the settings are. */
    public static final Path DIRECTORY = Path.of("/run/rxbreak");

    private static final String PREFIX = "tune-";
    private static final String SUFFIX = ".json";

    private final Path file;

    private TuneState(final Path file)
    {
        this.file = file;
    }

    /**
     * @param directory where the state files live.
     * @return this process's state file (not written yet).
     */
    public static TuneState of(final Path directory)
    {
        return new TuneState(directory.resolve(PREFIX + ProcessHandle.current().pid() + SUFFIX));
    }

    /**
     * @return the state file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Write the originals durably (a temporary file, forced to disk, moved into place) before anything changes.
     *
     * @param changes the host's files about to be written, with what they read now.
     * @throws IOException when the file cannot be written: then nothing may change.
     */
    void save(final List<HostChange> changes) throws IOException
    {
        Files.createDirectories(file.getParent());
        final ProcessHandle self = ProcessHandle.current();
        final Saved saved = new Saved(self.pid(), startOf(self).orElse(null), List.copyOf(changes));
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                channel.write(ByteBuffer.wrap(Json.toBytes(saved)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            Files.deleteIfExists(temporary); // nothing changes, and nothing is left
            throw ex;
        }
    }

    /**
     * @return whether this process is in the host's network namespace: only there are the network settings it reads
     *     and writes the host's. Told by a machine-wide sysctl that the kernel shows in the initial network namespace
     *     only ({@code net.core.netdev_max_backlog}; {@code /proc/1/ns/net} may be unreadable even to root).
     */
    public static boolean inHostNamespace()
    {
        return Files.exists(Path.of("/proc/sys/net/core/netdev_max_backlog"));
    }

    /**
     * Delete the state file, once everything it keeps has been restored. A file that cannot be deleted is said in one
     * line and left: the next run finds its values already restored, and restoring them again changes nothing.
     *
     * @param err where to say it.
     */
    void delete(final PrintWriter err)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            err.println("rxbreak: could not delete " + file + " (its values are restored): " + ex.getMessage());
            err.flush();
        }
    }

    /**
     * @param directory where the state files live.
     * @param file a kernel file about to be changed.
     * @return the process id of another live rxbreak that has changed it and not restored it yet, or null: two runs
     *     tuning one setting at once would each restore the other's value.
     */
    static Long otherOwner(final Path directory, final String file)
    {
        if (!Files.isDirectory(directory))
        {
            return null;
        }
        try (Stream<Path> list = Files.list(directory))
        {
            for (final Path path : list.filter(p -> p.getFileName().toString().startsWith(PREFIX) &&
                p.getFileName().toString().endsWith(SUFFIX)).toList())
            {
                final Saved saved;
                try
                {
                    saved = Json.TOLERANT.readValue(path.toFile(), Saved.class);
                }
                catch (final IOException ex)
                {
                    continue; // one unreadable file does not hide the others
                }
                if (saved.pid() != ProcessHandle.current().pid() && alive(saved) &&
                    saved.changes().stream().anyMatch(change -> change.file().equals(file)))
                {
                    return saved.pid();
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return null;
    }

    /**
     * @return the directory of this state file.
     */
    Path directory()
    {
        return file.getParent();
    }

    /**
     * Restore what rxbreak processes that are gone left changed on the host, one line each to {@code err}, and delete
     * their state files (a file whose values do not read back as restored is kept, and said so).
     *
     * @param directory where the state files live.
     * @param host the host's files.
     * @param err where to say what was restored.
     * @return how many state files were repaired.
     */
    public static int repairLeftovers(final Path directory, final KernelFiles host, final PrintWriter err)
    {
        if (!Files.isDirectory(directory))
        {
            return 0;
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory))
        {
            list.filter(path -> path.getFileName().toString().startsWith(PREFIX) &&
                path.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(files::add);
        }
        catch (final IOException ex)
        {
            err.println("rxbreak: could not list " + directory + ": " + ex.getMessage());
            return 0;
        }
        int repaired = 0;
        for (final Path path : files)
        {
            final Saved saved;
            try
            {
                saved = Json.TOLERANT.readValue(path.toFile(), Saved.class);
            }
            catch (final IOException ex)
            {
                err.println("rxbreak: " + path + " is not a tuning state file (" + ex.getMessage().split("\n")[0] +
                    "): left alone");
                continue;
            }
            if (alive(saved))
            {
                continue;
            }
            final List<String> failures = Tuner.restore(saved.changes(), host);
            final List<String> restored = new ArrayList<>();
            saved.changes().forEach(change -> restored.add(change.key() + "=" + change.original()));
            if (failures.isEmpty())
            {
                new TuneState(path).delete(err);
                err.println("rxbreak: restored what the killed rxbreak " + saved.pid() + " had changed on the host (" +
                    String.join(", ", restored) + ") and deleted " + path);
                repaired++;
            }
            else
            {
                err.println("rxbreak: could not restore what the killed rxbreak " + saved.pid() + " changed: " +
                    String.join("; ", failures) + " (kept " + path + ")");
            }
        }
        err.flush();
        return repaired;
    }

    private static boolean alive(final Saved saved)
    {
        final Optional<ProcessHandle> process = ProcessHandle.of(saved.pid());
        if (process.isEmpty() || !process.get().isAlive())
        {
            return false;
        }
        // a reused PID: another process now, started at another time
        return saved.startedAt() == null || saved.startedAt().equals(startOf(process.get()).orElse(null));
    }

    private static Optional<String> startOf(final ProcessHandle process)
    {
        return process.info().startInstant().map(Object::toString);
    }

    /**
     * One host file a tuning file changes, with what it read before.
     *
     * @param kind what it is.
     * @param key its name for people, like {@code net.core.netdev_max_backlog}.
     * @param file the kernel file.
     * @param original what it read before the change.
     */
    record HostChange(TuneKind kind, String key, String file, String original)
    {
    }

    /**
     * A state file's content.
     *
     * @param pid the process that changed the host.
     * @param startedAt when that process started (to tell a reused PID), or null when unknown.
     * @param changes what it changed, in order.
     */
    record Saved(long pid, String startedAt, List<HostChange> changes)
    {
    }
}
