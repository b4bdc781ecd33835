package io.rxbreak.core.counters;

/**
 * One CPU's column of the network rows of {@code /proc/softirqs}: how many times the NET_RX and NET_TX softirqs
 * ran on it. Both are u32 that wrap (the kernel prints {@code %10u}).
 *
 * @param cpu the CPU id, from the header ({@code CPU1}).
 * @param netRx NET_RX softirqs run on that CPU.
 * @param netTx NET_TX softirqs run on that CPU, or {@link SoftnetCpu#ABSENT} when the file has no NET_TX row.
 */
public record SoftirqCpu(int cpu, long netRx, long netTx)
{
}
