package io.rxbreak.core.counters;

/**
 * One CPU's row of {@code /proc/net/softnet_stat}. Counters are u32 that wrap; a field the kernel did not print
 * (too few columns) is {@link #ABSENT}. {@code backlogLen}, {@code inputQueueLen} and {@code processQueueLen} are
 * gauges (lengths now), not counters.
 *
 * @param cpu the CPU id (see {@link SoftnetStat#cpuIdSource()}).
 * @param processed column 1: packets processed by the softirq.
 * @param dropped column 2: dropped because the backlog was over {@code netdev_max_backlog} or the flow limit.
 * @param timeSqueeze column 3: the poll ran out of budget or time with work left (not a loss by itself).
 * @param cpuCollision column 9: always 0 on current kernels.
 * @param receivedRps column 10: RPS inter-processor interrupts received, or {@link #ABSENT}.
 * @param flowLimitCount column 11: drops by the flow limit, or {@link #ABSENT}.
 * @param backlogLen column 12: gauge, backlog length now, or {@link #ABSENT}.
 * @param inputQueueLen column 14: gauge, input_pkt_queue length now, or {@link #ABSENT}.
 * @param processQueueLen column 15: gauge, process_queue length now, or {@link #ABSENT}.
 */
public record SoftnetCpu(
    int cpu,
    long processed,
    long dropped,
    long timeSqueeze,
    long cpuCollision,
    long receivedRps,
    long flowLimitCount,
    long backlogLen,
    long inputQueueLen,
    long processQueueLen)
{
    /** A value the kernel did not provide. */
    public static final long ABSENT = -1;
}
