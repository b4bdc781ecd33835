package io.rxbreak.sender.schedule;

/**
 * No pacing: every message is due at once and the sender sends as fast as it can ({@code --rate max}).
 */
public final class MaxRateSchedule implements Schedule
{
    @Override
    public long offsetNs(final long index)
    {
        return 0;
    }

    @Override
    public boolean isMaxRate()
    {
        return true;
    }

    @Override
    public double targetRatePerSecond()
    {
        return Double.NaN;
    }

    @Override
    public String describe()
    {
        return "max";
    }
}
