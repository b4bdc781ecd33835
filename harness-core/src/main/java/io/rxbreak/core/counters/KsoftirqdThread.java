package io.rxbreak.core.counters;

/**
 * One CPU's {@code ksoftirqd/N} kernel thread and its CPU accounting, cumulative since boot. When a CPU's softirq
 * work overflows what it may do right after an interrupt, the rest is handed to this thread, an ordinary
 * scheduled thread: when it waits long for the CPU (the posts' "ksoftirqd cannot get CPU time") the backlog and
 * the NIC ring fill.
 *
 * @param cpu the CPU the thread serves (N in its name).
 * @param pid its process id.
 * @param onCpuNs time it ran: {@code /proc/PID/schedstat} field 1, or utime+stime of {@code /proc/PID/stat}
 *     (clock ticks of 10 ms) when the kernel keeps no schedstat.
 * @param runQueueWaitNs time it was runnable but waited for the CPU ({@code schedstat} field 2), or
 *     {@link SoftnetCpu#ABSENT} when only {@code stat} was readable.
 */
public record KsoftirqdThread(int cpu, long pid, long onCpuNs, long runQueueWaitNs)
{
}
