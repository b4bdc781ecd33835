package io.rxbreak.sender;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.sender.schedule.ConstantSchedule;
import io.rxbreak.sender.schedule.MaxRateSchedule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The honesty rule: a trial that sent over 0.5 % less than was due, or ended far behind its schedule, is
 * sender-limited and says why; failed sends do not count as sent.
 */
class TrialResultBuilderTest
{
    private static final long S = 1_000_000_000L;
    private final TrialResultBuilder builder = new TrialResultBuilder(List.of("239.1.1.1:5000"), 1, 0, IdleMode.SPIN);

    private static TrialPlan plan(final boolean max)
    {
        return TrialPlan.builder().schedule(max ? new MaxRateSchedule() : new ConstantSchedule(100_000))
            .durationNs(S).build();
    }

    private static SendCounters counters(final long attempted, final long failed, final long lastLagNs)
    {
        final SendCounters counters = new SendCounters();
        counters.add(SendCounters.ATTEMPTED, attempted);
        counters.add(SendCounters.FAILED, failed);
        counters.add(SendCounters.BATCHES, attempted / 10);
        counters.set(SendCounters.LAG_NOW, lastLagNs);
        counters.max(SendCounters.LAG_MAX, lastLagNs);
        return counters;
    }

    private static final io.rxbreak.core.protocol.SenderPacing PACING = new io.rxbreak.core.protocol.SenderPacing(0, 0, 0, 0, 0, 0, 0, 0, null, null);

    @Test
    void aTrialThatSentWhatWasDueIsNotLimited()
    {
        final SenderTrialReport result = builder.build(plan(false), "duration", S, 100_000, 1_000,
            counters(99_600, 0, 1_000), 10_000_000L, 0L, 0, null, PACING, null);
        assertThat(result.senderLimited()).isFalse();
        assertThat(result.achievedRate()).isEqualTo(99_600.0);
        assertThat(result.targetRate()).isEqualTo(100_000.0);
        assertThat(result.shortfall()).isEqualTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aShortfallOverHalfAPercentIsSenderLimited()
    {
        final SenderTrialReport result = builder.build(plan(false), "duration", S, 100_000, 1_000,
            counters(99_400, 0, 1_000), 10_000_000L, 0L, 0, null, PACING, null);
        assertThat(result.senderLimited()).isTrue();
        assertThat(result.senderLimitedReason()).contains("sent 99400 of the 100000 messages due");
    }

    @Test
    void failedSendsAreNotSentAndCanMakeTheTrialLimited()
    {
        final SendCounters counters = counters(100_000, 1_000, 0);
        counters.error(Errno.slot(-105));
        final SenderTrialReport result = builder.build(plan(false), "duration", S, 100_000, 0, counters, 10_000_000L, 3L, 0, null, PACING, null);
        assertThat(result.sent()).isEqualTo(99_000);
        assertThat(result.failed()).isEqualTo(1_000);
        assertThat(result.errors()).containsEntry("ENOBUFS", 1L);
        assertThat(result.sndbufErrorsDelta()).isEqualTo(3L);
        assertThat(result.senderLimited()).isTrue();
    }

    @Test
    void endingFarBehindIsSenderLimitedEvenWhenEverythingWent()
    {
        final SenderTrialReport result = builder.build(plan(false), "count", S, 100_000, 25_000_000L,
            counters(100_000, 0, 25_000_000L), 10_000_000L, null, 0, null, PACING, null);
        assertThat(result.senderLimited()).isTrue();
        assertThat(result.senderLimitedReason()).startsWith("still 25ms behind schedule at the end");
        assertThat(result.sndbufErrorsDelta()).isNull();
    }

    @Test
    void maxRateHasNoTargetAndIsNeverLimitedByLag()
    {
        final SenderTrialReport result = builder.build(plan(true), "duration", S, 500_000, 0,
            counters(500_000, 0, 0), 10_000_000L, 0L, 0, null, PACING, null);
        assertThat(result.targetRate()).isNull();
        assertThat(result.senderLimited()).isFalse();
        assertThat(result.achievedRate()).isEqualTo(500_000.0);
    }
}
