package io.rxbreak.sender.schedule;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest
{
    private static final long MS = 1_000_000L;

    @Test
    void constantIsExactWithoutDriftEvenFarOut()
    {
        final Random random = new Random(20261125L);
        for (final long rate : new long[] {1, 3, 7, 10_000, 99_991, 250_000, 1_000_000, 999_999_937L})
        {
            final ConstantSchedule schedule = new ConstantSchedule(rate);
            for (int k = 0; k < 2_000; k++)
            {
                // up to a million seconds (11.6 days) of messages at this rate
                final long index = k < 1_000 ? k : Math.floorMod(random.nextLong(), rate * 1_000_000L);
                final long expected = BigInteger.valueOf(index).multiply(BigInteger.valueOf(1_000_000_000L))
                    .divide(BigInteger.valueOf(rate)).longValueExact();
                assertThat(schedule.offsetNs(index)).as("rate %d index %d", rate, index).isEqualTo(expected);
            }
            assertThat(schedule.offsetNs(rate * 3600)).isEqualTo(3600L * 1_000_000_000L);
            assertThat(schedule.countBefore(1_000_000_000L)).isEqualTo(rate);
        }
    }

    @Test
    void burstSendsNBackToBackEveryPeriod()
    {
        final BurstSchedule schedule = new BurstSchedule(64, MS);
        for (long i = 0; i < 64 * 100; i++)
        {
            assertThat(schedule.offsetNs(i)).isEqualTo((i / 64) * MS);
        }
        assertThat(schedule.targetRatePerSecond()).isEqualTo(64_000.0);
        assertThat(schedule.countBefore(MS)).isEqualTo(64);
        assertThat(schedule.countBefore(MS + 1)).isEqualTo(128);
    }

    @Test
    void onOffSendsAtTheRateDuringOnAndNothingDuringOff()
    {
        final OnOffSchedule schedule = new OnOffSchedule(1_000, 10 * MS, 40 * MS);
        assertThat(schedule.messagesPerWindow()).isEqualTo(10);
        for (long i = 0; i < 1_000; i++)
        {
            assertThat(schedule.offsetNs(i)).isEqualTo((i / 10) * 50 * MS + (i % 10) * MS);
        }
        assertThat(schedule.targetRatePerSecond()).isEqualTo(200.0);
        // a window that is not a whole number of intervals: messages due at 0, 0.3, 0.6, 0.9 ms of a 1 ms window
        final OnOffSchedule odd = new OnOffSchedule(3_333, MS, MS);
        assertThat(odd.messagesPerWindow()).isEqualTo(4);
        assertThat(odd.offsetNs(4)).isEqualTo(2 * MS);
    }

    @Test
    void stepsRunEachRateForItsDurationThenEnd()
    {
        final StepsSchedule schedule = new StepsSchedule(List.of(
            new StepsSchedule.Step(1_000, 10 * MS), new StepsSchedule.Step(2_000, 5 * MS), new StepsSchedule.Step(1, MS)));
        assertThat(schedule.totalMessages()).isEqualTo(10 + 10 + 1);
        for (long i = 0; i < 10; i++)
        {
            assertThat(schedule.offsetNs(i)).isEqualTo(i * MS);
        }
        for (long i = 10; i < 20; i++)
        {
            assertThat(schedule.offsetNs(i)).isEqualTo(10 * MS + (i - 10) * MS / 2);
        }
        assertThat(schedule.offsetNs(20)).isEqualTo(15 * MS);
        assertThat(schedule.offsetNs(21)).isEqualTo(Schedule.END);
        assertThat(schedule.endOffsetNs()).isEqualTo(16 * MS);
        assertThat(schedule.describe()).isEqualTo("steps:1000@10ms,2000@5ms,1@1ms");
    }

    @Test
    void playbackReplaysTheFileLineByLine(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("trace.csv");
        Files.writeString(file, "offset_ns,size\n# a comment\n0,64\n1000,64\n\n1000,1400\n2500000,32\n");
        final Schedule schedule = PatternParser.parse("playback:" + file, null);
        assertThat(List.of(schedule.offsetNs(0), schedule.offsetNs(1), schedule.offsetNs(2), schedule.offsetNs(3)))
            .containsExactly(0L, 1_000L, 1_000L, 2_500_000L);
        assertThat(schedule.offsetNs(4)).isEqualTo(Schedule.END);
        assertThat(schedule.messageLength(2, 64)).isEqualTo(1400);
        assertThat(schedule.variableLength()).isTrue();
        assertThat(schedule.maxMessageLength(64)).isEqualTo(1400);
        assertThat(schedule.destinationCount()).as("no group named: round robin").isZero();
    }

    @Test
    void malformedPlaybackFilesNameFileAndLine(@TempDir final Path dir) throws Exception
    {
        final Path decreasing = dir.resolve("decreasing.csv");
        Files.writeString(decreasing, "0,64\n2000,64\n1000,64\n");
        assertThatThrownBy(() -> PatternParser.parse("playback:" + decreasing, null))
            .isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(decreasing + ":3: ");
        final Path tooSmall = dir.resolve("small.csv");
        Files.writeString(tooSmall, "0,8\n");
        assertThatThrownBy(() -> PatternParser.parse("replay:" + tooSmall, null)).hasMessageStartingWith(tooSmall + ":1: ");
        assertThatThrownBy(() -> PatternParser.parse("playback:" + dir.resolve("missing.csv"), null))
            .isInstanceOf(BadInputException.class).hasMessageContaining("missing.csv");
        final Path named = dir.resolve("named.csv");
        Files.writeString(named, "0,239.1.1.1:5000,64\n");
        assertThatThrownBy(() -> PatternParser.parse("replay:" + named, null))
            .hasMessage("--pattern: " + named + " names its groups: replay it with 'rxbreak send --pattern replay:" +
                named + "'");
    }

    @Test
    void patternsParseAndBadOnesNameTheOption()
    {
        assertThat(PatternParser.parse(null, null).describe()).isEqualTo("constant 10000/s");
        assertThat(PatternParser.parse("constant", "250k").targetRatePerSecond()).isEqualTo(250_000.0);
        assertThat(PatternParser.parse(null, "max").isMaxRate()).isTrue();
        assertThat(PatternParser.parse("burst:64/1ms", null).describe()).isEqualTo("burst:64/1ms");
        assertThat(PatternParser.parse("onoff:100ms/900ms", "10000").targetRatePerSecond()).isEqualTo(1_000.0);
        assertThat(PatternParser.parse("steps:1000@1s,2k@2s", null).targetRatePerSecond()).isEqualTo(5_000.0 / 3);

        assertThatThrownBy(() -> PatternParser.parse(null, "0")).hasMessageStartingWith("--rate: the rate must be more than 0");
        assertThatThrownBy(() -> PatternParser.parse(null, "-5")).hasMessageStartingWith("--rate:");
        assertThatThrownBy(() -> PatternParser.parse(null, "fast")).hasMessageStartingWith("--rate: 'fast' is not a rate");
        assertThatThrownBy(() -> PatternParser.parse("burst:64/1ms", "1000")).hasMessageStartingWith("--rate: not used");
        assertThatThrownBy(() -> PatternParser.parse("burst:64", null)).hasMessageStartingWith("--pattern: burst needs N/PERIOD");
        assertThatThrownBy(() -> PatternParser.parse("burst:0/1ms", null)).hasMessageStartingWith("--pattern:");
        assertThatThrownBy(() -> PatternParser.parse("wave", null)).hasMessageStartingWith("--pattern: 'wave' is not a pattern");
        assertThatThrownBy(() -> PatternParser.parse("steps:1000", null)).hasMessageStartingWith("--pattern: a step is RATE@DURATION");
        assertThatThrownBy(() -> PatternParser.parse("onoff:1ms/1ms", "max")).hasMessageStartingWith("--rate: max works only");
    }

    @Test
    void eachScheduleAcceptsTheSmallestValidArgumentsAndRejectsOneLess()
    {
        assertThat(new ConstantSchedule(1).offsetNs(1)).isEqualTo(1_000_000_000L);
        assertThat(new ConstantSchedule(ConstantSchedule.MAX_RATE_PER_SECOND).targetRatePerSecond())
            .isEqualTo((double)ConstantSchedule.MAX_RATE_PER_SECOND);
        assertThatThrownBy(() -> new ConstantSchedule(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConstantSchedule(ConstantSchedule.MAX_RATE_PER_SECOND + 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BurstSchedule(1, 1).offsetNs(5)).isEqualTo(5);
        assertThatThrownBy(() -> new BurstSchedule(0, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BurstSchedule(1, 0)).isInstanceOf(IllegalArgumentException.class);
        final OnOffSchedule noPause = new OnOffSchedule(1_000, 1, 0);
        assertThat(noPause.messagesPerWindow()).isEqualTo(1);
        assertThat(noPause.offsetNs(3)).isEqualTo(3);
        assertThatThrownBy(() -> new OnOffSchedule(1_000, 0, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnOffSchedule(1_000, MS, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StepsSchedule(List.of(new StepsSchedule.Step(1_000, 1))).totalMessages()).isEqualTo(1);
        assertThatThrownBy(() -> new StepsSchedule(List.of(new StepsSchedule.Step(1_000, 0))))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepsSchedule(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** 3,333/s over 1 ms is due at 0, 0.3, 0.6 and 0.9 ms: the next step starts at 1 ms, not at 1.2. */
    @Test
    void aStepThatIsNotAWholeNumberOfIntervalsHandsOverAtItsEnd()
    {
        final StepsSchedule schedule = new StepsSchedule(List.of(
            new StepsSchedule.Step(3_333, MS), new StepsSchedule.Step(1_000, 2 * MS)));
        assertThat(schedule.totalMessages()).isEqualTo(4 + 2);
        assertThat(schedule.offsetNs(3)).isEqualTo(3 * 1_000_000_000L / 3_333);
        assertThat(schedule.offsetNs(4)).isEqualTo(MS);
        assertThat(schedule.offsetNs(5)).isEqualTo(2 * MS);
        assertThat(schedule.totalNs()).isEqualTo(3 * MS);
        assertThat(schedule.endOffsetNs()).isEqualTo(3 * MS);
        assertThat(schedule.countBefore(MS + 1)).isEqualTo(5);
    }

    @Test
    void anUnpacedScheduleSendsAtOnceAndPacedOnesKeepTheDefaults()
    {
        final Schedule max = PatternParser.parse(null, "max");
        assertThat(max.countBefore(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(max.offsetNs(1_000)).isZero();
        assertThat(max.targetRatePerSecond()).isNaN();
        assertThat(max.describe()).isEqualTo("max");
        final Schedule constant = new ConstantSchedule(1_000);
        assertThat(constant.isMaxRate()).isFalse();
        assertThat(constant.messageLength(7, 512)).isEqualTo(512);
        assertThat(constant.maxMessageLength(512)).isEqualTo(512);
        assertThat(constant.variableLength()).isFalse();
        assertThat(constant.endOffsetNs()).isEqualTo(Schedule.END);
        assertThat(constant.destinationCount()).isZero();
        assertThat(new BurstSchedule(1, 1).countBefore(Long.MAX_VALUE)).as("more than can be counted")
            .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onOffDescribesItselfAsTypedAndTakesAWindowOfOneMessage()
    {
        assertThat(PatternParser.parse("onoff:100ms/900ms", "10000").describe()).isEqualTo("onoff:100ms/900ms at 10000/s");
        final Schedule single = PatternParser.parse("onoff:1ms/9ms", "1000");
        assertThat(((OnOffSchedule)single).messagesPerWindow()).isEqualTo(1);
        assertThat(single.offsetNs(2)).isEqualTo(20 * MS);
        assertThat(single.targetRatePerSecond()).isEqualTo(100.0);
    }

}
