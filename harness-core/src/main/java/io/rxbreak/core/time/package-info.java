/**
 * Clocks: the monotonic clock that schedules and intervals use ({@code NanoClock}, which tests replace), the epoch
 * clock that stamps messages and that agents serve on {@code GET /clock} ({@code EpochClock}), and {@code LinearTrend}, the least-squares slope behind the
 * backlog growth.
 * <p>
 * May use: the JDK only. Threading: {@code NanoClock.SYSTEM} and an {@code EpochClock} (immutable) are safe from any
 * thread; a {@code LinearTrend} has exactly one writing thread, which also owns its {@code Points} and allocates
 * nothing, while any thread may take a {@code snapshot()} (a sequence lock).
 */
package io.rxbreak.core.time;
