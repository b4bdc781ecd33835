package io.rxbreak.core.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearTrendPointsTest
{
    @Test
    void pointsAddedInBatchesMakeTheSameLineAsOneByOne()
    {
        final LinearTrend single = new LinearTrend();
        final LinearTrend batched = new LinearTrend();
        final LinearTrend.Points points = batched.points();
        for (int i = 0; i < 10_000; i++)
        {
            final long x = 1_700_000_000_000_000_000L + i * 40_000L;
            final long y = 50_000 + i * 400L + (i % 7) * 1_000;
            single.add(x, y);
            points.add(x, y);
            if (i % 64 == 63)
            {
                batched.add(points);
                assertThat(points.count()).isZero();
            }
        }
        batched.add(points);

        assertThat(batched.snapshot().count()).isEqualTo(single.snapshot().count());
        assertThat(batched.snapshot().slope()).isCloseTo(single.snapshot().slope(), within(1e-9));
        assertThat(batched.snapshot().slope()).isCloseTo(0.01, within(1e-4));
        assertThat(batched.snapshot().spanSeconds()).isCloseTo(single.snapshot().spanSeconds(), within(1e-12));
    }
}
