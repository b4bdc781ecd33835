package io.rxbreak.receiver.throttle;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.SequenceTracker;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrottleTest
{
    @Test
    void parsesEveryKindAndPrintsItBack()
    {
        for (final String text : new String[] {"none", "cost:5us:fixed", "cost:1ms:exponential", "rate:5000",
            "stall:50ms/1s", "stall:50ms/1s:random", "queue:1000:10us:drop", "queue:64:1ms:block"})
        {
            assertThat(ThrottleSpec.parse("--throttle", text).toString()).isEqualTo(text);
        }
        assertThat(ThrottleSpec.parse("--throttle", "cost:5us").distribution())
            .isEqualTo(ThrottleSpec.CostDistribution.FIXED);
    }

    @Test
    void rejectsMalformedSpecsNamingTheOption()
    {
        for (final String text : new String[] {"", "fast", "rate:0", "rate:-5", "rate:x", "cost:", "cost:5us:gauss",
            "stall:1s/1s", "stall:50ms", "stall:50ms/1s:often", "queue:0:1us:drop", "queue:10:1us:maybe",
            "queue:10:1us", "none:1"})
        {
            assertThatThrownBy(() -> ThrottleSpec.parse("--throttle", text)).as(text)
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--throttle: ");
        }
    }

    @Test
    void rateMakesUpForLateWakeUps()
    {
        final RateThrottle throttle = new RateThrottle(20_000);
        long nowNs = 0;
        long messages = 0;
        while (nowNs < 2_000_000_000L)
        {
            final long atNs = throttle.nextReadAtNs(nowNs);
            if (atNs > nowNs)
            {
                nowNs = atNs + (atNs - nowNs) * 3 / 10 + 40_000;
                continue;
            }
            for (int i = 0; i < 64; i++)
            {
                throttle.onMessage();
                messages++;
            }
            nowNs += 1000;
        }
        assertThat(messages).as("a backlog of 64 per read, every wake-up 30 % + 40 us late")
            .isBetween(39_800L, 40_200L);
    }

    @Test
    void rateEarnsNoCreditWhileTheReceiverIdles()
    {
        final RateThrottle throttle = new RateThrottle(20_000);
        assertThat(throttle.nextReadAtNs(0)).isZero();
        // no data for a second: the read asked for at 0 gets its first datagram at 1 s, then a backlog builds up
        long nowNs = 1_000_000_000L;
        throttle.onDataArrived(nowNs);
        long messages = 0;
        while (nowNs < 1_100_000_000L)
        {
            for (int i = 0; i < 16; i++)
            {
                throttle.onMessage();
                messages++;
            }
            nowNs += 2_000;
            final long atNs = throttle.nextReadAtNs(nowNs);
            nowNs = Math.max(nowNs, atNs);
            throttle.onDataArrived(nowNs + 1_000);
        }
        assertThat(messages).as("100 ms at 20,000/s after idling: 2,000, one burst (1 ms: 20), the first read and a "
            + "read's overdraw (16 each); not 50 ms (1,000) more")
            .isBetween(1_990L, 2_060L);
    }

    @Test
    void ratePausedWhileReadingABacklogStillMakesUpTheTime()
    {
        final RateThrottle throttle = new RateThrottle(20_000);
        long nowNs = 0;
        long messages = 0;
        long nextPauseNs = 500_000_000L;
        while (nowNs < 2_000_000_000L)
        {
            final long atNs = throttle.nextReadAtNs(nowNs);
            if (atNs > nowNs)
            {
                nowNs = atNs;
                continue;
            }
            // a backlog: the first datagram is there at once; then 16 are read and processed
            throttle.onDataArrived(nowNs + 1_000);
            for (int i = 0; i < 16; i++)
            {
                throttle.onMessage();
                messages++;
            }
            nowNs += 20_000;
            if (nowNs >= nextPauseNs)
            {
                nowNs += 30_000_000L;
                nextPauseNs += 500_000_000L;
            }
        }
        assertThat(messages).as("2 s at 20,000/s with a 30 ms pause every 0.5 s while reading: the pauses are made up")
            .isBetween(39_800L, 40_200L);
    }

    @Test
    void rateHoldsOffReadsToTheRate()
    {
        final RateThrottle throttle = new RateThrottle(1000);
        long nowNs = 0;
        long messages = 0;
        while (nowNs < 2_000_000_000L)
        {
            final long atNs = throttle.nextReadAtNs(nowNs);
            if (atNs > nowNs)
            {
                nowNs = atNs;
                continue;
            }
            for (int i = 0; i < 10; i++)
            {
                throttle.onMessage();
                messages++;
            }
            nowNs += 1000;
        }
        assertThat(messages).isBetween(1990L, 2020L);
    }

    @Test
    void stallHoldsOffForThePauseEveryPeriod()
    {
        final StallThrottle throttle = new StallThrottle(100_000_000L, 1_000_000_000L, false, 1);
        long heldOffNs = 0;
        for (long nowNs = 0; nowNs < 5_000_000_000L; nowNs += 1_000_000L)
        {
            final long atNs = throttle.nextReadAtNs(nowNs);
            if (atNs > nowNs)
            {
                heldOffNs += atNs - nowNs;
                nowNs = atNs - 1_000_000L;
            }
        }
        assertThat(throttle.stallCount()).isEqualTo(5);
        assertThat(heldOffNs).isEqualTo(500_000_000L);
    }

    @Test
    void randomStallsAverageThePeriod()
    {
        final StallThrottle throttle = new StallThrottle(10_000_000L, 100_000_000L, true, 42);
        for (long nowNs = 0; nowNs < 100_000_000_000L; nowNs += 1_000_000L)
        {
            final long atNs = throttle.nextReadAtNs(nowNs);
            if (atNs > nowNs)
            {
                nowNs = atNs - 1_000_000L;
            }
        }
        assertThat(throttle.stallCount()).isBetween(900L, 1100L);
    }

    @Test
    void applicationQueueHoldsExactlyItsCapacity()
    {
        final ApplicationQueue queue = new ApplicationQueue(5);
        for (int i = 0; i < 5; i++)
        {
            assertThat(queue.offer(1, 2, 0, i, 0)).isTrue();
        }
        assertThat(queue.offer(1, 2, 0, 5, 0)).isFalse();
        final SocketTrials trials = new SocketTrials(() -> 0, new SocketCounters(), System::nanoTime);
        final Accountant accountant = new Accountant(trials, io.rxbreak.core.time.EpochClock.system(), true);
        while (queue.poll(accountant))
        {
            assertThat(queue.depth()).isLessThan(5);
        }
        assertThat(trials.current().trialId()).isEqualTo(2);
        assertThat(trials.current().streams().get(0).get(SequenceTracker.UNIQUE)).isEqualTo(5);
        assertThat(trials.current().streams().get(0).streamId()).isEqualTo(1);
    }
}
