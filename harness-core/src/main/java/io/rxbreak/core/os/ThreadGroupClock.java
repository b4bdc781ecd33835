package io.rxbreak.core.os;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

import io.rxbreak.core.protocol.CpuUse;

/**
 * Reads the CPU use of some threads of a process, or of all of them but some, at the two ends of a trial
 * ({@link Schedstat}): {@link #start()}, then {@link #stop()} says what they used in between. Threads that ended
 * meanwhile take their figures with them (a lower bound then).
 */
public final class ThreadGroupClock
{
    private final Path procRoot;
    private final long pid;
    private final Collection<Integer> tids;
    private final boolean exclude;
    private Schedstat start;

    private ThreadGroupClock(final Path procRoot, final long pid, final Collection<Integer> tids, final boolean exclude)
    {
        this.procRoot = procRoot;
        this.pid = pid;
        this.tids = tids;
        this.exclude = exclude;
    }

    /**
     * @param pid a process.
     * @param tids its threads to watch.
     * @return a clock over those threads.
     */
    public static ThreadGroupClock of(final long pid, final Collection<Integer> tids)
    {
        return new ThreadGroupClock(Path.of("/proc"), pid, Set.copyOf(tids), false);
    }

    /**
     * @param pid a process.
     * @param tids its threads to leave out (none: the whole process).
     * @return a clock over the process's other threads.
     */
    public static ThreadGroupClock allBut(final long pid, final Collection<Integer> tids)
    {
        return new ThreadGroupClock(Path.of("/proc"), pid, Set.copyOf(tids), true);
    }

    /**
     * Take the first reading.
     */
    public synchronized void start()
    {
        start = read();
    }

    /**
     * @return what the threads used since {@link #start()}, or null when it was never started or cannot be read.
     */
    public synchronized CpuUse stop()
    {
        final Schedstat end = read();
        if (start == null || end == null)
        {
            return null;
        }
        final Schedstat used = end.since(start);
        return new CpuUse(used.onCpuNs(), used.runQueueWaitNs());
    }

    private Schedstat read()
    {
        Schedstat total = null;
        for (final int tid : exclude ? Threads.tasks(procRoot, pid) : tids)
        {
            if (exclude && tids.contains(tid))
            {
                continue;
            }
            final Schedstat thread = Schedstat.ofThread(procRoot, pid, tid);
            if (thread != null)
            {
                total = total == null ? thread : total.plus(thread);
            }
        }
        return total;
    }
}
