package io.rxbreak.core.counters.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.os.NonBlockingFile;
import io.rxbreak.core.os.Privileges;

/**
 * Counts the kernel's drop reasons of IPv4 and IPv6 packets: the {@code skb:kfree_skb} tracepoint in a tracing
 * instance of rxbreak's own ({@code rxbreak-PID-N-kfree_skb}, like {@link TracepointCounter}'s), with the in-kernel
 * filter {@code protocol == 2048 || protocol == 34525}, its records read from each CPU's {@code trace_pipe_raw}
 * (non-blocking, every {@value #POLL_MS} ms by a reader thread and at every {@link #read()}) and counted per reason
 * and freeing function ({@code location} resolved through {@code /proc/kallsyms}, so that TCP frees such as
 * rxbreak's own HTTP control channel are told apart from UDP ones).
 *
 * <p>Why this way: a hist trigger would count in the kernel, but kernels built without CONFIG_HIST_TRIGGERS (this
 * project's 6.18 test machine) have none; an instance per reason with a {@code reason == N} filter, counted from its
 * stats as {@link TracepointCounter} does, needs one instance per reason (about 130 on 6.18), cannot resolve the
 * function and so cannot tell TCP from UDP. Reading the raw records costs a 44-byte ring-buffer write per drop in the
 * kernel and a few microseconds per page here (measured in {@code docs/internals.md}). Records the buffer loses
 * (overrun: the reader fell more than {@value #BUFFER_KB} KiB per CPU behind) are counted from the instance's stats
 * and reported as {@link DropReasons#lostRecords()}, never silently.
 *
 * <p>The tracepoint is machine-wide: every namespace's and process's drops are counted. Needs root. The instance is
 * removed on {@link #close()}, by a shutdown hook, and, when left by a process that died, by the next {@link #open}.
 */
public final class DropReasonCounter implements AutoCloseable
{
    /** The event counted. */
    public static final String EVENT = "skb:kfree_skb";
    /** The in-kernel filter: IPv4 and IPv6 packets only. */
    public static final String FILTER = "protocol == " + KfreeSkbFormat.ETH_P_IP + " || protocol == " +
        KfreeSkbFormat.ETH_P_IPV6;
    /** How often the reader thread drains the buffers. */
    static final long POLL_MS = 100;
    /** The instance's buffer per CPU. */
    static final int BUFFER_KB = 2048;

    private final Tracefs tracefs;
    private final Path instance;
    private final KfreeSkbFormat format;
    private final RingBufferPage layout;
    private final KernelSymbols symbols;
    private final List<NonBlockingFile> pipes = new ArrayList<>();
    private final ByteBuffer page;
    private final Map<Long, long[]> counts = new HashMap<>();
    private long undecoded;
    private final Thread shutdownHook;
    private final Thread reader;
    private long decoded;
    private String failure;
    private boolean closed;

    private DropReasonCounter(final Tracefs tracefs, final Path instance, final KfreeSkbFormat format,
        final RingBufferPage layout, final Path kallsyms)
    {
        this.tracefs = tracefs;
        this.instance = instance;
        this.format = format;
        this.layout = layout;
        this.symbols = new KernelSymbols(kallsyms);
        this.page = ByteBuffer.allocateDirect(layout.pageSize());
        this.shutdownHook = new Thread(this::remove, "rxbreak-drop-reasons-cleanup");
        this.reader = new Thread(this::readLoop, "rxbreak-drop-reasons");
        this.reader.setDaemon(true);
    }

    /**
     * Start counting.
     *
     * @param sysRoot the {@code /sys} root (the live one).
     * @param procRoot the {@code /proc} root (for {@code kallsyms}).
     * @return the counter.
     * @throws IllegalStateException saying why counting is unavailable (not root, no tracefs, no reason field).
     */
    public static DropReasonCounter open(final Path sysRoot, final Path procRoot)
    {
        if (!Privileges.isRoot())
        {
            throw new IllegalStateException("counting drop reasons needs root (a tracefs instance)");
        }
        final Tracefs tracefs = Tracefs.find(sysRoot, true);
        final Path events = tracefs.root().resolve("events");
        final Path formatFile = events.resolve("skb/kfree_skb/format");
        final KfreeSkbFormat format;
        final RingBufferPage layout;
        try
        {
            if (!Files.exists(formatFile))
            {
                throw new IllegalStateException("this kernel has no tracepoint " + EVENT);
            }
            format = KfreeSkbFormat.parse(Tracefs.readText(formatFile));
            layout = RingBufferPage.parse(Tracefs.readText(events.resolve("header_page")));
        }
        catch (final IOException | RuntimeException ex)
        {
            // nothing of ours was made: a tracefs mounted for this goes again
            tracefs.unmountIfUnused();
            throw ex instanceof IllegalStateException ? (IllegalStateException)ex :
                new IllegalStateException("could not read the format of " + EVENT + ": " + ex.getMessage(), ex);
        }
        final Path instancesDir = tracefs.root().resolve("instances");
        TracepointCounter.removeLeftovers(instancesDir);
        final Path instance = instancesDir.resolve(TracepointCounter.nextInstanceBase() + "kfree_skb");
        final DropReasonCounter counter =
            new DropReasonCounter(tracefs, instance, format, layout, procRoot.resolve("kallsyms"));
        Runtime.getRuntime().addShutdownHook(counter.shutdownHook);
        try
        {
            Files.createDirectory(instance);
            TracepointCounter.write(instance.resolve("buffer_size_kb"), Integer.toString(BUFFER_KB));
            final Path event = instance.resolve("events/skb/kfree_skb");
            TracepointCounter.write(event.resolve("filter"), FILTER);
            TracepointCounter.write(event.resolve("enable"), "1");
            try (DirectoryStream<Path> cpus = Files.newDirectoryStream(instance.resolve("per_cpu"), "cpu*"))
            {
                for (final Path cpu : cpus)
                {
                    counter.pipes.add(NonBlockingFile.open(cpu.resolve("trace_pipe_raw"), layout.pageSize()));
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            counter.close();
            throw new IllegalStateException("could not set up the drop-reason tracing instance: " + ex.getMessage(), ex);
        }
        counter.reader.start();
        return counter;
    }

    /**
     * @param sysRoot the {@code /sys} root.
     * @param procRoot the {@code /proc} root.
     * @return the counter, or null with the reason in {@code reason[0]}.
     */
    public static DropReasonCounter tryOpen(final Path sysRoot, final Path procRoot, final String[] reason)
    {
        try
        {
            return open(sysRoot, procRoot);
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            reason[0] = ex.getMessage();
            return null;
        }
    }

    /**
     * Drain the buffers and count.
     *
     * @return the drops per reason and function since {@link #open}.
     */
    public synchronized DropReasons read()
    {
        if (closed)
        {
            return DropReasons.unavailable("tracing stopped (rxbreak is exiting)");
        }
        drain();
        if (failure != null)
        {
            return DropReasons.unavailable(failure);
        }
        final Map<String, Long> byName = new LinkedHashMap<>();
        final Map<String, String[]> keys = new HashMap<>();
        for (final Map.Entry<Long, long[]> entry : counts.entrySet())
        {
            final int reason = (int)(entry.getKey() >>> 48);
            final long location = entry.getValue()[1];
            final String name = format.name(reason);
            final String function = symbols.function(location);
            final String key = name + "@" + function;
            byName.merge(key, entry.getValue()[0], Long::sum);
            keys.putIfAbsent(key, new String[] {name, function});
        }
        final List<DropReasonCount> list = new ArrayList<>();
        byName.forEach((key, count) -> list.add(new DropReasonCount(keys.get(key)[0], keys.get(key)[1], count)));
        final long[] stats = stats();
        // read from the pipe but not decoded (a page the decoder refused): the most ever seen, so that the count
        // never goes backwards when the decoder catches up
        undecoded = Math.max(undecoded, stats[1] - decoded);
        return new DropReasons(list, stats[0] + undecoded, null);
    }

    /**
     * @return the records decoded since {@link #open} (for measuring the reader).
     */
    public synchronized long recordsDecoded()
    {
        return decoded;
    }

    /**
     * @return the instance folder (for tests that check it is gone after close).
     */
    public Path instanceDir()
    {
        return instance;
    }

    private void readLoop()
    {
        while (true)
        {
            synchronized (this)
            {
                if (closed || failure != null)
                {
                    return;
                }
                drain();
                try
                {
                    wait(POLL_MS);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }
    }

    private void drain()
    {
        try
        {
            for (final NonBlockingFile pipe : pipes)
            {
                while (pipe.read(page) > 0)
                {
                    decoded += layout.decode(page, this::onRecord);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failure = "reading the drop reasons failed: " + ex;
        }
    }

    private void onRecord(final ByteBuffer data, final int offset, final int length)
    {
        if (length < format.minimumRecordBytes() || (data.getShort(offset + format.typeOffset()) & 0xFFFF) != format.id())
        {
            return;
        }
        final long reason = Integer.toUnsignedLong(data.getInt(offset + format.reasonOffset()));
        final long location = data.getLong(offset + format.locationOffset());
        // one key per reason and location: the reason in the top 16 bits, the location's low 48 bits below
        final long key = reason << 48 | location & 0xFFFF_FFFF_FFFFL;
        final long[] entry = counts.get(key);
        if (entry == null)
        {
            counts.put(key, new long[] {1, location});
        }
        else
        {
            entry[0]++;
        }
    }

    /**
     * @return {overrun + dropped events, read events} summed over CPUs.
     */
    private long[] stats()
    {
        final long[] sums = TracepointCounter.perCpuStats(instance, "overrun:", "dropped events:", "read events:");
        return new long[] {sums[0] + sums[1], sums[2]};
    }

    private synchronized void remove()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        notifyAll();
        pipes.forEach(NonBlockingFile::close);
        pipes.clear();
        TracepointCounter.removeInstance(instance);
        tracefs.unmountIfUnused();
    }

    @Override
    public void close()
    {
        remove();
        try
        {
            reader.join(POLL_MS * 10);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
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
