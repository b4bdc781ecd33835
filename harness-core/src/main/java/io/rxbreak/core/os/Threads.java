package io.rxbreak.core.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * Threads as the kernel sees them: their ids, CPU affinity, timer slack and scheduling. What the JDK cannot do,
 * through {@link Libc}. Each setter says why it could not do its work instead of throwing, so that a caller can
 * carry on without it and report the reason.
 */
public final class Threads
{
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_ATTR_SIZE = 56;

    private Threads()
    {
    }

    /**
     * @return why these calls cannot be made on this platform, or null when they can.
     */
    public static String unavailableReason()
    {
        return Libc.UNAVAILABLE;
    }

    /**
     * @return the calling thread's id (its TID, the name of its {@code /proc/self/task} entry), or -1 when the
     *     platform cannot tell.
     */
    public static int currentTid()
    {
        if (Libc.UNAVAILABLE != null)
        {
            return -1;
        }
        try
        {
            return (int)Libc.syscall(Libc.SYS_GETTID);
        }
        catch (final LastErrorException ex)
        {
            return -1;
        }
    }

    /**
     * @param tid a thread (0: the calling one).
     * @param cpus the CPUs it may run on.
     * @return null when done, else why not.
     */
    public static String setAffinity(final int tid, final CpuSet cpus)
    {
        if (Libc.UNAVAILABLE != null)
        {
            return Libc.UNAVAILABLE;
        }
        try
        {
            final byte[] mask = cpus.toMask();
            Libc.sched_setaffinity(tid, mask.length, mask);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return "sched_setaffinity(" + tid + ", " + cpus + ") failed: errno " + ex.getErrorCode();
        }
    }

    /**
     * @param tid a thread (0: the calling one).
     * @return the CPUs it may run on, or null when that cannot be read.
     */
    public static CpuSet affinity(final int tid)
    {
        if (Libc.UNAVAILABLE != null)
        {
            return null;
        }
        try
        {
            final byte[] mask = new byte[CpuSet.MAX_CPUS / 8];
            Libc.sched_getaffinity(tid, mask.length, mask);
            return CpuSet.fromMask(mask);
        }
        catch (final LastErrorException ex)
        {
            return null;
        }
    }

    /**
     * Restrict every thread of a process to some CPUs. Threads it starts later inherit the mask of the thread that
     * starts them, so a process that calls this for itself early keeps all its threads there.
     *
     * @param pid the process.
     * @param cpus the CPUs.
     * @return null when done for every thread, else why not (the first failure).
     */
    public static String pinProcess(final long pid, final CpuSet cpus)
    {
        final List<Integer> tids = tasks(Path.of("/proc"), pid);
        if (tids.isEmpty())
        {
            return "process " + pid + " has no threads to pin (is it gone?)";
        }
        String failure = null;
        for (final int tid : tids)
        {
            final String why = setAffinity(tid, cpus);
            // a thread may end between the listing and the call: only a live thread's failure counts
            if (why != null && failure == null && Files.exists(Path.of("/proc/" + pid + "/task/" + tid)))
            {
                failure = why;
            }
        }
        return failure;
    }

    /**
     * @param procRoot where /proc is.
     * @param pid a process.
     * @return its threads' ids, empty when it is gone.
     */
    public static List<Integer> tasks(final Path procRoot, final long pid)
    {
        final List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(procRoot.resolve(Long.toString(pid)).resolve("task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    tids.add(Integer.parseInt(task.getFileName().toString()));
                }
                catch (final NumberFormatException ex)
                {
                    // not a task
                }
            }
        }
        catch (final IOException ex)
        {
            // gone
        }
        return tids;
    }

    /**
     * Make the calling thread's timed waits end within {@code slackNs} of when they were asked to (the default
     * slack is 50 us, too coarse for a pacer).
     *
     * @param slackNs the slack, at least 1 ns.
     * @return null when done, else why not.
     */
    public static String setCurrentTimerSlackNs(final long slackNs)
    {
        if (Libc.UNAVAILABLE != null)
        {
            return Libc.UNAVAILABLE;
        }
        try
        {
            Libc.prctl(PR_SET_TIMERSLACK, Math.max(1, slackNs), 0, 0, 0);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return "prctl(PR_SET_TIMERSLACK) failed: errno " + ex.getErrorCode();
        }
    }

    /**
     * Give an ordinary (SCHED_OTHER) thread a short time slice: on kernels from 6.12 (EEVDF's custom slices) that
     * preempt on wake-up, a thread with a short slice takes the CPU from the one running when it wakes, so a pacer
     * that sleeps between batches is not kept waiting by a busy neighbour. A kernel that defers preemption to the
     * next tick (preempt=none, as measured on a 6.18 VM at HZ=250) and older kernels accept the call and change
     * nothing. No privilege needed.
     *
     * @param tid the thread (0: the calling one).
     * @param sliceNs the slice, 100 us to 100 ms.
     * @return null when done, else why not.
     */
    public static String setSliceNs(final int tid, final long sliceNs)
    {
        if (Libc.UNAVAILABLE != null)
        {
            return Libc.UNAVAILABLE;
        }
        try (Memory attr = new Memory(SCHED_ATTR_SIZE))
        {
            attr.clear();
            attr.setInt(0, SCHED_ATTR_SIZE);
            attr.setInt(4, SCHED_OTHER);
            attr.setLong(24, sliceNs);
            Libc.syscall(Libc.SYS_SCHED_SETATTR, tid, attr, 0);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return "sched_setattr(slice " + sliceNs + " ns) failed: errno " + ex.getErrorCode();
        }
    }
}
