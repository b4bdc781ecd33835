package io.rxbreak.core.counters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CPU accounting of the {@code ksoftirqd/N} threads. They are found once, by their {@code comm}, on the
 * first read (they live as long as the kernel, and scanning {@code /proc} each sample would cost more than the
 * sample); then each read parses {@code /proc/PID/schedstat} (nanoseconds: time on the CPU and time waiting for
 * it), or utime+stime of {@code /proc/PID/stat} when there is no schedstat. Not thread safe: one per sampler.
 */
public final class KsoftirqdReader
{
    /** The prefix of the threads' {@code comm}. */
    public static final String COMM_PREFIX = "ksoftirqd/";
    /** Nanoseconds per clock tick of {@code /proc/PID/stat}: USER_HZ is 100 on every Linux architecture. */
    static final long NS_PER_TICK = 10_000_000L;
    private static final int UTIME_FIELD = 14;

    private final Path procRoot;
    private long[] pids;
    private int[] cpus;

    /**
     * @param procRoot where {@code /proc} is.
     */
    public KsoftirqdReader(final Path procRoot)
    {
        this.procRoot = procRoot;
    }

    /**
     * @param files the reader to use.
     * @return every ksoftirqd thread's accounting, by CPU, or null when none was found (a capture, another OS).
     */
    public List<KsoftirqdThread> read(final CounterFiles files)
    {
        if (pids == null)
        {
            find(files);
        }
        if (pids.length == 0)
        {
            return null;
        }
        final List<KsoftirqdThread> threads = new ArrayList<>(pids.length);
        for (int i = 0; i < pids.length; i++)
        {
            final Path dir = procRoot.resolve(Long.toString(pids[i]));
            final String schedstat = dir.resolve("schedstat").toString();
            if (files.read(dir.resolve("schedstat")))
            {
                final LineCursor cursor = new LineCursor(files.bytes(), files.length(), schedstat);
                if (!cursor.nextLine())
                {
                    throw cursor.failWhole("expected three numbers");
                }
                threads.add(new KsoftirqdThread(cpus[i], pids[i], cursor.decimal("the time on the CPU, ns"),
                    cursor.decimal("the time waiting for the CPU, ns")));
            }
            else if (files.read(dir.resolve("stat")))
            {
                threads.add(new KsoftirqdThread(cpus[i], pids[i],
                    statCpuNs(files.bytes(), files.length(), dir.resolve("stat").toString()), SoftnetCpu.ABSENT));
            }
        }
        return threads;
    }

    /**
     * @param data a {@code /proc/PID/stat} line.
     * @param length its length.
     * @param source its name, for errors.
     * @return utime+stime in nanoseconds.
     * @throws MalformedCounterException when it is not a stat line.
     */
    static long statCpuNs(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        if (!cursor.nextLine())
        {
            throw cursor.failWhole("expected a stat line");
        }
        int close = -1;
        for (int i = length - 1; i >= 0; i--)
        {
            if (data[i] == ')')
            {
                close = i;
                break;
            }
        }
        if (close < 0)
        {
            throw cursor.fail("expected 'PID (comm) ...'");
        }
        cursor.position(close + 1);
        for (int field = 3; field < UTIME_FIELD; field++)
        {
            cursor.skipToken("field " + field);
        }
        final long utime = cursor.decimal("utime (field 14)");
        final long stime = cursor.decimal("stime (field 15)");
        return (utime + stime) * NS_PER_TICK;
    }

    private void find(final CounterFiles files)
    {
        final List<long[]> found = new ArrayList<>();
        for (final Path process : CounterFiles.list(procRoot, "[0-9]*"))
        {
            final boolean read;
            try
            {
                read = files.read(process.resolve("comm"));
            }
            catch (final java.io.UncheckedIOException ex)
            {
                continue; // a process that ended while listed
            }
            if (!read)
            {
                continue;
            }
            final String comm = new String(files.bytes(), 0, files.length(), StandardCharsets.US_ASCII).strip();
            if (comm.startsWith(COMM_PREFIX))
            {
                try
                {
                    found.add(new long[] {Integer.parseInt(comm.substring(COMM_PREFIX.length())),
                        Long.parseLong(process.getFileName().toString())});
                }
                catch (final NumberFormatException ex)
                {
                    continue; // not a per-CPU thread
                }
            }
        }
        found.sort((a, b) -> Long.compare(a[0], b[0]));
        pids = new long[found.size()];
        cpus = new int[found.size()];
        for (int i = 0; i < found.size(); i++)
        {
            cpus[i] = (int)found.get(i)[0];
            pids[i] = found.get(i)[1];
        }
    }
}
