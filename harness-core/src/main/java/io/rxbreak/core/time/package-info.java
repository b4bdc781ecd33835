/**
 * Clocks: the monotonic clock that schedules and intervals use, and the epoch clock that stamps messages.
 */
package io.rxbreak.core.time;
