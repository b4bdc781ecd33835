package io.rxbreak.core.counters.cli;

import java.nio.file.Path;

import io.rxbreak.testsupport.Fixtures;

/**
 * A capture laid out from fixture files, as {@code cp --parents} would make it: {@code DIR/proc/...} and
 * {@code DIR/sys/...}.
 */
final class FixtureRoots
{
    private FixtureRoots()
    {
    }

    static Path write(final Path dir, final String softnet, final String snmp, final String udp, final String rxDropped)
    {
        Fixtures.copy(dir, "proc/net/softnet_stat", "/fixtures/softnet_stat/" + softnet);
        Fixtures.copy(dir, "proc/net/snmp", "/fixtures/snmp/" + snmp);
        Fixtures.copy(dir, "proc/net/udp", "/fixtures/udp/" + udp);
        Fixtures.copy(dir, "proc/net/udp6", "/fixtures/udp/udp6-kernel-format.txt");
        Fixtures.copy(dir, "proc/net/dev", "/fixtures/dev/kernel-format-veth.txt");
        Fixtures.copy(dir, "proc/net/igmp", "/fixtures/igmp/igmp-real-with-group.txt");
        Fixtures.write(dir, "proc/sys/net/core/rmem_max", "4194304\n");
        Fixtures.write(dir, "proc/sys/net/ipv4/udp_mem", "575796\t767731\t1151592\n");
        Fixtures.write(dir, "sys/class/net/eth0/statistics/rx_dropped", rxDropped + "\n");
        Fixtures.write(dir, "sys/class/net/eth0/statistics/rx_missed_errors", "0\n");
        Fixtures.write(dir, "sys/class/net/eth0/queues/rx-0/rps_cpus", "2\n");
        return dir;
    }
}
