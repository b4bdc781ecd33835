package io.rxbreak.controller.search;

import java.util.Locale;

/**
 * Message rates as typed on the command line: a whole number of messages per second with an optional {@code k}
 * (thousand) or {@code M} (million) suffix, like {@code 250000}, {@code 250k} or {@code 1.5M}.
 */
public final class RateText
{
    private RateText()
    {
    }

    /**
     * @param text the rate as typed.
     * @return messages per second, rounded to the nearest whole message.
     * @throws IllegalArgumentException saying what was expected.
     */
    public static long parse(final String text)
    {
        final String value = text == null ? "" : text.trim().replace("_", "");
        if (value.isEmpty())
        {
            throw new IllegalArgumentException("'" + text + "' is not a rate: expected messages per second, like 250k");
        }
        final char last = value.charAt(value.length() - 1);
        final double multiplier;
        final String number;
        if (last == 'k' || last == 'K')
        {
            multiplier = 1_000;
            number = value.substring(0, value.length() - 1);
        }
        else if (last == 'M' || last == 'm')
        {
            multiplier = 1_000_000;
            number = value.substring(0, value.length() - 1);
        }
        else
        {
            multiplier = 1;
            number = value;
        }
        final double parsed;
        try
        {
            parsed = Double.parseDouble(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "'" + text + "' is not a rate: expected messages per second, like 250k", ex);
        }
        final double rate = parsed * multiplier;
        if (!(rate >= 0) || rate >= Long.MAX_VALUE)
        {
            throw new IllegalArgumentException("'" + text + "' is not a rate: expected messages per second, like 250k");
        }
        return Math.round(rate);
    }

    /**
     * @param ratePerSecond messages per second.
     * @return the rate with thousands separators, like {@code 250,000}.
     */
    public static String format(final long ratePerSecond)
    {
        return String.format(Locale.ROOT, "%,d", ratePerSecond);
    }
}
