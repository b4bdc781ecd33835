package io.rxbreak.controller.clock;

/**
 * What the two clocks add to a one-way latency measured across hosts. The receiver subtracts the sender's stamp
 * (sender's clock) from its receipt time (its own clock), so every latency carries the receiver's offset minus the
 * sender's: subtract {@link #correctionNs()}. What remains is known to {@link #uncertaintyNs()}, the two estimates'
 * uncertainties added; a figure smaller than that says nothing and is flagged ({@link #uncertaintyExceeds}), not
 * corrected silently.
 *
 * @param correctionNs the receiver's offset minus the sender's (each against the same controller clock).
 * @param uncertaintyNs how far the true correction may be from {@code correctionNs}.
 */
public record OneWayCorrection(long correctionNs, long uncertaintyNs)
{
    /**
     * @param sender the sender agent's clock estimate.
     * @param receiver the receiver agent's clock estimate, from the same {@link ClockSync}.
     * @return the correction of the latencies the receiver measures of that sender's datagrams.
     */
    public static OneWayCorrection between(final ClockEstimate sender, final ClockEstimate receiver)
    {
        return new OneWayCorrection(receiver.offsetNs() - sender.offsetNs(),
            sender.uncertaintyNs() + receiver.uncertaintyNs());
    }

    /**
     * @param measuredLatencyNs a latency as the receiver measured it.
     * @return that latency on one clock: the measured one minus the correction.
     */
    public long correct(final long measuredLatencyNs)
    {
        return measuredLatencyNs - correctionNs;
    }

    /**
     * @param latencyNs a (corrected) latency figure.
     * @return whether the uncertainty is larger than the figure, which then cannot be told from the clocks'
     *     disagreement and must be flagged.
     */
    public boolean uncertaintyExceeds(final long latencyNs)
    {
        return uncertaintyNs > Math.abs(latencyNs);
    }
}
