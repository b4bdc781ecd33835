package io.rxbreak.controller.report;

/**
 * An agent's host clock against the controller's, measured over the control channel as NTP does (four timestamps per
 * exchange, the exchange with the shortest round trip kept), at the start and at the end of the run.
 *
 * @param offsetNs           the agent's clock minus the controller's, at the start.
 * @param uncertaintyNs      how far the true offset may be from it (half the best round trip, and the clocks'
 *                           resolution).
 * @param driftPpm           how fast the offset changed over the run, parts per million; null when measured once.
 * @param latencyCorrectionNs what was taken from this receiver's one-way latencies (its offset less the senders'),
 *                           or null when they were not corrected.
 * @param latencyTrusted     whether the latency figures are larger than the correction's uncertainty; when not, they
 *                           are reported as measured and flagged.
 */
public record ClockFigures(long offsetNs, long uncertaintyNs, Double driftPpm, Long latencyCorrectionNs,
    boolean latencyTrusted)
{
}
