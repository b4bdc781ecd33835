package io.rxbreak.core.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until this JVM's own background threads (the JIT compilers, the garbage collector's workers, the VM
 * thread) have had nothing to do for a while. Started just after work that made the JIT queue code (a trial's set-up,
 * the judging of the last one), a trial would share its first milliseconds with them: on a CPU the sender or
 * receiver shares, a compiler thread that is runnable when the pacer wakes keeps it waiting for up to a scheduler
 * tick (4 ms at HZ=250).
 */
public final class JvmQuiet
{
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Before a trial: how long the background threads must have been idle. */
    private static final long TRIAL_QUIET_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Before a trial: the longest wait for that. */
    private static final long TRIAL_WAIT_NS = TimeUnit.SECONDS.toNanos(2);

    private JvmQuiet()
    {
    }

    /**
     * Before a trial starts: wait (at most {@value #TRIAL_WAIT_NS} ns) until the background threads have been idle
     * for {@value #TRIAL_QUIET_NS} ns.
     *
     * @return how long it waited, ns.
     * @throws InterruptedException when interrupted.
     */
    public static long beforeTrial() throws InterruptedException
    {
        return beforeTrial(List.of());
    }

    /**
     * Before a trial starts: as {@link #beforeTrial()}, and the background threads of other JVMs on this host that
     * share the CPU too (a local controller, whose last request queued code for its compilers).
     *
     * @param others the other JVMs' process ids.
     * @return how long it waited, ns.
     * @throws InterruptedException when interrupted.
     */
    public static long beforeTrial(final Collection<Long> others) throws InterruptedException
    {
        collectIfHalfFull();
        final List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        pids.addAll(others);
        return await(TRIAL_QUIET_NS, TRIAL_WAIT_NS, pids);
    }

    /**
     * Collect now, between trials, when the young generation is more than half full: its next collection stops
     * every thread of this JVM, and would otherwise come in the middle of a trial.
     */
    static void collectIfHalfFull()
    {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Eden"))
            {
                final MemoryUsage usage = pool.getUsage();
                final long size = usage.getMax() > 0 ? usage.getMax() : usage.getCommitted();
                if (size > 0 && usage.getUsed() * 2 > size)
                {
                    System.gc();
                }
                return;
            }
        }
    }

    /**
     * @param quietNs how long the background threads must not have run.
     * @param atMostNs the longest wait.
     * @param pids the JVMs to watch.
     * @return how long it waited, ns; never more than {@code atMostNs} (plus one poll).
     * @throws InterruptedException when interrupted.
     */
    public static long await(final long quietNs, final long atMostNs, final List<Long> pids) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final Path proc = Path.of("/proc");
        long lastBusyNs = backgroundCpuNs(proc, pids);
        long quietSinceNs = startNs;
        while (true)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - quietSinceNs >= quietNs || nowNs - startNs >= atMostNs)
            {
                return nowNs - startNs;
            }
            TimeUnit.NANOSECONDS.sleep(POLL_NS);
            final long busyNs = backgroundCpuNs(proc, pids);
            if (busyNs != lastBusyNs)
            {
                lastBusyNs = busyNs;
                quietSinceNs = System.nanoTime();
            }
        }
    }

    /**
     * @return the CPU time the JVM background threads of some processes used so far, ns (0 when unreadable).
     */
    static long backgroundCpuNs(final Path proc, final List<Long> pids)
    {
        long total = 0;
        for (final long pid : pids)
        {
            total += backgroundCpuNs(proc, pid);
        }
        return total;
    }

    private static long backgroundCpuNs(final Path proc, final long pid)
    {
        long total = 0;
        final List<Integer> tids = Threads.tasks(proc, pid);
        for (final int tid : tids)
        {
            final Path task = proc.resolve(Long.toString(pid)).resolve("task").resolve(Integer.toString(tid));
            if (isBackground(name(task)))
            {
                final Schedstat stat = Schedstat.ofThread(proc, pid, tid);
                total += stat == null ? 0 : stat.onCpuNs();
            }
        }
        return total;
    }

    /**
     * @param threadName a thread's name as the kernel keeps it (15 characters at most).
     * @return whether it is one of the JVM's own background threads.
     */
    static boolean isBackground(final String threadName)
    {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")
            || threadName.startsWith("GC Thread") || threadName.equals("VM Thread")
            || threadName.startsWith("G1 ") || threadName.startsWith("ParGC");
    }

    private static String name(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
