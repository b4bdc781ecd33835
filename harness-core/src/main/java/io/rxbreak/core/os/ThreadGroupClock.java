package io.rxbreak.core.os;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.rxbreak.core.protocol.CpuUse;

/**
 * Reads the CPU use of some threads of a process, or of all of them but some, at the two ends of a trial
 * ({@link Schedstat}): {@link #start()}, then {@link #stop()} says what they used in between. Threads that ended
 * meanwhile take their figures with them (a lower bound then). With them, the steal time of the CPUs the threads
 * may run on ({@link CpuSteal}), as their affinity was at {@link #start()}.
 */
public final class ThreadGroupClock
{
    private final Path procRoot;
    private final long pid;
    private final Collection<Integer> tids;
    private final boolean exclude;
    private final boolean busiest;
    private Schedstat start;
    private Map<Integer, Schedstat> startByThread;
    private CpuSet cpus;
    private long startStealNs = -1;

    private ThreadGroupClock(final Path procRoot, final long pid, final Collection<Integer> tids, final boolean exclude,
        final boolean busiest)
    {
        this.procRoot = procRoot;
        this.pid = pid;
        this.tids = tids;
        this.exclude = exclude;
        this.busiest = busiest;
    }

    /**
     * @param pid a process whose reading thread is not known (an observed application).
     * @return a clock that reports the thread that ran the most in between: most likely the one that reads.
     */
    public static ThreadGroupClock busiestOf(final long pid)
    {
        return new ThreadGroupClock(Path.of("/proc"), pid, Set.of(), true, true);
    }

    /**
     * @param pid a process.
     * @param tids its threads to watch.
     * @return a clock over those threads.
     */
    public static ThreadGroupClock of(final long pid, final Collection<Integer> tids)
    {
        return new ThreadGroupClock(Path.of("/proc"), pid, Set.copyOf(tids), false, false);
    }

    /**
     * @param pid a process.
     * @param tids its threads to leave out (none: the whole process).
     * @return a clock over the process's other threads.
     */
    public static ThreadGroupClock allBut(final long pid, final Collection<Integer> tids)
    {
        return new ThreadGroupClock(Path.of("/proc"), pid, Set.copyOf(tids), true, false);
    }

    /**
     * Take the first reading.
     */
    public synchronized void start()
    {
        if (busiest)
        {
            startByThread = readEach();
        }
        else
        {
            start = read();
        }
        cpus = watchedCpus();
        startStealNs = cpus == null ? -1 : CpuSteal.stealNs(procRoot.resolve("stat"), cpus);
    }

    /**
     * @return what the threads used since {@link #start()}, or null when it was never started or cannot be read.
     */
    public synchronized CpuUse stop()
    {
        if (busiest)
        {
            if (startByThread == null)
            {
                return null;
            }
            Schedstat most = null;
            for (final Map.Entry<Integer, Schedstat> thread : readEach().entrySet())
            {
                final Schedstat used = thread.getValue().since(startByThread.getOrDefault(thread.getKey(), Schedstat.ZERO));
                if (most == null || used.onCpuNs() > most.onCpuNs())
                {
                    most = used;
                }
            }
            return most == null ? null : new CpuUse(most.onCpuNs(), most.runQueueWaitNs(), stealSinceStart());
        }
        final Schedstat end = read();
        if (start == null || end == null)
        {
            return null;
        }
        final Schedstat used = end.since(start);
        return new CpuUse(used.onCpuNs(), used.runQueueWaitNs(), stealSinceStart());
    }

    private Long stealSinceStart()
    {
        final long endStealNs = startStealNs < 0 ? -1 : CpuSteal.stealNs(procRoot.resolve("stat"), cpus);
        return endStealNs < 0 ? null : Math.max(0L, endStealNs - startStealNs);
    }

    /**
     * @return the CPUs the watched threads may run on now (for a process's busiest thread: the process's), or null
     *     when that cannot be read.
     */
    private CpuSet watchedCpus()
    {
        if (busiest || exclude && tids.isEmpty())
        {
            return Threads.affinity((int)pid);
        }
        CpuSet union = null;
        for (final int tid : exclude ? Threads.tasks(procRoot, pid) : tids)
        {
            if (exclude && tids.contains(tid))
            {
                continue;
            }
            final CpuSet thread = Threads.affinity(tid);
            if (thread != null)
            {
                union = union == null ? thread : union.or(thread);
            }
        }
        return union;
    }

    private Map<Integer, Schedstat> readEach()
    {
        final Map<Integer, Schedstat> threads = new HashMap<>();
        for (final int tid : Threads.tasks(procRoot, pid))
        {
            final Schedstat thread = Schedstat.ofThread(procRoot, pid, tid);
            if (thread != null)
            {
                threads.put(tid, thread);
            }
        }
        return threads;
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
