package io.rxbreak.core.counters;

/**
 * How one CPU's softnet counters moved between two snapshots (u32 wrap handled). Gauges hold the later value.
 *
 * @param cpu the CPU id.
 * @param processed packets processed.
 * @param dropped backlog drops.
 * @param timeSqueeze polls that ran out of budget or time.
 * @param receivedRps RPS interrupts received, or {@link SoftnetCpu#ABSENT}.
 * @param flowLimitCount flow-limit drops, or {@link SoftnetCpu#ABSENT}.
 * @param backlogLen gauge: the later backlog length, or {@link SoftnetCpu#ABSENT}.
 */
public record SoftnetCpuDelta(
    int cpu,
    long processed,
    long dropped,
    long timeSqueeze,
    long receivedRps,
    long flowLimitCount,
    long backlogLen)
{
    /**
     * @param before the earlier row of the same CPU.
     * @param after the later row.
     * @return the delta.
     */
    public static SoftnetCpuDelta between(final SoftnetCpu before, final SoftnetCpu after)
    {
        return new SoftnetCpuDelta(
            after.cpu(),
            U32.delta(before.processed(), after.processed()),
            U32.delta(before.dropped(), after.dropped()),
            U32.delta(before.timeSqueeze(), after.timeSqueeze()),
            deltaOrAbsent(before.receivedRps(), after.receivedRps()),
            deltaOrAbsent(before.flowLimitCount(), after.flowLimitCount()),
            after.backlogLen());
    }

    private static long deltaOrAbsent(final long before, final long after)
    {
        return before == SoftnetCpu.ABSENT || after == SoftnetCpu.ABSENT ? SoftnetCpu.ABSENT : U32.delta(before, after);
    }

    /**
     * @return whether any counter moved.
     */
    public boolean moved()
    {
        return processed != 0 || dropped != 0 || timeSqueeze != 0 || receivedRps > 0 || flowLimitCount > 0;
    }
}
