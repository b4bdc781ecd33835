package io.rxbreak.controller.trial;

/**
 * Latency percentiles of a trial's measured window, in nanoseconds from the intended send time to receipt.
 *
 * @param p50Ns  the median.
 * @param p90Ns  the 90th percentile.
 * @param p99Ns  the 99th percentile.
 * @param p999Ns the 99.9th percentile.
 * @param maxNs  the largest.
 */
public record Latency(long p50Ns, long p90Ns, long p99Ns, long p999Ns, long maxNs)
{
}
