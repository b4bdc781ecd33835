/**
 * {@code latency.hlog}: the run's interval latency histograms in HdrHistogram's log format, tagged by trial and
 * flushed as they are appended.
 * <p>
 * May use: HdrHistogram and the JDK only; no other rxbreak package. Threading: a {@code LatencyLogWriter} is not
 * thread-safe: one thread appends (the ramp's run thread, through the trial runner's latency sink); each histogram is
 * copied, so the caller may reuse it at once.
 */
package io.rxbreak.controller.report.hlog;
