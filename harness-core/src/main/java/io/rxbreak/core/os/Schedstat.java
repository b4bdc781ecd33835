package io.rxbreak.core.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The scheduler's accounting of one thread or a whole process ({@code /proc/PID/task/TID/schedstat}): time on a
 * CPU, time spent runnable but waiting for one (the run queue), and the time slices it got. Cumulative since the
 * thread started; the difference of two readings says what happened between them.
 *
 * @param onCpuNs time spent running.
 * @param runQueueWaitNs time spent runnable, waiting for a CPU.
 * @param timeslices how many times it was given a CPU.
 */
public record Schedstat(long onCpuNs, long runQueueWaitNs, long timeslices)
{
    /** Nothing yet. */
    public static final Schedstat ZERO = new Schedstat(0, 0, 0);

    /**
     * @param other another reading.
     * @return the sum.
     */
    public Schedstat plus(final Schedstat other)
    {
        return new Schedstat(onCpuNs + other.onCpuNs, runQueueWaitNs + other.runQueueWaitNs,
            timeslices + other.timeslices);
    }

    /**
     * @param earlier a reading taken before this one.
     * @return what happened between the two (never negative: a thread that ended takes its figures with it).
     */
    public Schedstat since(final Schedstat earlier)
    {
        return new Schedstat(Math.max(0, onCpuNs - earlier.onCpuNs),
            Math.max(0, runQueueWaitNs - earlier.runQueueWaitNs), Math.max(0, timeslices - earlier.timeslices));
    }

    /**
     * @param procRoot where /proc is.
     * @param pid a process.
     * @param tid one of its threads.
     * @return its accounting, or null when the thread is gone or the kernel keeps none (no schedstats).
     */
    public static Schedstat ofThread(final Path procRoot, final long pid, final long tid)
    {
        final Path file = procRoot.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid))
            .resolve("schedstat");
        try
        {
            return parse(Files.readString(file));
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * @param procRoot where /proc is.
     * @param pid a process.
     * @return the sum over its live threads, or null when it is gone.
     */
    public static Schedstat ofProcess(final Path procRoot, final long pid)
    {
        Schedstat total = null;
        for (final int tid : Threads.tasks(procRoot, pid))
        {
            final Schedstat thread = ofThread(procRoot, pid, tid);
            if (thread != null)
            {
                total = total == null ? thread : total.plus(thread);
            }
        }
        return total;
    }

    /**
     * @param text the file's content: three numbers.
     * @return the reading.
     * @throws IllegalArgumentException when it is not three numbers.
     */
    public static Schedstat parse(final String text)
    {
        final String[] fields = text.trim().split("\\s+");
        if (fields.length < 3)
        {
            throw new IllegalArgumentException("a schedstat line has three numbers, not '" + text.trim() + "'");
        }
        return new Schedstat(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }
}
