package io.rxbreak.core.counters.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rxbreak.core.counters.TracepointCounts;
import io.rxbreak.core.os.Privileges;

/**
 * Counts the socket-buffer tracepoints ({@link #EVENTS}) in tracing instances of rxbreak's own, one per event,
 * named {@code rxbreak-PID-N-EVENT}, so that other tracefs users are not disturbed. The count of an event is the
 * number of records its instance's ring buffer took: {@code entries + overrun + dropped events} summed over
 * {@code per_cpu/cpuN/stats}. Nothing reads the trace itself, so counting costs the kernel one small ring-buffer
 * write per event and rxbreak a few small file reads per sample. Instances are removed on {@link #close()}, by a
 * shutdown hook, and, when left by a process that died, by the next {@link #open}. Needs root.
 */
public final class TracepointCounter implements AutoCloseable
{
    /** The events counted, as {@code system:event}. */
    public static final List<String> EVENTS =
        List.of("sock:sock_rcvqueue_full", "sock:sock_exceed_buf_limit", "udp:udp_fail_queue_rcv_skb");
    /** The prefix of every instance rxbreak makes. */
    public static final String INSTANCE_PREFIX = "rxbreak-";

    private static final Pattern OURS = Pattern.compile(INSTANCE_PREFIX + "(\\d+)(-.*)?");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String BUFFER_KB = "16";

    private final Tracefs tracefs;
    private final Map<String, Path> instances;
    private final Map<String, String> missing;
    private final Thread shutdownHook;
    private boolean closed;

    private TracepointCounter(final Tracefs tracefs, final Map<String, Path> instances, final Map<String, String> missing)
    {
        this.tracefs = tracefs;
        this.instances = instances;
        this.missing = missing;
        this.shutdownHook = new Thread(this::remove, "rxbreak-tracing-cleanup");
    }

    /**
     * Start counting.
     *
     * @param sysRoot the {@code /sys} root (the live one: tracing needs the live kernel).
     * @return the counter.
     * @throws IllegalStateException saying why counting is unavailable (not root, no tracefs, no event).
     */
    public static TracepointCounter open(final Path sysRoot)
    {
        if (!Privileges.isRoot())
        {
            throw new IllegalStateException("counting tracepoints needs root (tracefs instances)");
        }
        final Tracefs tracefs = Tracefs.find(sysRoot, true);
        final Path instancesDir = tracefs.root().resolve("instances");
        removeLeftovers(instancesDir);
        final String base = nextInstanceBase();
        final Map<String, Path> instances = new LinkedHashMap<>();
        final Map<String, String> missing = new LinkedHashMap<>();
        final TracepointCounter counter = new TracepointCounter(tracefs, instances, missing);
        Runtime.getRuntime().addShutdownHook(counter.shutdownHook);
        try
        {
            for (final String event : EVENTS)
            {
                final String eventPath = event.replace(':', '/');
                if (!Files.isDirectory(tracefs.root().resolve("events").resolve(eventPath)))
                {
                    missing.put(event, "this kernel has no tracepoint " + event);
                    continue;
                }
                final Path instance = instancesDir.resolve(base + event.substring(event.indexOf(':') + 1));
                Files.createDirectory(instance);
                instances.put(event, instance);
                write(instance.resolve("buffer_size_kb"), BUFFER_KB);
                write(instance.resolve("events").resolve(eventPath).resolve("enable"), "1");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            counter.close();
            throw new IllegalStateException("could not set up tracing instances: " + ex.getMessage(), ex);
        }
        if (instances.isEmpty())
        {
            counter.close();
            throw new IllegalStateException("none of the tracepoints " + EVENTS + " exists on this kernel");
        }
        return counter;
    }

    /**
     * @return the start of a new instance's name, {@code rxbreak-PID-N-}: the event's name follows.
     */
    static String nextInstanceBase()
    {
        return INSTANCE_PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-";
    }

    /**
     * @param sysRoot the {@code /sys} root.
     * @return the counter, or null with the reason in {@code reason[0]}.
     */
    public static TracepointCounter tryOpen(final Path sysRoot, final String[] reason)
    {
        try
        {
            return open(sysRoot);
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            reason[0] = ex.getMessage();
            return null;
        }
    }

    /**
     * Reads and removal exclude each other, so that a shutdown hook never removes an instance being read.
     *
     * @return hits per event since {@link #open}; an event this kernel lacks is left out.
     */
    public synchronized TracepointCounts read()
    {
        if (closed)
        {
            return TracepointCounts.unavailable("tracing stopped (rxbreak is exiting)");
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final Map.Entry<String, Path> entry : instances.entrySet())
        {
            counts.put(entry.getKey(), recordsWritten(entry.getValue()));
        }
        return new TracepointCounts(counts, null);
    }

    /**
     * @return the events this kernel lacks, with why.
     */
    public Map<String, String> missing()
    {
        return missing;
    }

    /**
     * @return the instance folders in use (for tests that check they are gone after close).
     */
    public List<Path> instanceDirs()
    {
        return new ArrayList<>(instances.values());
    }

    private static long recordsWritten(final Path instance)
    {
        final long[] sums = perCpuStats(instance, "entries:", "overrun:", "dropped events:");
        return sums[0] + sums[1] + sums[2];
    }

    /**
     * @param instance a tracing instance.
     * @param keys the lines of {@code per_cpu/cpuN/stats} to sum, as they begin ({@code "overrun:"}).
     * @return each key's value summed over the CPUs, in the order given.
     * @throws UncheckedIOException when a stats file cannot be read.
     */
    static long[] perCpuStats(final Path instance, final String... keys)
    {
        final long[] sums = new long[keys.length];
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(instance.resolve("per_cpu"), "cpu*"))
        {
            for (final Path cpu : cpus)
            {
                for (final String line : Files.readAllLines(cpu.resolve("stats"), StandardCharsets.US_ASCII))
                {
                    for (int i = 0; i < keys.length; i++)
                    {
                        if (line.startsWith(keys[i]))
                        {
                            sums[i] += Long.parseLong(line.substring(keys[i].length()).trim());
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not read the tracing stats of " + instance + ": " + ex.getMessage(), ex);
        }
        return sums;
    }

    private synchronized void remove()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (final Map.Entry<String, Path> entry : instances.entrySet())
        {
            try
            {
                removeInstance(entry.getValue());
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }
        tracefs.unmountIfUnused();
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * Disable every event of an instance and remove it.
     *
     * @param instance the instance's folder.
     */
    static void removeInstance(final Path instance)
    {
        if (!Files.isDirectory(instance))
        {
            return;
        }
        try
        {
            // Disable every event first: an instance with enabled events cannot be removed.
            final Path events = instance.resolve("events");
            if (Files.exists(events.resolve("enable")))
            {
                write(events.resolve("enable"), "0");
            }
            Files.delete(instance);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not remove the tracing instance " + instance + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Remove the tracing instances of rxbreak processes that are gone (an agent killed with SIGKILL could not
     * remove its own). Does nothing when not root or when tracefs is not mounted.
     *
     * @param sysRoot the {@code /sys} root.
     * @return how many instances were removed.
     */
    public static int removeLeftoversOfDeadProcesses(final Path sysRoot)
    {
        if (!Privileges.isRoot())
        {
            return 0;
        }
        final Path instancesDir;
        try
        {
            instancesDir = Tracefs.find(sysRoot, false).root().resolve("instances");
        }
        catch (final IllegalStateException ex)
        {
            return 0;
        }
        return Files.isDirectory(instancesDir) ? removeLeftovers(instancesDir) : 0;
    }

    /**
     * @param instancesDir tracefs's {@code instances/}.
     * @return how many instances of dead rxbreak processes were removed.
     */
    static int removeLeftovers(final Path instancesDir)
    {
        int removed = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(instancesDir, INSTANCE_PREFIX + "*"))
        {
            for (final Path instance : stream)
            {
                final Matcher matcher = OURS.matcher(instance.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())
                {
                    removeInstance(instance);
                    removed++;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not list " + instancesDir + ": " + ex.getMessage(), ex);
        }
        return removed;
    }

    /**
     * @param file a tracefs file.
     * @param value what to write into it.
     * @throws IOException when the kernel refuses it.
     */
    static void write(final Path file, final String value) throws IOException
    {
        Files.writeString(file, value);
    }

    @Override
    public void close()
    {
        remove();
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignored)
        {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }
}
