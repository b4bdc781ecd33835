package io.rxbreak.receiver.throttle;

import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * Slows one socket's reading thread on purpose. Called on that thread only, except {@link #state()}.
 */
public interface Throttle
{
    /**
     * A message was read: spend its cost or count it.
     */
    void onMessage();

    /**
     * @param nowNs the monotonic time now.
     * @return when the next read may start; {@code <= nowNs} for now. Until then the data stays in the kernel.
     */
    long nextReadAtNs(long nowNs);

    /**
     * The first datagram of a read asked for arrived: the time between asking and now was spent waiting for data
     * (or, with a backlog, next to nothing).
     *
     * @param nowNs the monotonic time now.
     */
    default void onDataArrived(final long nowNs)
    {
    }

    /**
     * @return the throttle's state for the per-second report; any thread.
     */
    String state();

    /**
     * @param spec the throttle.
     * @param seed the seed of its random draws.
     * @return a new throttle for one reading thread ({@code queue} costs are spent by its worker instead).
     */
    static Throttle create(final ThrottleSpec spec, final long seed)
    {
        switch (spec.kind())
        {
            case COST: return new CostThrottle(spec.costNs(), spec.distribution(), seed);
            case RATE: return new RateThrottle(spec.ratePerSecond());
            case STALL: return new StallThrottle(spec.pauseNs(), spec.periodNs(), spec.random(), seed);
            default: return NoThrottle.INSTANCE;
        }
    }
}
