package io.rxbreak.controller.trial;

/**
 * One sender's part of a trial that several senders offered together (a topology ramp): the rate is split over the
 * senders, and each is judged on its own share as well as all of them on the whole.
 *
 * @param name         the sender's name in the topology.
 * @param targetRate   its share of the trial's rate, messages per second.
 * @param achievedRate what it achieved, messages per second.
 * @param maxLagNs     how far it fell behind its schedule at worst.
 */
public record SenderShare(String name, long targetRate, double achievedRate, long maxLagNs)
{
    /**
     * @param tolerance the allowed shortfall, as a fraction.
     * @return whether it fell short of its share by more than the tolerance.
     */
    public boolean shortOf(final double tolerance)
    {
        return achievedRate < targetRate * (1.0 - tolerance);
    }
}
