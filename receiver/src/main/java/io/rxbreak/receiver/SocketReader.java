package io.rxbreak.receiver;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * How one socket is read: Netty's datagram read path ({@code --transport epoll} or {@code io_uring}) or
 * {@code recvmmsg} into one reused buffer on a thread of its own ({@code --transport recvmmsg}, the default).
 * Either way the throttle decides when the next read may start, and the data waits in the kernel until then.
 */
interface SocketReader
{
    /** How long {@link #close()} waits at most for the reading to stop, seconds. */
    long CLOSE_WAIT_S = 10;

    /**
     * Start reading. Once.
     */
    void start();

    /**
     * Change the throttle; returns once the reading thread uses it. Any thread.
     *
     * @param spec the new throttle.
     */
    void applyThrottle(ThrottleSpec spec);

    /**
     * @return the throttle's state, for reports; any thread.
     */
    String throttleState();

    /**
     * Stop taking messages (a reader blocked on a full application queue gives up); any thread.
     */
    void markClosing();

    /**
     * Stop reading and drain the application queue; returns when done. Any thread.
     *
     * @return null when it stopped cleanly, else why not.
     */
    String close();

    /**
     * @return the id of the thread that reads (its TID), or -1 when unknown.
     */
    int readingTid();

    /**
     * Wait, bounded ({@value #CLOSE_WAIT_S} s), for a reader's stop to complete.
     *
     * @param stopped completes when the reader has stopped.
     * @return null when it stopped, else why not.
     */
    static String awaitStopped(final Future<?> stopped)
    {
        try
        {
            stopped.get(CLOSE_WAIT_S, TimeUnit.SECONDS);
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted while stopping";
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return ex.toString();
        }
    }
}
