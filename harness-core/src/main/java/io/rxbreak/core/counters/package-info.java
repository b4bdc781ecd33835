/**
 * The kernel's receive-path counters: typed snapshots of softnet_stat, /proc/net/udp(6), snmp, dev, interface
 * statistics and tunables read from configurable roots (the live system, a capture, or another process's network
 * namespace), wrap-safe deltas, and drops summarised per {@link io.rxbreak.core.counters.Layer};
 * {@code TrialCounterWindow} samples them at both ends of a trial.
 * <p>
 * May use: the JDK, Jackson ({@code CountersJson}) and {@code io.rxbreak.core.counters.tracing}; never the
 * {@code counters.cli} commands built on it, nor the sender, receiver or controller. Threading: a
 * {@code CounterSampler}, with its {@code CounterFiles}, parsers and readers (they reuse their buffers), belongs to one
 * sampling thread; snapshots, diffs and the other records are not changed once built and may be shared;
 * {@code CounterDiffer} is stateless; {@code TrialCounterWindow}'s {@code begin} and {@code end} are synchronized and
 * may come from any thread.
 */
package io.rxbreak.core.counters;
