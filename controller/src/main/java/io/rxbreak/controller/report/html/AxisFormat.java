package io.rxbreak.controller.report.html;

import java.util.Locale;

/**
 * How a chart's value axis labels its ticks: compact numbers for rates and counts, binary units for bytes,
 * time units for nanoseconds.
 */
enum AxisFormat
{
    /** 25k, 1.5M. */
    COUNT,
    /** 256KiB, 1.5MiB. */
    BYTES,
    /** 10us, 1ms (the values are nanoseconds). */
    NANOS,
    /** 0.5%, 20% (the values are fractions). */
    PERCENT;

    String format(final double value)
    {
        switch (this)
        {
            case BYTES:
                return scaled(value, 1024.0, new String[] {"B", "KiB", "MiB", "GiB"}, "");
            case NANOS:
                return scaled(value, 1000.0, new String[] {"ns", "us", "ms", "s"}, "");
            case PERCENT:
                return trim(value * 100.0) + "%";
            default:
                return scaled(value, 1000.0, new String[] {"", "k", "M", "G"}, "");
        }
    }

    private static String scaled(final double value, final double base, final String[] units, final String suffix)
    {
        double scaledValue = value;
        int unit = 0;
        while (Math.abs(scaledValue) >= base && unit < units.length - 1)
        {
            scaledValue /= base;
            unit++;
        }
        return trim(scaledValue) + units[unit] + suffix;
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
