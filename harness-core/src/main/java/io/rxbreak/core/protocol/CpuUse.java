package io.rxbreak.core.protocol;

/**
 * CPU time over a trial, from the scheduler's own accounting ({@code /proc/PID/task/TID/schedstat}).
 *
 * @param onCpuNs time spent running.
 * @param runQueueWaitNs time spent runnable but waiting for a CPU.
 */
public record CpuUse(long onCpuNs, long runQueueWaitNs)
{
    /** Nothing used. */
    public static final CpuUse NONE = new CpuUse(0, 0);
}
