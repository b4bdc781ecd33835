package io.rxbreak.controller;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT or SIGTERM during a run: a shutdown hook interrupts the run's thread (when it has one to interrupt) and holds
 * the JVM's exit until the run has written its partial report and stopped its agents (bounded). Closed when the run
 * ends; a run that ended without a signal removes the hook. A sweep holds the exit without interrupting: the running
 * point's ramp has its own guard, or is a child in its sandbox that the sandbox's hook stops.
 */
public final class SignalGuard implements AutoCloseable
{
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;

    private SignalGuard(final Thread runThread, final long waitSeconds)
    {
        hook = new Thread(() ->
        {
            signalled = true;
            if (runThread != null)
            {
                runThread.interrupt();
            }
            try
            {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "rxbreak-ramp-shutdown");
    }

    /**
     * @param waitSeconds how long the exit waits at most for the run to finish.
     * @return the guard of the calling thread, installed.
     */
    static SignalGuard install(final long waitSeconds)
    {
        return install(Thread.currentThread(), waitSeconds);
    }

    /**
     * @param waitSeconds how long the exit waits at most for the run to write its files.
     * @return a guard that interrupts nothing and only holds the exit, installed.
     */
    public static SignalGuard holdingExit(final long waitSeconds)
    {
        return install(null, waitSeconds);
    }

    private static SignalGuard install(final Thread runThread, final long waitSeconds)
    {
        final SignalGuard guard = new SignalGuard(runThread, waitSeconds);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /**
     * @return whether a signal interrupted the run.
     */
    public boolean signalled()
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
                // shutting down after all
            }
        }
    }
}
