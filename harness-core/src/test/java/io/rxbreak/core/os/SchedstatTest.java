package io.rxbreak.core.os;

import java.nio.file.Path;
import java.util.List;

import io.rxbreak.core.protocol.CpuUse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedstatTest
{
    @Test
    void parsesTheThreeFieldsAndDiffsThem()
    {
        final Schedstat before = Schedstat.parse("1000 200 3\n");
        final Schedstat after = Schedstat.parse("5000 700 9");

        assertThat(after.since(before)).isEqualTo(new Schedstat(4000, 500, 6));
        assertThat(before.since(after)).isEqualTo(Schedstat.ZERO);
        assertThat(before.plus(after)).isEqualTo(new Schedstat(6000, 900, 12));
        assertThatThrownBy(() -> Schedstat.parse("12 34")).hasMessageContaining("three numbers");
    }

    @Test
    void aBusyThreadIsSeenOnTheCpu() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        final int tid = Threads.currentTid();
        final ThreadGroupClock mine = ThreadGroupClock.of(pid, List.of(tid));
        final ThreadGroupClock others = ThreadGroupClock.allBut(pid, List.of(tid));
        mine.start();
        others.start();
        final long endNs = System.nanoTime() + 50_000_000L;
        long spins = 0;
        while (System.nanoTime() < endNs)
        {
            spins++;
        }
        final CpuUse used = mine.stop();

        assertThat(spins).isPositive();
        assertThat(used.stealNs()).as("the steal time of the thread's CPUs").isNotNull().isNotNegative();
        // a spinning thread is runnable all along: its 50 ms were on a CPU, waiting for one, or taken by the
        // hypervisor (steal, counted over every CPU it may run on, so at least its own); how they split depends on
        // the host's load (13 ms on the CPU was seen on a busy VM), their sum does not
        assertThat(used.onCpuNs()).isPositive().isLessThanOrEqualTo(60_000_000L);
        assertThat(used.onCpuNs() + used.runQueueWaitNs() + used.stealNs()).as(used.toString())
            .isGreaterThan(40_000_000L);
        assertThat(others.stop()).isNotNull();
        assertThat(Schedstat.ofProcess(Path.of("/proc"), pid).onCpuNs()).isGreaterThanOrEqualTo(used.onCpuNs());
        assertThat(Schedstat.ofThread(Path.of("/proc"), pid, Integer.MAX_VALUE)).isNull();
    }
}
