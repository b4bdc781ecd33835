package io.rxbreak.sender.schedule;

import io.rxbreak.core.protocol.PatternSpec;

/**
 * Message i due at exactly {@code i * 1e9 / rate} ns, computed in integer arithmetic that cannot drift:
 * whole seconds and the remainder are scaled separately, so index 10^12 is as exact as index 1.
 */
public final class ConstantSchedule implements Schedule
{
    /** The highest rate accepted: one message a nanosecond. */
    public static final long MAX_RATE_PER_SECOND = PatternSpec.MAX_RATE_PER_SECOND;
    private static final long NS_PER_S = 1_000_000_000L;

    private final long ratePerSecond;

    /**
     * @param ratePerSecond messages per second, 1 to {@link #MAX_RATE_PER_SECOND}.
     */
    public ConstantSchedule(final long ratePerSecond)
    {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE_PER_SECOND)
        {
            throw new IllegalArgumentException("rate must be 1 to " + MAX_RATE_PER_SECOND + ": " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * @param index a message index, at least 0.
     * @param ratePerSecond messages per second.
     * @return floor(index * 1e9 / rate) without overflow or drift.
     */
    public static long offsetNs(final long index, final long ratePerSecond)
    {
        final long seconds = index / ratePerSecond;
        final long remainder = index % ratePerSecond;
        return seconds * NS_PER_S + remainder * NS_PER_S / ratePerSecond;
    }

    @Override
    public long offsetNs(final long index)
    {
        return offsetNs(index, ratePerSecond);
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    @Override
    public double targetRatePerSecond()
    {
        return ratePerSecond;
    }

    @Override
    public String describe()
    {
        return "constant " + ratePerSecond + "/s";
    }
}
