package io.rxbreak.core.counters.cli;

import java.util.Locale;

/**
 * Numbers for people: thousands separators, rates, absent values and the drop marker.
 */
final class Format
{
    static final String ABSENT = "-";
    private static final String RED = "\u001B[1;31m";
    private static final String RESET = "\u001B[0m";

    private final boolean colour;

    Format(final boolean colour)
    {
        this.colour = colour;
    }

    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String count(final Long value)
    {
        return value == null ? ABSENT : count(value.longValue());
    }

    static String optional(final long value)
    {
        return value < 0 ? ABSENT : count(value);
    }

    static String rate(final long delta, final Long intervalNs)
    {
        if (intervalNs == null || intervalNs <= 0)
        {
            return ABSENT;
        }
        final double perSecond = delta * 1e9 / intervalNs;
        return perSecond >= 100 || perSecond == 0
            ? String.format(Locale.ROOT, "%,.0f", perSecond)
            : String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    /**
     * @return the value, marked with '!' (and red on a terminal) when it is a drop that moved.
     */
    String drop(final Long value)
    {
        if (value == null)
        {
            return ABSENT;
        }
        if (value == 0)
        {
            return "0";
        }
        final String text = count(value.longValue()) + "!";
        return colour ? RED + text + RESET : text;
    }

    String marker(final boolean dropped)
    {
        if (!dropped)
        {
            return " ";
        }
        return colour ? RED + "!" + RESET : "!";
    }
}
