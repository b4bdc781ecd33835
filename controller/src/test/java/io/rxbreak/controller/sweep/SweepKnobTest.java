package io.rxbreak.controller.sweep;

import java.util.List;

import io.rxbreak.core.config.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code KNOB=V1,V2,...}: every knob, its values as numbers where they are, the ramp options of each point, the
 * folder names, and one clear line for each thing that cannot be swept.
 */
class SweepKnobTest
{
    @Test
    void sizesAreBytesAndEachPointAddsTheKnobsOption()
    {
        final SweepKnob knob = SweepKnob.parse("rcvbuf=208KiB, 1MiB,4MiB", false);

        assertThat(knob.kind()).isEqualTo(SweepKnob.Kind.RCVBUF);
        assertThat(knob.values()).extracting(SweepValue::text).containsExactly("208KiB", "1MiB", "4MiB");
        assertThat(knob.values()).extracting(SweepValue::numeric).containsExactly(212_992.0, 1_048_576.0, 4_194_304.0);
        assertThat(knob.numeric()).isTrue();
        assertThat(knob.rampArgs(knob.values().get(1), List.of("--throttle", "stall:5ms/100ms")))
            .containsExactly("--throttle", "stall:5ms/100ms", "--rcvbuf", "1MiB");
        assertThat(knob.folderName(knob.values().get(2))).isEqualTo("rcvbuf=4MiB");
        assertThat(SweepKnob.parse("size=64,1400", false).values()).extracting(SweepValue::numeric)
            .containsExactly(64.0, 1400.0);
        assertThat(SweepKnob.parse("sockets=1,2,8", false).rampArgs(new SweepValue("8", 8.0), List.of()))
            .containsExactly("--sockets", "8");
        assertThat(SweepKnob.parse("busy-poll=0,50", false).rampArgs(new SweepValue("50", 50.0), List.of()))
            .containsExactly("--busy-poll", "50");
    }

    @Test
    void aThrottleIsAWholeSpecOrFillsThePlaceholder()
    {
        final SweepKnob specs = SweepKnob.parse("throttle=stall:5ms/100ms,rate:20000", false);
        assertThat(specs.numeric()).isFalse();
        assertThat(specs.rampArgs(specs.values().get(0), List.of("--rcvbuf", "1MiB")))
            .containsExactly("--rcvbuf", "1MiB", "--throttle", "stall:5ms/100ms");
        assertThat(specs.folderName(specs.values().get(0))).isEqualTo("throttle=stall_5ms_100ms");

        final List<String> template = List.of("--throttle", "stall:{}/100ms", "--sandbox");
        assertThat(SweepKnob.throttleTemplate(template)).isEqualTo("stall:{}/100ms");
        final SweepKnob pauses = SweepKnob.parse("throttle=5ms,10ms", true);
        assertThat(pauses.values()).extracting(SweepValue::numeric).containsExactly(5e6, 10e6);
        assertThat(pauses.rampArgs(pauses.values().get(1), template))
            .containsExactly("--throttle", "stall:10ms/100ms", "--sandbox");
        assertThat(pauses.rampArgs(pauses.values().get(0), List.of("--throttle=cost:{}")))
            .containsExactly("--throttle=cost:5ms");
    }

    @Test
    void aSysctlGoesIntoTheSandboxAndRpsListsAreSeparatedBySemicolons()
    {
        final SweepKnob sysctl = SweepKnob.parse("net.ipv4.udp_rmem_min=4096,65536", false);
        assertThat(sysctl.kind()).isEqualTo(SweepKnob.Kind.SYSCTL);
        assertThat(sysctl.rampArgs(sysctl.values().get(1), List.of("--sandbox")))
            .containsExactly("--sandbox", "--sandbox-sysctl", "net.ipv4.udp_rmem_min=65536");
        assertThat(sysctl.folderName(sysctl.values().get(0))).isEqualTo("net.ipv4.udp_rmem_min=4096");

        final SweepKnob rps = SweepKnob.parse("rps=1;0,1", false);
        assertThat(rps.values()).extracting(SweepValue::text).containsExactly("1", "0,1");
        assertThat(rps.values()).extracting(SweepValue::numeric).containsOnlyNulls();
        assertThat(rps.rampArgs(rps.values().get(1), List.of())).containsExactly("--sandbox-rps", "0,1");
    }

    @Test
    void eachProblemIsOneLineNamingTheKnob()
    {
        refused("rcvbuf", "KNOB 'rcvbuf' is not KNOB=V1,V2,...: give the knob first");
        refused("rcvbuf=4MiB", "KNOB rcvbuf: a sweep needs two values or more");
        refused("rcvbuf=4MiB,4MiB", "KNOB rcvbuf: '4MiB' is given twice");
        refused("rcvbuf=4MiB,,8MiB", "KNOB rcvbuf: an empty value");
        refused("rcvbuf=4MiB,lots", "KNOB rcvbuf: 'lots' is not a size");
        refused("sockets=1,two", "KNOB sockets: 'two' is not a whole number");
        refused("colour=red,blue", "KNOB unknown knob 'colour': rcvbuf, sockets, size, throttle, busy-poll, rps, or a "
            + "sysctl");
        refused("busy-poll=0,fast", "KNOB busy-poll: 'fast' is not a whole number");
    }

    private static void refused(final String text, final String start)
    {
        assertThatThrownBy(() -> SweepKnob.parse(text, false)).as(text).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(start).hasMessageNotContaining("\n");
    }
}
