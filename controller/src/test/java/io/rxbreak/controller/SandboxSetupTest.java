package io.rxbreak.controller;

import java.math.BigInteger;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.os.CpuSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * What {@code --sandbox-sysctl} and {@code --sandbox-rps} take, and the RPS mask in the kernel's bitmap form. Where
 * a sysctl turns out machine-wide (inside the namespace) is tested end to end in {@code ScenarioRunTest}.
 */
class SandboxSetupTest
{
    @Test
    void readsNameValuePairsInOrderAndACpuList()
    {
        final SandboxSetup setup = SandboxSetup.parse(List.of("net.ipv4.udp_rmem_min=8192", " net.core.somaxconn = 300 "),
            "0");
        assertThat(setup.sysctls()).containsExactly(entry("net.ipv4.udp_rmem_min", "8192"),
            entry("net.core.somaxconn", "300"));
        assertThat(setup.rpsCpus()).isEqualTo(CpuSet.of(0));
        assertThat(setup.isEmpty()).isFalse();
        assertThat(SandboxSetup.parse(List.of(), null).isEmpty()).isTrue();
    }

    @Test
    void refusesWhatIsNoSysctlOrNoOnlineCpu()
    {
        assertThatThrownBy(() -> SandboxSetup.parse(List.of("net.core.rmem_max"), null))
            .isInstanceOf(BadInputException.class)
            .hasMessage("--sandbox-sysctl: 'net.core.rmem_max' is not NAME=VALUE, like net.ipv4.udp_rmem_min=8192");
        assertThatThrownBy(() -> SandboxSetup.parse(List.of("../../etc/passwd=x"), null))
            .isInstanceOf(BadInputException.class).hasMessageStartingWith("--sandbox-sysctl: '../../etc/passwd=x' is not");
        assertThatThrownBy(() -> SandboxSetup.parse(List.of("net.core.no_such_knob=1"), null))
            .isInstanceOf(BadInputException.class)
            .hasMessage("--sandbox-sysctl: this kernel has no sysctl net.core.no_such_knob (no "
                + "/proc/sys/net/core/no_such_knob)");
        assertThatThrownBy(() -> SandboxSetup.parse(List.of("kernel.sched_rt_runtime_us=-1"), null))
            .as("writable inside a network namespace, yet the host's").isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("--sandbox-sysctl: kernel.sched_rt_runtime_us is not a network sysctl (net.*)");
        assertThatThrownBy(() -> SandboxSetup.parse(List.of(), "1023"))
            .isInstanceOf(BadInputException.class).hasMessageStartingWith("--sandbox-rps: 1023 names CPUs that are not online");
        assertThatThrownBy(() -> SandboxSetup.parse(List.of(), "one"))
            .isInstanceOf(BadInputException.class).hasMessageStartingWith("--sandbox-rps: 'one' is not a CPU list");
    }

    @Test
    void writesTheMaskAsTheKernelsBitmap()
    {
        assertThat(SandboxSetup.mask(CpuSet.of(1))).isEqualTo("2");
        assertThat(SandboxSetup.mask(CpuSet.of(0, 1, 2, 3))).isEqualTo("f");
        assertThat(SandboxSetup.mask(CpuSet.of(32))).isEqualTo("1,00000000");
        assertThat(SandboxSetup.mask(CpuSet.of(0, 40))).isEqualTo("100,00000001");
        assertThat(SandboxSetup.maskValue("00000002")).isEqualTo(BigInteger.TWO);
        assertThat(SandboxSetup.maskValue("100,00000001")).isEqualTo(BigInteger.ONE.shiftLeft(40).add(BigInteger.ONE));
    }
}
