package io.rxbreak.core.time;

/**
 * A monotonic clock in nanoseconds. Production code uses {@link #SYSTEM}; tests pass a clock they control.
 */
@FunctionalInterface
public interface NanoClock
{
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /**
     * @return the current time in nanoseconds, from an arbitrary origin.
     */
    long nanoTime();
}
