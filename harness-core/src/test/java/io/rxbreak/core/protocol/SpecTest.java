package io.rxbreak.core.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.Layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spec types both sides read: what they parse to, what they tell the controller, and errors that name the
 * option (exit code 2) exactly as the sender and the receiver always said them.
 */
class SpecTest
{
    @Test
    void patternsParseToTheirDescription()
    {
        assertThat(PatternSpec.parse(null)).isEqualTo(PatternSpec.CONSTANT);
        assertThat(PatternSpec.parse(" constant ")).isEqualTo(PatternSpec.CONSTANT);
        assertThat(PatternSpec.parse("burst:64/1ms"))
            .isEqualTo(new PatternSpec(PatternSpec.Kind.BURST, 64, 1_000_000, 0, 0, List.of(), null));
        assertThat(PatternSpec.parse("onoff:100ms/0s"))
            .isEqualTo(new PatternSpec(PatternSpec.Kind.ONOFF, 0, 0, 100_000_000, 0, List.of(), null));
        assertThat(PatternSpec.parse("steps:1000@1s,2k@2s").steps()).containsExactly(
            new PatternSpec.Step(1_000, 1_000_000_000L), new PatternSpec.Step(2_000, 2_000_000_000L));
        assertThat(PatternSpec.parse("playback:/nowhere/x.csv").file()).as("named, not read")
            .isEqualTo("/nowhere/x.csv");
    }

    @Test
    void aPatternTellsWhetherItsLoadIsSteadyAndWhetherItSetsItsOwnRate()
    {
        assertThat(PatternSpec.parse(null).steadyLoad()).isTrue();
        assertThat(PatternSpec.parse("burst:100/10ms").steadyLoad()).isTrue();
        assertThat(PatternSpec.parse("onoff:1ms/1ms").steadyLoad()).isFalse();
        assertThat(PatternSpec.parse("steps:1000@1s").steadyLoad()).isFalse();
        assertThat(PatternSpec.parse("playback:x.csv").steadyLoad()).isFalse();
        assertThat(PatternSpec.parse(null).setsOwnRate()).isFalse();
        assertThat(PatternSpec.parse("onoff:1ms/1ms").setsOwnRate()).isFalse();
        assertThat(PatternSpec.parse("burst:100/10ms").setsOwnRate()).isTrue();
        assertThat(PatternSpec.Kind.of("STEPS:anything")).isEqualTo(PatternSpec.Kind.STEPS);
    }

    @Test
    void badPatternsNameTheOption()
    {
        assertThatThrownBy(() -> PatternSpec.parse("wave")).isInstanceOf(BadInputException.class)
            .hasMessage("--pattern: 'wave' is not a pattern: use constant, burst:N/PERIOD, onoff:ON/OFF, "
                + "steps:RATE@DURATION,... or replay:FILE");
        assertThatThrownBy(() -> PatternSpec.parse("burst:64")).hasMessage(
            "--pattern: burst needs N/PERIOD, like burst:64/1ms, not 'burst:64'");
        assertThatThrownBy(() -> PatternSpec.parse("burst:0/1ms")).hasMessage(
            "--pattern: burst size N must be at least 1, not 0");
        assertThatThrownBy(() -> PatternSpec.parse("onoff:0s/1s")).hasMessage(
            "--pattern: onoff ON must be more than 0, not 0s");
        assertThatThrownBy(() -> PatternSpec.parse("steps:1000")).hasMessage(
            "--pattern: a step is RATE@DURATION, like 10000@5s, not '1000'");
        assertThatThrownBy(() -> PatternSpec.parse("steps:0@1s")).hasMessageStartingWith(
            "--pattern: the rate must be more than 0");
        assertThatThrownBy(() -> PatternSpec.parse("playback: ")).hasMessage(
            "--pattern: playback needs a file: playback:FILE");
        assertThatThrownBy(() -> PatternSpec.parseRate("--rate", "fast")).hasMessageStartingWith(
            "--rate: 'fast' is not a rate");
    }

    @Test
    void aThrottleTellsWhereItsBacklogBuilds()
    {
        assertThat(ThrottleSpec.parse("queue:500:100us:drop").backlogLayer()).isEqualTo(Layer.APPLICATION);
        assertThat(ThrottleSpec.parse("queue:500:100us:block").backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(ThrottleSpec.parse("rate:20000").backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(ThrottleSpec.parse("none").backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(ThrottleSpec.parse("stall:50ms/1s").backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(ThrottleSpec.parse("cost:5us").backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
    }

    @Test
    void aBadThrottleNamesTheOption()
    {
        assertThatThrownBy(() -> ThrottleSpec.parse("sometimes")).isInstanceOf(BadInputException.class)
            .hasMessage("--throttle: 'sometimes': unknown throttle 'sometimes'; expected none, "
                + "cost:DURATION[:fixed|uniform|exponential], rate:N, stall:PAUSE/PERIOD[:random] or "
                + "queue:CAPACITY:COST:drop|block");
    }
}
