package io.rxbreak.receiver.accounting;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trial's latencies reach the sink (an {@code --hlog} interval, an agent's trial answer) whole, however often a
 * snapshot drains them into the trial's total in between.
 */
class TrialAccountingLatencyTest
{
    @Test
    void aSinkGetsTheLatenciesASnapshotDrainedSinceTheLastSink()
    {
        final TrialAccounting trial = new TrialAccounting(1, 0, new long[0], 0);
        trial.recordLatency(0, 1_000);
        final Histogram first = new Histogram(3);
        trial.drainLatency(first);
        trial.recordLatency(0, 2_000);
        assertThat(trial.latencyCopy().getTotalCount()).as("a snapshot between two sinks").isEqualTo(2);
        trial.recordLatency(0, 3_000);
        trial.drainLatency(null);
        trial.recordLatency(0, 4_000);
        final Histogram second = new Histogram(3);
        trial.drainLatency(second);
        final Histogram third = new Histogram(3);
        trial.drainLatency(third);

        assertThat(first.getTotalCount()).isEqualTo(1);
        assertThat(second.getTotalCount()).as("everything since the first sink").isEqualTo(3);
        assertThat(second.getMinValue()).isEqualTo(2_000);
        assertThat(second.valuesAreEquivalent(second.getMaxValue(), 4_000)).isTrue();
        assertThat(third.getTotalCount()).as("nothing twice").isZero();
        assertThat(trial.latencyCopy().getTotalCount()).as("the total").isEqualTo(4);
    }
}
