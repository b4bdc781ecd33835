package io.rxbreak.core.counters;

import java.util.List;

/**
 * The network rows of {@code /proc/softirqs} (machine-wide): per CPU, how many NET_RX and NET_TX softirqs ran.
 * A CPU whose NET_RX count climbs while its softnet {@code time_squeeze} climbs too is the one short of time.
 *
 * @param cpus one entry per CPU column, in header order.
 */
public record Softirqs(List<SoftirqCpu> cpus)
{
    public Softirqs
    {
        cpus = List.copyOf(cpus);
    }
}
