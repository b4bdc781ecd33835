package io.rxbreak.controller.tune;

import java.nio.file.Path;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a tuning file takes: sysctl.d lines in every form systemd-sysctl reads, RPS and IRQ lines, and one clear line
 * naming the file and the line for anything else.
 */
class TuneFileTest
{
    private static final Path FILE = Path.of("tune.conf");

    private static TuningPlan parse(final String... lines)
    {
        return TuneFile.parse(FILE, List.of(lines));
    }

    @Test
    void readsSysctlDLinesInEveryForm()
    {
        final TuningPlan plan = parse(
            "# a comment",
            "; another",
            "",
            "net.core.rmem_max = 8388608",
            "net.ipv4.udp_rmem_min=8192",
            "  -net.core.busy_read =   50  ",
            "net/ipv4/udp_mem = 1 2  3",
            "net/ipv4/conf/eth0.100/rp_filter = 0");

        assertThat(plan.entries()).containsExactly(
            new TuneEntry(4, TuneKind.SYSCTL, "net.core.rmem_max", "8388608", false),
            new TuneEntry(5, TuneKind.SYSCTL, "net.ipv4.udp_rmem_min", "8192", false),
            new TuneEntry(6, TuneKind.SYSCTL, "net.core.busy_read", "50", true),
            new TuneEntry(7, TuneKind.SYSCTL, "net/ipv4/udp_mem", "1 2  3", false),
            new TuneEntry(8, TuneKind.SYSCTL, "net/ipv4/conf/eth0.100/rp_filter", "0", false));
        assertThat(plan.entries().get(3).sysctlFile()).isEqualTo(Path.of("/proc/sys/net/ipv4/udp_mem"));
        assertThat(plan.entries().get(3).sysctlName()).isEqualTo("net.ipv4.udp_mem");
        // a slashed name keeps the dot inside a component: the VLAN interface eth0.100
        assertThat(plan.entries().get(4).sysctlFile()).isEqualTo(Path.of("/proc/sys/net/ipv4/conf/eth0.100/rp_filter"));
        assertThat(plan.entries().get(0).isNetworkSysctl()).isTrue();
        assertThat(parse("vm.swappiness = 10").entries().get(0).isNetworkSysctl()).isFalse();
    }

    @Test
    void readsRpsAndIrqLines()
    {
        final TuningPlan plan = parse("rps lo = 0-1", "rps veth0 rx-0 = 1", "rps eth0 = off", "irq 34 = 1",
            "-irq eth0-rx-0 = 0,1");

        assertThat(plan.entries()).containsExactly(
            new TuneEntry(1, TuneKind.RPS, "lo", "0-1", false),
            new TuneEntry(2, TuneKind.RPS, "veth0 rx-0", "1", false),
            new TuneEntry(3, TuneKind.RPS, "eth0", "off", false),
            new TuneEntry(4, TuneKind.IRQ, "34", "1", false),
            new TuneEntry(5, TuneKind.IRQ, "eth0-rx-0", "0,1", true));
        assertThat(plan.hasIrq()).isTrue();
        assertThat(plan.entries().get(1).label()).isEqualTo("rps veth0 rx-0");
        assertThat(TuneValues.toKernel(TuneKind.RPS, "0-1")).isEqualTo("3");
        assertThat(TuneValues.toKernel(TuneKind.RPS, "off")).isEqualTo("0");
    }

    @Test
    void anyOtherLineIsOneErrorNamingTheFileTheLineAndWhatWasExpected()
    {
        assertThatThrownBy(() -> parse("# ok", "net.core.rmem_max 8388608"))
            .isInstanceOf(BadInputException.class)
            .hasMessage("--tune: tune.conf line 2: expected 'key = value', 'rps DEV [rx-N] = CPUS' or "
                + "'irq N|NAME = CPUS', not 'net.core.rmem_max 8388608'");
        assertThatThrownBy(() -> parse("net.core.rmem_max ="))
            .hasMessage("--tune: tune.conf line 1: expected a value after '=' for net.core.rmem_max");
        assertThatThrownBy(() -> parse("net.ipv4.conf.*.rp_filter = 0"))
            .hasMessage("--tune: tune.conf line 1: net.ipv4.conf.*.rp_filter: globs are not supported; name each key");
        assertThatThrownBy(() -> parse("net/../../etc/passwd = x"))
            .hasMessageStartingWith("--tune: tune.conf line 1: expected a sysctl name like net.core.rmem_max");
        assertThatThrownBy(() -> parse("rmem_max = 1"))
            .hasMessageStartingWith("--tune: tune.conf line 1: expected a sysctl name like net.core.rmem_max");
        assertThatThrownBy(() -> parse("rps lo rx0 = 1"))
            .hasMessage("--tune: tune.conf line 1: expected 'rps DEV = CPUS' or 'rps DEV rx-N = CPUS', not "
                + "'rps lo rx0 = 1'");
        assertThatThrownBy(() -> parse("rps lo = two"))
            .hasMessage("--tune: tune.conf line 1: expected a CPU list like 0-1,3 (or off), not 'two'");
        assertThatThrownBy(() -> parse("irq 34 = off"))
            .hasMessage("--tune: tune.conf line 1: expected a CPU list like 0-1,3, not 'off'");
        assertThatThrownBy(() -> parse("net core rmem_max = 1"))
            .hasMessage("--tune: tune.conf line 1: expected a sysctl name without spaces, or 'rps ...' or 'irq ...', "
                + "not 'net core rmem_max'");
    }

    @Test
    void readBackComparesNumbersAsNumbersMasksAsBitmapsAndCpuListsAsSets()
    {
        assertThat(TuneValues.matches(TuneKind.SYSCTL, "4096  87380 6291456", "4096\t87380\t6291456")).isTrue();
        assertThat(TuneValues.matches(TuneKind.SYSCTL, "0100", "100")).isTrue();
        assertThat(TuneValues.matches(TuneKind.SYSCTL, "5 6", "5")).isFalse();
        assertThat(TuneValues.matches(TuneKind.SYSCTL, "cubic", "cubic")).isTrue();
        assertThat(TuneValues.matches(TuneKind.RPS, "3", "00000003")).isTrue();
        assertThat(TuneValues.matches(TuneKind.RPS, "1,00000000", "00000001,00000000")).isTrue();
        assertThat(TuneValues.matches(TuneKind.RPS, "3", "1")).isFalse();
        assertThat(TuneValues.matches(TuneKind.IRQ, "0,1", "0-1")).isTrue();
        assertThat(TuneValues.matches(TuneKind.IRQ, "1", "0-1")).isFalse();
    }
}
