package io.rxbreak.feed;

/**
 * The unit of a capture's timestamps: a power of ten of a second (pcap's microseconds and nanoseconds, pcapng's
 * default 10^-6 and any {@code if_tsresol} with the high bit clear) or a power of two ({@code if_tsresol} with the
 * high bit set).
 *
 * @param binary whether the unit is 2^-exponent seconds (else 10^-exponent).
 * @param exponent the exponent: 0-18 for a power of ten, 0-63 for a power of two.
 */
record TimestampResolution(boolean binary, int exponent)
{
    /** pcap's and pcapng's default: microseconds. */
    static final TimestampResolution MICROSECONDS = new TimestampResolution(false, 6);
    /** pcap's nanosecond format. */
    static final TimestampResolution NANOSECONDS = new TimestampResolution(false, 9);

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};
    private static final long NS_PER_SECOND = 1_000_000_000L;

    TimestampResolution
    {
        if (exponent < 0 || exponent > (binary ? 63 : 18))
        {
            throw new IllegalArgumentException("unsupported timestamp resolution " + label(binary, exponent));
        }
    }

    /**
     * @param tsresol pcapng's {@code if_tsresol} byte.
     * @return the unit it describes.
     */
    static TimestampResolution ofTsresol(final int tsresol)
    {
        return new TimestampResolution((tsresol & 0x80) != 0, tsresol & 0x7F);
    }

    /**
     * @param tsresol pcapng's {@code if_tsresol} byte.
     * @return whether rxbreak converts it (10^-0 to 10^-18, 2^-0 to 2^-63).
     */
    static boolean supported(final int tsresol)
    {
        return (tsresol & 0x7F) <= ((tsresol & 0x80) != 0 ? 63 : 18);
    }

    /**
     * @param ticks a timestamp in this unit (taken as unsigned).
     * @return the same time in nanoseconds, rounded down.
     */
    long toNanos(final long ticks)
    {
        if (binary)
        {
            if (exponent == 0)
            {
                return ticks * NS_PER_SECOND;
            }
            final long whole = ticks >>> exponent;
            final long fraction = ticks & ((1L << exponent) - 1);
            // fraction * 10^9 / 2^exponent with the 128-bit product, so no precision is lost
            final long high = Math.multiplyHigh(fraction, NS_PER_SECOND);
            final long low = fraction * NS_PER_SECOND;
            return whole * NS_PER_SECOND + ((high << (64 - exponent)) | (low >>> exponent));
        }
        if (exponent <= 9)
        {
            return ticks * POWERS_OF_TEN[9 - exponent];
        }
        return Long.divideUnsigned(ticks, POWERS_OF_TEN[exponent - 9]);
    }

    /**
     * @return the unit for people: {@code us}, {@code ns}, {@code 10^-12 s}, {@code 2^-20 s}.
     */
    String label()
    {
        return label(binary, exponent);
    }

    private static String label(final boolean binary, final int exponent)
    {
        if (binary)
        {
            return "2^-" + exponent + " s";
        }
        switch (exponent)
        {
            case 0: return "s";
            case 3: return "ms";
            case 6: return "us";
            case 9: return "ns";
            default: return "10^-" + exponent + " s";
        }
    }
}
