package io.rxbreak.sender.schedule;

import io.rxbreak.core.config.Units;

/**
 * Microbursts ({@code burst:N/PERIOD}): N messages due together at the start of every period, sent back to back.
 * The average rate is N per period.
 */
public final class BurstSchedule implements Schedule
{
    private final long burstMessages;
    private final long periodNs;

    /**
     * @param burstMessages messages per burst, at least 1.
     * @param periodNs the time from one burst's start to the next, at least 1 ns.
     */
    public BurstSchedule(final long burstMessages, final long periodNs)
    {
        if (burstMessages < 1 || periodNs < 1)
        {
            throw new IllegalArgumentException("burst needs N >= 1 and PERIOD > 0");
        }
        this.burstMessages = burstMessages;
        this.periodNs = periodNs;
    }

    @Override
    public long offsetNs(final long index)
    {
        return (index / burstMessages) * periodNs;
    }

    public long burstMessages()
    {
        return burstMessages;
    }

    public long periodNs()
    {
        return periodNs;
    }

    @Override
    public double targetRatePerSecond()
    {
        return burstMessages * 1e9 / periodNs;
    }

    @Override
    public String describe()
    {
        return "burst:" + burstMessages + "/" + Units.formatDuration(periodNs);
    }
}
