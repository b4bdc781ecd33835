package io.rxbreak.controller.clock;

/**
 * What the two clocks' rates add to a backlog growth measured across hosts. The growth is the slope of the one-way
 * latency over the trial; a receiver's clock that runs faster than the sender's makes the latency grow by their rate
 * difference even when nothing queues: subtract {@link #correction()} (the receiver's drift minus the sender's, as a
 * fraction). What remains is known to {@link #uncertainty()}, the two drifts' uncertainties added.
 *
 * @param correction the receiver's drift minus the sender's, a fraction (ns per ns).
 * @param uncertainty how far the true correction may be from {@code correction}, a fraction.
 */
public record GrowthCorrection(double correction, double uncertainty)
{
    /**
     * @param sender the sender agent's drift.
     * @param receiver the receiver agent's drift, against the same controller clock.
     * @return the correction of the backlog growths the receiver measures of that sender's datagrams.
     */
    public static GrowthCorrection between(final ClockDrift sender, final ClockDrift receiver)
    {
        return new GrowthCorrection(receiver.fraction() - sender.fraction(),
            sender.uncertaintyFraction() + receiver.uncertaintyFraction());
    }

    /**
     * @param measuredGrowth a backlog growth as the receiver measured it (a fraction).
     * @return the growth on one clock: the measured one minus the correction.
     */
    public double correct(final double measuredGrowth)
    {
        return measuredGrowth - correction;
    }

    /**
     * @param growth a (corrected) backlog growth.
     * @return whether the uncertainty is larger than the figure, which then cannot be told from the clocks'
     *     disagreement and must be flagged.
     */
    public boolean uncertaintyExceeds(final double growth)
    {
        return uncertainty > Math.abs(growth);
    }
}
