/**
 * The receive-path counters over time: a {@link io.rxbreak.core.timeline.TimelineSample} per interval (drops per
 * layer, time_squeeze, rx_queue, NET_RX softirqs and ksoftirqd CPU time per CPU, the application's own loss), the
 * recording file of {@code counters watch --record} (written and read back line by line, in bounded memory), the
 * bounded per-trial timeline of a ramp, the application's loss events, and the downsampling that keeps spikes.
 */
package io.rxbreak.core.timeline;
