package io.rxbreak.receiver.accounting;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trial's latencies reach both of their readers: the trial's total (its summary, read by snapshots at any time)
 * and the latency log's sink (the agent's end-of-trial histogram, {@code receive --latency-log}'s intervals). A
 * snapshot used to drain the recorder into the total alone, so that the ramp's {@code latency.hlog} got only what
 * arrived after the agent's last poll: often nothing.
 */
class TrialAccountingLatencyTest
{
    @Test
    void aSnapshotBetweenTwoSinkDrainsTakesNothingFromTheSink()
    {
        final TrialAccounting trial = new TrialAccounting(1, 0, new long[SocketCounters.COUNT], 0);
        for (int i = 1; i <= 100; i++)
        {
            trial.recordLatency(0, 1_000L * i);
        }
        assertThat(trial.latencyCopy().getTotalCount()).as("a snapshot sees them").isEqualTo(100);
        for (int i = 101; i <= 150; i++)
        {
            trial.recordLatency(0, 1_000L * i);
        }

        final Histogram sink = new Histogram(3);
        trial.drainLatency(sink);
        assertThat(sink.getTotalCount()).as("the sink gets the snapshot's 100 and the 50 after it").isEqualTo(150);
        assertThat(sink).isEqualTo(trial.latencyCopy());

        trial.recordLatency(0, 7_000L);
        trial.drainLatency(null);
        final Histogram next = new Histogram(3);
        trial.drainLatency(next);
        assertThat(next.getTotalCount()).as("only what came after the last sink").isEqualTo(1);
        assertThat(trial.latencyCopy().getTotalCount()).isEqualTo(151);
        final Histogram empty = new Histogram(3);
        trial.drainLatency(empty);
        assertThat(empty.getTotalCount()).as("nothing is handed twice").isZero();
    }
}
