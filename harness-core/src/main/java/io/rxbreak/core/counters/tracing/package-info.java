/**
 * Counting the socket-buffer tracepoints through tracefs ({@code TracepointCounter}; {@code Tracefs} finds or, as
 * root, mounts it), in tracing instances of rxbreak's own that are removed on close, on exit and, when left by a
 * process that died, by the next run. Needs root.
 * <p>
 * May use: {@code io.rxbreak.core.counters} ({@code TracepointCounts}, what it reads) and {@code io.rxbreak.core.os}
 * ({@code Privileges}); nothing outside harness-core. Threading: a {@code TracepointCounter} may be read from any
 * thread; {@code read} and the removal of its instances are synchronized, so that the shutdown hook never removes an
 * instance being read.
 */
package io.rxbreak.core.counters.tracing;
