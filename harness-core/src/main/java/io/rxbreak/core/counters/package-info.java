/**
 * The kernel's receive-path counters: typed snapshots of softnet_stat, /proc/net/udp(6), snmp, dev, interface
 * statistics and tunables read from configurable roots, wrap-safe deltas, and drops summarised per {@link
 * io.rxbreak.core.counters.Layer}.
 */
package io.rxbreak.core.counters;
