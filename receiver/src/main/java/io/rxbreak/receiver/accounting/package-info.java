/**
 * Exact accounting of what a receiver took: per-stream sequence tracking (gaps, duplicates, reordering, end
 * markers), per-trial windows, socket counters read from the kernel and latency histograms, from which the receiver
 * builds the results a trial or a standalone run reports (harness-core's {@link
 * io.rxbreak.core.protocol.ReceiverTrialReport}, with its socket and stream results).
 * <p>
 * May use: harness-core (wire format, clocks, kernel counters). Threading: a {@link
 * io.rxbreak.receiver.accounting.SequenceTracker} and a socket's {@link io.rxbreak.receiver.accounting.SocketTrials}
 * are written by that socket's reading thread only; results are assembled by the control thread after the reading
 * threads published their windows (see {@link io.rxbreak.receiver.accounting.TrialAccounting}).
 */
package io.rxbreak.receiver.accounting;
