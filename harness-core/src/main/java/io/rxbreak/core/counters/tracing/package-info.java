/**
 * Counting the socket-buffer tracepoints through tracefs, in tracing instances of rxbreak's own that are removed
 * on close, on exit and, when left by a process that died, by the next run.
 */
package io.rxbreak.core.counters.tracing;
