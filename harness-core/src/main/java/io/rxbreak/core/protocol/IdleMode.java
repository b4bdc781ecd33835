package io.rxbreak.core.protocol;

/**
 * What the sending thread does while the next message is not yet due ({@code send --idle}, {@code ramp
 * --sender-idle}): a sender option the controller passes through, so both sides read it from here.
 */
public enum IdleMode
{
    /** Spin at high rates ({@value #SPIN_FROM_RATE} messages a second and more), park below. */
    AUTO,
    /** Busy-spin: the most exact pacing, one core at 100 %. */
    SPIN,
    /** {@link Thread#yield()} between checks: exact enough, leaves the core to others that are runnable. */
    YIELD,
    /**
     * Sleep until the next message is due, with a timer slack of a microsecond, and spin only the last few
     * microseconds: the thread is asleep most of the time, so it does not compete with a neighbour on its CPU, and
     * when it wakes the scheduler lets it run at once. The choice when the sender shares its CPU.
     */
    SLEEP,
    /** Sleep on the event loop's timer until shortly before the next message is due: least CPU, least exact. */
    PARK;

    /** The rate from which AUTO spins. */
    public static final double SPIN_FROM_RATE = 10_000;

    /**
     * @param targetRatePerSecond the trial's average rate (NaN for max).
     * @return the mode to use: never AUTO.
     */
    public IdleMode resolve(final double targetRatePerSecond)
    {
        if (this != AUTO)
        {
            return this;
        }
        return Double.isNaN(targetRatePerSecond) || targetRatePerSecond >= SPIN_FROM_RATE ? SPIN : PARK;
    }
}
