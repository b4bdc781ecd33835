package io.rxbreak.sender;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.protocol.SenderPacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PacingRecorderTest
{
    @Test
    void lateBatchesSentBackToBackMakeOneBurstAndEveryBurstCounts()
    {
        final PacingRecorder recorder = new PacingRecorder(166);
        for (int i = 0; i < 1_000; i++)
        {
            recorder.onBatch(20_000, 1, i * 40_000L, i * 40_000L);
        }
        // a 9 ms stall at 25k/s: 225 messages due over 9 ms go out in two batches back to back, 0.9 ms in all
        recorder.onBatch(9_000_000, 200, 40_000_000L, 47_960_000L);
        recorder.sentBy(49_600_000L);
        recorder.onBatch(8_600_000, 25, 48_000_000L, 48_960_000L);
        recorder.sentBy(49_900_000L);
        recorder.onBatch(30_000, 1, 49_000_000L, 49_000_000L);
        // a smaller stall: 100 messages, under the buffer
        recorder.onBatch(4_000_000, 100, 60_000_000L, 63_960_000L);
        recorder.sentBy(64_000_000L);
        recorder.finish();
        final SenderPacing pacing = recorder.summary();

        // compressed: 225 x (1 - 0.9 ms / 8.96 ms)
        assertThat(pacing.largestBurst()).isEqualTo(202);
        assertThat(pacing.lateBursts()).isEqualTo(2);
        assertThat(pacing.lateMessages()).isEqualTo(325);
        assertThat(pacing.burstLimit()).isEqualTo(166);
        assertThat(pacing.burstsOverLimit()).isEqualTo(1);
        // until the stalled batch's send returned, 9.6 ms after its first message was due
        assertThat(pacing.lagMaxNs()).isEqualTo(9_600_000);
        assertThat(pacing.lagMaxAtNs()).isEqualTo(40_000_000L);
        assertThat((double)pacing.lagP50Ns()).isCloseTo(20_000, within(100.0));
        assertThat(pacing.lagP999Ns()).isGreaterThanOrEqualTo(4_000_000);
    }

    @Test
    void withoutALimitBurstsAreMeasuredButNotCountedAgainstOne()
    {
        final PacingRecorder recorder = new PacingRecorder(0);
        recorder.onBatch(500_000, 50, 0, 490_000);
        recorder.sentBy(510_000);
        recorder.finish();

        assertThat(recorder.summary().burstLimit()).isNull();
        assertThat(recorder.summary().burstsOverLimit()).isNull();
        assertThat(recorder.summary().largestBurst()).isEqualTo(49);
    }

    @Test
    void aBurstOfTheSchedulesOwnThatTheSenderSpreadIsNotCounted()
    {
        // a replayed microburst: 300 messages due within 0.9 ms, which a sender of 150k datagrams/s takes 2 ms to
        // send; the receiver gets them gentler than the feed meant
        final PacingRecorder recorder = new PacingRecorder(166);
        recorder.onBatch(0, 1, 1_000_000_000L, 1_000_000_000L);
        long sentBy = 1_000_000_000L;
        for (int batch = 0; batch < 30; batch++)
        {
            final long firstDue = 1_000_000_000L + batch * 30_000L;
            recorder.onBatch(sentBy + 1_000 - firstDue, 10, firstDue, firstDue + 27_000L);
            sentBy += 66_000L;
            recorder.sentBy(sentBy);
        }
        recorder.onBatch(10_000, 1, 1_100_000_000L, 1_100_000_000L);
        recorder.finish();

        assertThat(recorder.summary().lateMessages()).isGreaterThan(250);
        assertThat(recorder.summary().largestBurst()).isZero();
        assertThat(recorder.summary().burstsOverLimit()).isZero();
    }
}
