package io.rxbreak.core.protocol;

/**
 * CPU time over a trial, from the scheduler's own accounting ({@code /proc/PID/task/TID/schedstat}).
 *
 * @param onCpuNs time spent running.
 * @param runQueueWaitNs time spent runnable but waiting for a CPU.
 * @param stealNs the steal time of the CPUs the threads may run on, added up over those CPUs ({@code /proc/stat},
 *     10 ms resolution): how long a hypervisor kept them from running; null when unknown.
 */
public record CpuUse(long onCpuNs, long runQueueWaitNs, Long stealNs)
{
    /** Nothing used. */
    public static final CpuUse NONE = new CpuUse(0, 0);

    /**
     * @param onCpuNs time spent running.
     * @param runQueueWaitNs time spent runnable but waiting for a CPU.
     */
    public CpuUse(final long onCpuNs, final long runQueueWaitNs)
    {
        this(onCpuNs, runQueueWaitNs, null);
    }
}
