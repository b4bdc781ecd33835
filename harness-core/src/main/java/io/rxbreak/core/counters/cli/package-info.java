/**
 * The {@code rxbreak counters} subcommands: watch, snapshot, capture and diff of the receive-path counters.
 */
package io.rxbreak.core.counters.cli;
