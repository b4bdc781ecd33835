package io.rxbreak.controller.clock;

import java.util.List;

/**
 * An agent's clock against the controller's, from the best of several exchanges: the one with the smallest round trip,
 * as NTP's clock filter keeps (a longer round trip only leaves more room for its two ways to differ). The true offset
 * lies within {@code offsetNs +- uncertaintyNs}.
 *
 * @param offsetNs the agent's clock minus the controller's.
 * @param uncertaintyNs how far the true offset may be from {@code offsetNs}: half the round trip plus the clocks'
 *     resolution.
 * @param roundTripNs the best exchange's round trip, the agent's own time left out.
 * @param atEpochNs the controller's time of the estimate (halfway through the best exchange).
 */
public record ClockEstimate(long offsetNs, long uncertaintyNs, long roundTripNs, long atEpochNs)
{
    /**
     * @param exchanges one or more exchanges with one agent.
     * @param resolutionNs the clocks' resolution (the smallest step between two readings).
     * @return the estimate from the exchange with the smallest round trip (the first of equals).
     * @throws IllegalArgumentException when there is no exchange, or the resolution is negative.
     */
    public static ClockEstimate best(final List<ClockExchange> exchanges, final long resolutionNs)
    {
        if (exchanges.isEmpty())
        {
            throw new IllegalArgumentException("no clock exchange to estimate from");
        }
        if (resolutionNs < 0)
        {
            throw new IllegalArgumentException("a clock resolution of " + resolutionNs + " ns");
        }
        ClockExchange best = exchanges.get(0);
        for (final ClockExchange exchange : exchanges)
        {
            if (exchange.delayNs() < best.delayNs())
            {
                best = exchange;
            }
        }
        final long delayNs = best.delayNs();
        return new ClockEstimate(best.offsetNs(), (delayNs + 1) / 2 + resolutionNs, delayNs, best.midpointEpochNs());
    }

    /**
     * @param later a later estimate of the same agent's clock.
     * @return how fast the offset changed from this estimate to that one.
     * @throws IllegalArgumentException when {@code later} is not later.
     */
    public ClockDrift driftTo(final ClockEstimate later)
    {
        return ClockDrift.between(this, later);
    }
}
