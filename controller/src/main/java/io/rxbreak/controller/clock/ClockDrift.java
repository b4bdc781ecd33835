package io.rxbreak.controller.clock;

/**
 * How fast an agent's clock gains on the controller's: the change of its offset between two estimates over the
 * controller's time between them. Two agents' drifts against the one controller differ by the rate at which their
 * own clocks part, which is what a one-way latency's slope picks up.
 *
 * @param ppm the offset's change per unit of time, in parts per million (positive: the agent's clock runs fast).
 * @param uncertaintyPpm how far the true rate may be from {@code ppm}: the two estimates' uncertainties added, over
 *     the time between them.
 * @param elapsedNs the controller's time between the two estimates.
 */
public record ClockDrift(double ppm, double uncertaintyPpm, long elapsedNs)
{
    private static final double PER_MILLION = 1e6;

    /**
     * @param earlier an estimate of an agent's clock.
     * @param later a later estimate of the same agent's clock.
     * @return the drift from one to the other.
     * @throws IllegalArgumentException when {@code later} was not taken after {@code earlier}.
     */
    public static ClockDrift between(final ClockEstimate earlier, final ClockEstimate later)
    {
        final long elapsedNs = later.atEpochNs() - earlier.atEpochNs();
        if (elapsedNs <= 0)
        {
            throw new IllegalArgumentException("a drift needs a later estimate: " + later.atEpochNs() +
                " is not after " + earlier.atEpochNs());
        }
        final double ppm = (double)(later.offsetNs() - earlier.offsetNs()) * PER_MILLION / elapsedNs;
        final double uncertaintyPpm =
            (double)(earlier.uncertaintyNs() + later.uncertaintyNs()) * PER_MILLION / elapsedNs;
        return new ClockDrift(ppm, uncertaintyPpm, elapsedNs);
    }

    /**
     * @return the drift as a fraction (ns gained per ns), the unit of a backlog growth.
     */
    public double fraction()
    {
        return ppm / PER_MILLION;
    }

    /**
     * @return the uncertainty as a fraction.
     */
    public double uncertaintyFraction()
    {
        return uncertaintyPpm / PER_MILLION;
    }
}
