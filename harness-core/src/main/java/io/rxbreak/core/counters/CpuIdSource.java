package io.rxbreak.core.counters;

/**
 * Where a softnet_stat row's CPU id came from.
 */
public enum CpuIdSource
{
    /** Column 13 (kernels from 5.10): the CPU index the kernel printed. */
    CPU_COLUMN,
    /** No CPU column: the row number, which is not the CPU id when a CPU is offline. */
    ROW_NUMBER
}
