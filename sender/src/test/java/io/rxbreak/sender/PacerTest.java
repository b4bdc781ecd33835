package io.rxbreak.sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.sender.schedule.BurstSchedule;
import io.rxbreak.sender.schedule.ConstantSchedule;
import io.rxbreak.sender.schedule.OnOffSchedule;
import io.rxbreak.sender.schedule.PatternParser;
import io.rxbreak.sender.schedule.Schedule;
import io.rxbreak.sender.schedule.StepsSchedule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer driven by a clock the test moves: every message must go out at the first tick at or after its due
 * time, in batches of what is due, never early, never late, and the trial must end exactly as asked.
 */
class PacerTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000_000_000L;

    /** What a run of the pacer sent: per message, the clock time of the batch that carried it. */
    private static final class Run
    {
        final List<Long> sendTimes = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        Pacer.End end = Pacer.End.NONE;
        long endNs;
        long maxLagNs;
    }

    private static Run drive(final Pacer pacer, final long tickNs, final long limitNs)
    {
        final Run run = new Run();
        pacer.start(T0);
        for (long now = T0; now <= T0 + limitNs; now += tickNs)
        {
            final Pacer.End end = pacer.end(now);
            if (end != Pacer.End.NONE)
            {
                run.end = end;
                run.endNs = now - T0;
                return run;
            }
            final int due = pacer.due(now);
            if (due > 0)
            {
                run.maxLagNs = Math.max(run.maxLagNs, pacer.lagNs(now));
                for (int i = 0; i < due; i++)
                {
                    run.sendTimes.add(now - T0);
                }
                run.batchSizes.add(due);
                pacer.advance(due);
            }
        }
        return run;
    }

    private static void assertOnTime(final Run run, final Schedule schedule, final long tickNs)
    {
        for (int i = 0; i < run.sendTimes.size(); i++)
        {
            final long offsetNs = schedule.offsetNs(i);
            final long firstTickNs = (offsetNs + tickNs - 1) / tickNs * tickNs;
            assertThat(run.sendTimes.get(i)).as("message %d due at %d ns", i, offsetNs).isEqualTo(firstTickNs);
        }
    }

    @Test
    void constantSendsEachMessageAtItsTickForTheWholeDuration()
    {
        final ConstantSchedule schedule = new ConstantSchedule(100_000);
        final Run run = drive(new Pacer(schedule, Long.MAX_VALUE, 100 * MS, 1_024), 1_000, 200 * MS);
        assertThat(run.sendTimes).hasSize(10_000);
        assertOnTime(run, schedule, 1_000);
        assertThat(run.end).isEqualTo(Pacer.End.DURATION);
        assertThat(run.endNs).isEqualTo(100 * MS);
        assertThat(run.batchSizes).allMatch(size -> size == 1);
    }

    @Test
    void aCoarseClockBatchesWhatIsDueAndTheBatchIsBounded()
    {
        final ConstantSchedule schedule = new ConstantSchedule(1_000_000);
        final Run run = drive(new Pacer(schedule, 5_000, Schedule.END, 64), 100_000, 100 * MS);
        assertThat(run.sendTimes).hasSize(5_000);
        assertThat(run.end).isEqualTo(Pacer.End.COUNT);
        // 100 due per 100 us tick, but at most 64 a batch: the rest goes at the next tick, late, and the lag shows it
        assertThat(run.batchSizes).allMatch(size -> size <= 64);
        assertThat(run.maxLagNs).isGreaterThan(0);
        for (int i = 0; i < run.sendTimes.size(); i++)
        {
            assertThat(run.sendTimes.get(i)).isGreaterThanOrEqualTo(schedule.offsetNs(i));
        }
    }

    @Test
    void burstGoesOutAsOneBatchAtEachPeriodStart()
    {
        final BurstSchedule schedule = new BurstSchedule(50, MS);
        final Run run = drive(new Pacer(schedule, Long.MAX_VALUE, 20 * MS, 1_024), 10_000, 40 * MS);
        assertThat(run.sendTimes).hasSize(20 * 50);
        assertOnTime(run, schedule, 10_000);
        assertThat(run.batchSizes).hasSize(20).allMatch(size -> size == 50);
    }

    @Test
    void onOffIsSilentDuringOff()
    {
        final OnOffSchedule schedule = new OnOffSchedule(10_000, 5 * MS, 15 * MS);
        final Run run = drive(new Pacer(schedule, Long.MAX_VALUE, 100 * MS, 1_024), 1_000, 200 * MS);
        assertThat(run.sendTimes).hasSize(5 * 50);
        assertOnTime(run, schedule, 1_000);
        assertThat(run.sendTimes).allMatch(t -> t % (20 * MS) < 5 * MS);
    }

    @Test
    void stepsChangeRateAtEachStepAndEndWithTheLast()
    {
        final StepsSchedule schedule = new StepsSchedule(List.of(
            new StepsSchedule.Step(10_000, 10 * MS), new StepsSchedule.Step(50_000, 10 * MS)));
        final Run run = drive(new Pacer(schedule, Long.MAX_VALUE, Schedule.END, 1_024), 1_000, 100 * MS);
        assertThat(run.sendTimes).hasSize(100 + 500);
        assertOnTime(run, schedule, 1_000);
        assertThat(run.end).isEqualTo(Pacer.End.PATTERN);
        assertThat(run.sendTimes.stream().filter(t -> t < 10 * MS).count()).isEqualTo(100);
    }

    @Test
    void playbackReplaysTheTimeline(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("t.csv");
        Files.writeString(file, "0,64\n0,64\n1500,100\n7000000,64\n7000001,64\n");
        final Schedule schedule = PatternParser.parse("playback:" + file, null);
        final Run run = drive(new Pacer(schedule, Long.MAX_VALUE, Schedule.END, 1_024), 1_000, 100 * MS);
        assertThat(run.sendTimes).containsExactly(0L, 0L, 2_000L, 7_000_000L, 7_001_000L);
        assertThat(run.end).isEqualTo(Pacer.End.PATTERN);
    }

    @Test
    void countEndsAfterTheLastMessageAndDurationEndsOnTheClockEvenWhenBehind()
    {
        final ConstantSchedule schedule = new ConstantSchedule(1_000);
        final Run counted = drive(new Pacer(schedule, 10, Schedule.END, 1_024), 1_000, 100 * MS);
        assertThat(counted.sendTimes).hasSize(10);
        assertThat(counted.end).isEqualTo(Pacer.End.COUNT);
        assertThat(counted.endNs).isEqualTo(9 * MS + 1_000);

        // a sender that can only do one message per 2 ms tick at 1000/s falls behind and the duration cuts it off
        final Pacer slow = new Pacer(schedule, Long.MAX_VALUE, 20 * MS, 1);
        final Run behind = drive(slow, 2 * MS, 100 * MS);
        assertThat(behind.end).isEqualTo(Pacer.End.DURATION);
        assertThat(behind.sendTimes).hasSize(10);
        assertThat(slow.windowNs(Pacer.End.DURATION, T0 + behind.endNs)).isEqualTo(20 * MS);
        assertThat(schedule.countBefore(20 * MS)).isEqualTo(20);
    }
}
