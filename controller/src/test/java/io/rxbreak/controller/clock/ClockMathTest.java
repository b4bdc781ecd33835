package io.rxbreak.controller.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The arithmetic of the clock measurement on synthetic exchanges whose true offset and one-way delays are known.
 */
class ClockMathTest
{
    private static final long BASE_NS = 1_764_654_105_000_000_000L;
    private static final long RESOLUTION_NS = 20;

    /**
     * @param atNs the controller's time the exchange starts.
     * @param offsetNs the agent's true offset.
     * @param outNs the request's one-way delay.
     * @param holdNs the agent's time between its two stamps.
     * @param backNs the answer's one-way delay.
     */
    private static ClockExchange exchange(final long atNs, final long offsetNs, final long outNs, final long holdNs,
        final long backNs)
    {
        final long t1 = atNs;
        final long t2 = t1 + outNs + offsetNs;
        final long t3 = t2 + holdNs;
        final long t4 = t3 - offsetNs + backNs;
        return new ClockExchange(t1, t2, t3, t4);
    }

    @Test
    void symmetricDelaysGiveTheOffsetExactly()
    {
        final ClockExchange ahead = exchange(BASE_NS, 5_000_000, 80_000, 3_000, 80_000);
        assertThat(ahead.offsetNs()).isEqualTo(5_000_000);
        assertThat(ahead.delayNs()).isEqualTo(160_000);
        assertThat(ahead.midpointEpochNs()).isEqualTo(BASE_NS + 81_500);
        assertThat(exchange(BASE_NS, -3_000_000, 80_000, 3_000, 80_000).offsetNs()).isEqualTo(-3_000_000);
    }

    @Test
    void asymmetricDelaysMissTheOffsetByHalfTheirDifferenceWithinTheUncertainty()
    {
        // out 300 us, back 100 us: the estimate is 100 us high, and the uncertainty (half of 400 us) covers it
        final ClockEstimate slowOut = ClockEstimate.best(List.of(exchange(BASE_NS, 5_000_000, 300_000, 5_000,
            100_000)), RESOLUTION_NS);
        assertThat(slowOut.offsetNs()).isEqualTo(5_100_000);
        assertThat(slowOut.roundTripNs()).isEqualTo(400_000);
        assertThat(slowOut.uncertaintyNs()).isEqualTo(200_000 + RESOLUTION_NS);
        assertThat(Math.abs(slowOut.offsetNs() - 5_000_000)).isLessThanOrEqualTo(slowOut.uncertaintyNs());

        // all of the delay one way: the worst case, exactly at the bound
        final ClockEstimate allBack = ClockEstimate.best(List.of(exchange(BASE_NS, -3_000_000, 0, 5_000, 400_000)),
            RESOLUTION_NS);
        assertThat(allBack.offsetNs()).isEqualTo(-3_200_000);
        assertThat(Math.abs(allBack.offsetNs() + 3_000_000)).isLessThanOrEqualTo(allBack.uncertaintyNs());
    }

    @Test
    void theTrueOffsetIsAlwaysWithinTheUncertainty()
    {
        final Random random = new Random(13);
        for (int i = 0; i < 10_000; i++)
        {
            final long offsetNs = random.nextLong() % 10_000_000_000L;
            final List<ClockExchange> exchanges = new ArrayList<>();
            for (int j = 0; j < 1 + random.nextInt(8); j++)
            {
                exchanges.add(exchange(BASE_NS + j * 1_000_000L, offsetNs, random.nextInt(2_000_000),
                    random.nextInt(50_000), random.nextInt(2_000_000)));
            }
            final ClockEstimate estimate = ClockEstimate.best(exchanges, RESOLUTION_NS);
            assertThat(Math.abs(estimate.offsetNs() - offsetNs)).as("exchanges %s", exchanges)
                .isLessThanOrEqualTo(estimate.uncertaintyNs());
        }
    }

    @Test
    void theBestOfSeveralIsTheExchangeWithTheSmallestRoundTrip()
    {
        final ClockExchange slow = exchange(BASE_NS, 5_000_000, 1_900_000, 4_000, 100_000);
        final ClockExchange quick = exchange(BASE_NS + 10_000_000, 5_000_000, 90_000, 4_000, 60_000);
        final ClockExchange middling = exchange(BASE_NS + 20_000_000, 5_000_000, 100_000, 4_000, 800_000);
        final ClockEstimate estimate = ClockEstimate.best(List.of(slow, quick, middling), RESOLUTION_NS);
        assertThat(estimate).isEqualTo(new ClockEstimate(5_015_000, 75_000 + RESOLUTION_NS, 150_000,
            quick.midpointEpochNs()));
        assertThat(estimate.atEpochNs()).isEqualTo(BASE_NS + 10_000_000 + 77_000);
        // the agent's own time between its stamps is no part of the round trip, however long
        assertThat(ClockEstimate.best(List.of(exchange(BASE_NS, 0, 50_000, 9_000_000, 50_000), quick), 0)
            .roundTripNs()).isEqualTo(100_000);
        // the first of equals
        final ClockExchange twin = exchange(BASE_NS + 30_000_000, 5_000_000, 60_000, 4_000, 90_000);
        assertThat(ClockEstimate.best(List.of(quick, twin), 0).offsetNs()).isEqualTo(quick.offsetNs());
    }

    @Test
    void anEstimateNeedsAnExchange()
    {
        assertThatThrownBy(() -> ClockEstimate.best(List.of(), RESOLUTION_NS))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("no clock exchange to estimate from");
        assertThatThrownBy(() -> new ClockSync(null, 0).measure(null, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 exchange, not 0");
    }

    @Test
    void theDriftIsTheOffsetsChangeOverTheControllersTimeWithBothUncertainties()
    {
        final ClockEstimate earlier = new ClockEstimate(5_000_000, 60_000, 120_000, BASE_NS);
        final ClockEstimate later = new ClockEstimate(5_500_000, 40_000, 80_000, BASE_NS + 10_000_000_000L);
        final ClockDrift drift = earlier.driftTo(later);
        assertThat(drift.ppm()).isCloseTo(50.0, within(1e-9));
        assertThat(drift.uncertaintyPpm()).isCloseTo(10.0, within(1e-9));
        assertThat(drift.elapsedNs()).isEqualTo(10_000_000_000L);
        assertThat(drift.fraction()).isCloseTo(50e-6, within(1e-15));
        assertThat(drift.uncertaintyFraction()).isCloseTo(10e-6, within(1e-15));
        assertThat(ClockDrift.between(earlier, new ClockEstimate(4_000_000, 40_000, 80_000, BASE_NS + 2_000_000_000L))
            .ppm()).as("a clock that runs slow").isCloseTo(-500.0, within(1e-9));

        assertThatThrownBy(() -> later.driftTo(earlier)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a drift needs a later estimate");
        assertThatThrownBy(() -> earlier.driftTo(earlier)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDriftingClockIsMeasuredWithinItsUncertainty()
    {
        // the agent's clock gains 30 ppm; exchanges 10 s apart with up to 1 ms of round trip, split unevenly
        final double ppm = 30;
        final Random random = new Random(7);
        final List<ClockEstimate> estimates = new ArrayList<>();
        for (int k = 0; k < 2; k++)
        {
            final long atNs = BASE_NS + k * 10_000_000_000L;
            final long offsetNs = 2_000_000 + Math.round(ppm * 1e-6 * (atNs - BASE_NS));
            final List<ClockExchange> exchanges = new ArrayList<>();
            for (int j = 0; j < 8; j++)
            {
                exchanges.add(exchange(atNs + j * 1_000_000L, offsetNs, random.nextInt(800_000), 2_000,
                    random.nextInt(200_000)));
            }
            estimates.add(ClockEstimate.best(exchanges, RESOLUTION_NS));
        }
        final ClockDrift drift = estimates.get(0).driftTo(estimates.get(1));
        assertThat(Math.abs(drift.ppm() - ppm)).isLessThanOrEqualTo(drift.uncertaintyPpm());
        assertThat(drift.uncertaintyPpm()).isLessThan(ppm);
    }

    @Test
    void theOneWayCorrectionIsTheReceiversOffsetMinusTheSendersWithBothUncertainties()
    {
        final ClockEstimate sender = new ClockEstimate(5_000_000, 50_000, 100_000, BASE_NS);
        final ClockEstimate receiver = new ClockEstimate(-3_000_000, 70_000, 140_000, BASE_NS + 1_000_000);
        final OneWayCorrection correction = OneWayCorrection.between(sender, receiver);
        assertThat(correction).isEqualTo(new OneWayCorrection(-8_000_000, 120_000));

        // a datagram that took 250 us: stamped at s + 5 ms by the sender, received at s + 250 us - 3 ms
        final long measured = (250_000 - 3_000_000) - 5_000_000;
        assertThat(correction.correct(measured)).isEqualTo(250_000);
        assertThat(correction.uncertaintyExceeds(250_000)).isFalse();
        assertThat(correction.uncertaintyExceeds(100_000)).as("a figure below the uncertainty is flagged").isTrue();
        assertThat(correction.uncertaintyExceeds(-100_000)).isTrue();
        assertThat(correction.uncertaintyExceeds(-130_000)).isFalse();
        assertThat(correction.uncertaintyExceeds(120_000)).as("equal: not larger").isFalse();
    }

    @Test
    void theGrowthCorrectionIsTheReceiversDriftMinusTheSendersAsAFraction()
    {
        final ClockDrift sender = new ClockDrift(10, 2, 10_000_000_000L);
        final ClockDrift receiver = new ClockDrift(-20, 3, 10_000_000_000L);
        final GrowthCorrection correction = GrowthCorrection.between(sender, receiver);
        assertThat(correction.correction()).isCloseTo(-30e-6, within(1e-15));
        assertThat(correction.uncertainty()).isCloseTo(5e-6, within(1e-15));
        // a receiver whose clock runs 30 ppm slower than the sender's shows 30 ppm less growth than there is
        assertThat(correction.correct(0.001 - 30e-6)).isCloseTo(0.001, within(1e-15));
        assertThat(correction.uncertaintyExceeds(0.001)).isFalse();
        assertThat(correction.uncertaintyExceeds(4e-6)).isTrue();
        assertThat(correction.uncertaintyExceeds(-4e-6)).isTrue();
    }

    @Test
    void theResolutionIsTheSmallestStepOfTheClock()
    {
        final long[] now = {0};
        assertThat(ClockSync.resolutionNs(() -> now[0] += 250)).isEqualTo(250);
        assertThat(ClockSync.resolutionNs(() -> (now[0]++ / 4) * 1_000)).isEqualTo(1_000);
        assertThatThrownBy(() -> ClockSync.resolutionNs(() -> 42, 10, 1_000)).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("the clock did not move");
        assertThat(ClockSync.resolutionNs(System::nanoTime)).isBetween(1L, 1_000_000L);
    }
}
