package io.rxbreak.core.os;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuSetTest
{
    @Test
    void parsesAndWritesCpuListsAsLinuxDoes()
    {
        final CpuSet cpus = CpuSet.parse("0-3, 6,8-9", "--x");

        assertThat(cpus.toString()).isEqualTo("0-3,6,8-9");
        assertThat(cpus.size()).isEqualTo(7);
        assertThat(cpus.first()).isZero();
        assertThat(cpus.last()).isEqualTo(9);
        assertThat(cpus.minus(CpuSet.of(1, 2, 9)).toString()).isEqualTo("0,3,6,8");
        assertThat(cpus.and(CpuSet.of(6, 7)).toString()).isEqualTo("6");
        assertThat(CpuSet.of(6).isSubsetOf(cpus)).isTrue();
        assertThat(cpus.intersects(CpuSet.of(4, 5))).isFalse();
        assertThat(CpuSet.fromMask(cpus.toMask())).isEqualTo(cpus);
    }

    @Test
    void badListsNameTheOption()
    {
        assertThatThrownBy(() -> CpuSet.parse("3-1", "--receiver-cpus")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("--receiver-cpus").hasMessageContaining("backwards");
        assertThatThrownBy(() -> CpuSet.parse("a", "--sender-cpus")).hasMessageContaining("not a CPU number");
        assertThatThrownBy(() -> CpuSet.parse(",", "--sender-cpus")).hasMessageContaining("names no CPU");
        assertThatThrownBy(() -> CpuSet.parse("5000", "--sender-cpus")).hasMessageContaining("out of range");
    }

    @Test
    void theOnlineCpusIncludeThisProcesssOwn()
    {
        final CpuSet own = Threads.affinity(0);

        assertThat(own).isNotNull();
        assertThat(own.isSubsetOf(CpuSet.online())).isTrue();
    }
}
