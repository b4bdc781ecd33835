package io.rxbreak.core.config;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Durations ({@code 250ms}, {@code 1.5s}, {@code 2m}) and sizes ({@code 4MiB}, {@code 64k}) parsed in one place,
 * and formatted back the same way.
 */
public final class Units
{
    private Units()
    {
    }

    /**
     * Parse a duration. A bare number means seconds. Units: {@code ns}, {@code us}, {@code ms}, {@code s},
     * {@code m}, {@code h}; fractions are allowed ({@code 1.5s}).
     *
     * @param text the duration as typed.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException naming what was expected.
     */
    public static long parseDurationNs(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        final int split = firstUnitChar(value);
        final String number = value.substring(0, split);
        final String unit = value.substring(split).trim();
        final long unitNs;
        switch (unit)
        {
            case "ns": unitNs = 1; break;
            case "us": case "µs": unitNs = 1_000; break;
            case "ms": unitNs = 1_000_000; break;
            case "": case "s": unitNs = TimeUnit.SECONDS.toNanos(1); break;
            case "m": case "min": unitNs = TimeUnit.MINUTES.toNanos(1); break;
            case "h": unitNs = TimeUnit.HOURS.toNanos(1); break;
            default:
                throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: expected a number with ns, us, ms, s, m or h, like 250ms");
        }
        return Math.round(parseNonNegative(number, text, "a duration, like 250ms") * unitNs);
    }

    /**
     * Parse a size in bytes. Units: none (bytes), {@code k}/{@code KiB} (1024), {@code M}/{@code MiB},
     * {@code G}/{@code GiB}; {@code KB}, {@code MB}, {@code GB} are powers of 1000.
     *
     * @param text the size as typed.
     * @return the size in bytes.
     * @throws IllegalArgumentException naming what was expected.
     */
    public static long parseBytes(final String text)
    {
        final String value = text.trim();
        final int split = firstUnitChar(value);
        final String number = value.substring(0, split);
        final String unit = value.substring(split).trim();
        final long multiplier;
        switch (unit)
        {
            case "": case "b": case "B": multiplier = 1; break;
            case "k": case "K": case "KiB": case "kiB": multiplier = 1L << 10; break;
            case "m": case "M": case "MiB": multiplier = 1L << 20; break;
            case "g": case "G": case "GiB": multiplier = 1L << 30; break;
            case "kB": case "KB": multiplier = 1_000L; break;
            case "MB": multiplier = 1_000_000L; break;
            case "GB": multiplier = 1_000_000_000L; break;
            default:
                throw new IllegalArgumentException(
                    "'" + text + "' is not a size: expected bytes with an optional KiB, MiB or GiB, like 4MiB");
        }
        return Math.round(parseNonNegative(number, text, "a size, like 4MiB") * multiplier);
    }

    /**
     * @param durationNs a duration in nanoseconds.
     * @return the duration with the largest unit that keeps it short, like {@code 250ms} or {@code 1.5s}.
     */
    public static String formatDuration(final long durationNs)
    {
        if (durationNs % 1_000_000_000L == 0)
        {
            return durationNs / 1_000_000_000L + "s";
        }
        if (durationNs >= 1_000_000_000L)
        {
            return trim(durationNs / 1e9) + "s";
        }
        if (durationNs >= 1_000_000L)
        {
            return trim(durationNs / 1e6) + "ms";
        }
        if (durationNs >= 1_000L)
        {
            return trim(durationNs / 1e3) + "us";
        }
        return durationNs + "ns";
    }

    /**
     * @param bytes a size in bytes.
     * @return the size with a binary unit when it is a whole number of that unit, like {@code 4MiB}.
     */
    public static String formatBytes(final long bytes)
    {
        if (bytes != 0 && bytes % (1L << 30) == 0)
        {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0)
        {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0)
        {
            return (bytes >> 10) + "KiB";
        }
        return Long.toString(bytes);
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static int firstUnitChar(final String value)
    {
        int i = 0;
        while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.'))
        {
            i++;
        }
        return i;
    }

    private static double parseNonNegative(final String number, final String text, final String expected)
    {
        if (number.isEmpty())
        {
            throw new IllegalArgumentException("'" + text + "' is not " + expected);
        }
        try
        {
            return Double.parseDouble(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not " + expected, ex);
        }
    }
}
