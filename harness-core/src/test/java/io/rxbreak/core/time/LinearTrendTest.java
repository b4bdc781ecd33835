package io.rxbreak.core.time;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearTrendTest
{
    private static final long EPOCH_NS = 1_764_000_000_000_000_000L;

    @Test
    void aReceiverOfCapacityCOfferedRFallsBehindByROverCMinusOne()
    {
        final long rate = 20_600;
        final long capacity = 20_000;
        final LinearTrend trend = new LinearTrend();
        for (long i = 0; i < rate * 3; i++)
        {
            final long intendedNs = EPOCH_NS + i * 1_000_000_000L / rate;
            final long readNs = EPOCH_NS + i * 1_000_000_000L / capacity;
            trend.add(intendedNs, readNs - intendedNs + 50_000);
        }

        final LinearTrend.Snapshot line = trend.snapshot();
        assertThat(line.slope()).isCloseTo(rate / (double)capacity - 1.0, within(1e-6));
        assertThat(line.count()).isEqualTo(rate * 3);
        assertThat(line.spanSeconds()).isCloseTo(3.0, within(1e-3));
        assertThat(line.slopeIfAtLeast(100, 0.2)).isNotNull();
        assertThat(line.slopeIfAtLeast(100, 3.5)).isNull();
    }

    @Test
    void aSteadyLatencyWithJitterHasNoTrend()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final LinearTrend trend = new LinearTrend();
        for (long i = 0; i < 100_000; i++)
        {
            trend.add(EPOCH_NS + i * 30_000, 20_000 + random.nextLong(0, 200_000));
        }

        assertThat(trend.snapshot().slope()).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void tooFewPointsMakeNoTrend()
    {
        final LinearTrend trend = new LinearTrend();
        assertThat(trend.snapshot().slope()).isNaN();
        trend.add(EPOCH_NS, 5);
        assertThat(trend.snapshot().slope()).isNaN();
        assertThat(trend.snapshot().slopeIfAtLeast(1, 0.0)).isNull();
        trend.add(EPOCH_NS + 1_000_000_000L, 1_000_000_005L);
        assertThat(trend.snapshot().slope()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aReaderOnAnotherThreadOnlySeesConsistentLines() throws InterruptedException
    {
        final LinearTrend trend = new LinearTrend();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<String> torn = new AtomicReference<>();
        final AtomicLong whileWriting = new AtomicLong();
        final CountDownLatch started = new CountDownLatch(1);
        final Thread reader = new Thread(() ->
        {
            started.countDown();
            while (!done.get())
            {
                final LinearTrend.Snapshot line = trend.snapshot();
                if (line.count() >= 2 && Math.abs(line.slope() - 0.5) > 1e-6)
                {
                    torn.set(line.toString());
                }
                whileWriting.incrementAndGet();
            }
        });
        reader.start();
        started.await();
        long points = 0;
        // keep writing until the reader has taken many snapshots in the middle of it (bounded)
        while (points < 50_000_000L && (whileWriting.get() < 10_000 || points < 1_000_000))
        {
            trend.add(EPOCH_NS + points * 1_000, points * 500 + 7);
            points++;
        }
        done.set(true);
        reader.join();

        assertThat(torn.get()).as("a snapshot mixing two states").isNull();
        assertThat(whileWriting.get()).as("snapshots taken while the writer was adding").isGreaterThanOrEqualTo(10_000);
        assertThat(trend.snapshot().count()).isEqualTo(points);
    }
}
