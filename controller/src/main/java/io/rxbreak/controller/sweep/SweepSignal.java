package io.rxbreak.controller.sweep;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT or SIGTERM during a sweep: a shutdown hook marks the signal and holds the JVM's exit until the sweep has
 * written its files (bounded). It interrupts nothing itself: the running point's ramp has its own guard (in this
 * process) or is a child in its sandbox, which the sandbox's own hook stops; the sweep then starts no further point.
 */
final class SweepSignal implements AutoCloseable
{
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;

    private SweepSignal(final long waitSeconds)
    {
        hook = new Thread(() ->
        {
            signalled = true;
            try
            {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "rxbreak-sweep-shutdown");
    }

    /**
     * @param waitSeconds how long the exit waits at most for the sweep to write its files.
     * @return the guard, installed.
     */
    static SweepSignal install(final long waitSeconds)
    {
        final SweepSignal signal = new SweepSignal(waitSeconds);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /**
     * @return whether a signal came.
     */
    boolean signalled()
    {
        return signalled;
    }

    @Override
    public void close()
    {
        finished.countDown();
        if (!signalled)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down after all: the hook finds the latch open
            }
        }
    }
}
