package io.rxbreak.sender;

import io.rxbreak.core.protocol.SenderPacing;
import org.junit.jupiter.api.Test;

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
            recorder.onBatch(20_000, 1, i * 40_000L);
        }
        // a 9 ms stall at 25k/s: 225 due messages go out in two batches back to back
        recorder.onBatch(9_000_000, 200, 40_000_000L);
        recorder.onBatch(8_200_000, 25, 40_040_000L);
        recorder.onBatch(30_000, 1, 49_000_000L);
        // a smaller stall: 100 messages, under the buffer
        recorder.onBatch(4_000_000, 100, 60_000_000L);
        recorder.finish();
        final SenderPacing pacing = recorder.summary();

        assertThat(pacing.largestBurst()).isEqualTo(225);
        assertThat(pacing.lateBursts()).isEqualTo(2);
        assertThat(pacing.lateMessages()).isEqualTo(325);
        assertThat(pacing.burstLimit()).isEqualTo(166);
        assertThat(pacing.burstsOverLimit()).isEqualTo(1);
        assertThat(pacing.lagMaxNs()).isEqualTo(9_000_000);
        assertThat(pacing.lagMaxAtNs()).isEqualTo(40_000_000L);
        assertThat((double)pacing.lagP50Ns()).isCloseTo(20_000, within(100.0));
        assertThat(pacing.lagP999Ns()).isGreaterThanOrEqualTo(4_000_000);
    }

    @Test
    void withoutALimitBurstsAreMeasuredButNotCountedAgainstOne()
    {
        final PacingRecorder recorder = new PacingRecorder(0);
        recorder.onBatch(500_000, 50, 0);
        recorder.finish();

        assertThat(recorder.summary().burstLimit()).isNull();
        assertThat(recorder.summary().burstsOverLimit()).isNull();
        assertThat(recorder.summary().largestBurst()).isEqualTo(50);
    }
}
