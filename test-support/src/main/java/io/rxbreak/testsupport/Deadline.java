package io.rxbreak.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Wait for a condition with a deadline, never a fixed sleep: poll with a short, growing back-off and fail with
 * a message saying what did not happen in time.
 */
public final class Deadline
{
    private Deadline()
    {
    }

    /**
     * @param timeout how long the condition may take.
     * @param what what is awaited, for the failure message.
     * @param condition true once done.
     */
    public static void await(final Duration timeout, final String what, final BooleanSupplier condition)
    {
        await(timeout, () -> what, condition);
    }

    /**
     * @param timeout how long the condition may take.
     * @param what what is awaited and what was seen last, computed only on failure.
     * @param condition true once done.
     */
    public static void await(final Duration timeout, final Supplier<String> what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        long backoffNs = TimeUnit.MICROSECONDS.toNanos(100);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            LockSupport.parkNanos(backoffNs);
            if (Thread.interrupted())
            {
                throw new AssertionError("interrupted while waiting for " + what.get());
            }
            backoffNs = Math.min(backoffNs * 2, TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
