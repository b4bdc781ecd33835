package io.rxbreak.core.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One-way latency of a receiver's trial ({@link ReceiverTrialReport#latency()}): intended send time (from the
 * header) to receipt (the receiver's epoch clock), in nanoseconds, as a percentile ladder up to the maximum. Across
 * hosts it is only as true as the hosts' clock synchronisation (PTP, chrony); on one host both ends read the same
 * clock.
 *
 * @param count how many latencies were recorded (warm-up messages are not).
 * @param minNs the smallest.
 * @param meanNs the mean.
 * @param percentilesNs percentile (as text, like "99.9") to latency.
 * @param maxNs the largest.
 * @param negative latencies below zero (the clocks disagree), recorded as 0.
 * @param clamped latencies above a minute, recorded as one minute.
 * @param note what the figures mean.
 */
public record LatencySummary(long count, long minNs, double meanNs, Map<String, Long> percentilesNs, long maxNs,
    long negative, long clamped, String note)
{
    /** The ladder's steps. */
    private static final double[] LADDER = {50, 90, 99, 99.9, 99.99, 99.999};

    /** What the figures mean, stated in every result. */
    public static final String NOTE = "one-way: receipt minus intended send time (coordinated-omission safe); " +
        "across hosts it needs synchronised clocks";

    /**
     * @param histogram the latencies.
     * @param negative how many were below zero.
     * @param clamped how many were above the histogram's range.
     * @return the summary.
     */
    public static LatencySummary of(final Histogram histogram, final long negative, final long clamped)
    {
        final Map<String, Long> percentiles = new LinkedHashMap<>();
        final long count = histogram.getTotalCount();
        for (final double percentile : LADDER)
        {
            percentiles.put(label(percentile), count == 0 ? 0 : histogram.getValueAtPercentile(percentile));
        }
        return new LatencySummary(count, count == 0 ? 0 : histogram.getMinValue(),
            count == 0 ? 0 : histogram.getMean(), percentiles, count == 0 ? 0 : histogram.getMaxValue(), negative, clamped, NOTE);
    }

    /**
     * @param percentile a step of the ladder, like {@code 99.9}.
     * @return the latency at that step, or 0 when the ladder lacks it.
     */
    public long percentileNs(final double percentile)
    {
        final Long value = percentilesNs == null ? null : percentilesNs.get(label(percentile));
        return value == null ? 0 : value;
    }

    private static String label(final double percentile)
    {
        return percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile);
    }
}
