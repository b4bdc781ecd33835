package io.rxbreak.core.time;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EpochClockTest
{
    private static long wallClockNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Test
    void systemClockAgreesWithTheWallClock()
    {
        final EpochClock clock = EpochClock.system();
        for (int i = 0; i < 100; i++)
        {
            final long before = wallClockNs();
            final long epochNs = clock.epochNs();
            final long after = wallClockNs();
            // within 200 us of the wall clock read around it: never milliseconds behind (latencies would go negative)
            assertThat(epochNs).isBetween(before - 200_000, after + 200_000);
        }
    }

    @Test
    void advancesWithTheMonotonicClock()
    {
        final long[] now = {1_000};
        final EpochClock clock = new EpochClock(() -> now[0], 5_000_000_000L);
        assertThat(clock.epochNs()).isEqualTo(5_000_000_000L);
        now[0] += 250;
        assertThat(clock.epochNs()).isEqualTo(5_000_000_250L);
        assertThat(clock.toEpochNs(2_000)).isEqualTo(5_000_001_000L);
    }
}
