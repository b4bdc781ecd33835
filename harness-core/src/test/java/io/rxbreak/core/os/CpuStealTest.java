package io.rxbreak.core.os;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CpuStealTest
{
    @TempDir
    Path dir;

    @Test
    void addsUpTheStealTicksOfTheGivenCpus() throws Exception
    {
        final Path stat = dir.resolve("stat");
        Files.writeString(stat, """
            cpu  1000 0 2000 90000 10 0 50 123 0 0
            cpu0 500 0 1000 45000 5 0 25 23 0 0
            cpu1 500 0 1000 45000 5 0 25 100 0 0
            intr 12345 0 0
            ctxt 999
            """);

        assertThat(CpuSteal.stealNs(stat, CpuSet.of(1))).isEqualTo(100 * CpuSteal.NS_PER_TICK);
        assertThat(CpuSteal.stealNs(stat, CpuSet.of(0, 1))).isEqualTo(123 * CpuSteal.NS_PER_TICK);
        assertThat(CpuSteal.stealNs(stat, CpuSet.of(7))).isZero();
        assertThat(CpuSteal.stealNs(dir.resolve("missing"), CpuSet.of(0))).isEqualTo(-1);
        assertThat(CpuSteal.stealNs(CpuSteal.PROC_STAT, CpuSet.online())).isNotNegative();
    }
}
