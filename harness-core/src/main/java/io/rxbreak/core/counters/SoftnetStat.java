package io.rxbreak.core.counters;

import java.util.List;

/**
 * A snapshot of {@code /proc/net/softnet_stat}: one row per online CPU. The file is machine-wide, not per
 * network namespace.
 *
 * @param cpus the rows, in file order.
 * @param columns the number of columns per row the kernel printed (9, 10, 11, 13 and 15 are known).
 * @param cpuIdSource whether CPU ids come from column 13 or from the row number.
 */
public record SoftnetStat(List<SoftnetCpu> cpus, int columns, CpuIdSource cpuIdSource)
{
    public SoftnetStat
    {
        cpus = List.copyOf(cpus);
    }

    /**
     * @param cpu a CPU id.
     * @return its row, or null when absent.
     */
    public SoftnetCpu cpu(final int cpu)
    {
        for (final SoftnetCpu row : cpus)
        {
            if (row.cpu() == cpu)
            {
                return row;
            }
        }
        return null;
    }
}
