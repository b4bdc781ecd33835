package io.rxbreak.sender.schedule;

import io.rxbreak.core.config.Units;

/**
 * On/off ({@code onoff:ON/OFF}): the constant rate during each ON window, nothing during the OFF window after it.
 * Each ON window carries the messages a constant schedule would send in it, starting at the window's start.
 */
public final class OnOffSchedule implements Schedule
{
    private final ConstantSchedule rate;
    private final long onNs;
    private final long offNs;
    private final long messagesPerWindow;

    /**
     * @param ratePerSecond the rate during ON.
     * @param onNs how long each ON window lasts, more than 0.
     * @param offNs how long each OFF window lasts, at least 0.
     */
    public OnOffSchedule(final long ratePerSecond, final long onNs, final long offNs)
    {
        if (onNs <= 0 || offNs < 0)
        {
            throw new IllegalArgumentException("onoff needs ON > 0 and OFF >= 0");
        }
        this.rate = new ConstantSchedule(ratePerSecond);
        this.onNs = onNs;
        this.offNs = offNs;
        this.messagesPerWindow = rate.countBefore(onNs);
    }

    @Override
    public long offsetNs(final long index)
    {
        final long window = index / messagesPerWindow;
        return window * (onNs + offNs) + rate.offsetNs(index % messagesPerWindow);
    }

    public long messagesPerWindow()
    {
        return messagesPerWindow;
    }

    @Override
    public double targetRatePerSecond()
    {
        return messagesPerWindow * 1e9 / (onNs + offNs);
    }

    @Override
    public String describe()
    {
        return "onoff:" + Units.formatDuration(onNs) + "/" + Units.formatDuration(offNs) + " at " +
            rate.ratePerSecond() + "/s";
    }
}
