package io.rxbreak.core.control;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends an agent whose controller is gone: a controller starts its local agents with a pipe on their standard
 * input, and the pipe closes when the controller exits, however it exits (even killed with SIGKILL). A daemon
 * thread waits for that end of input and then runs the given action.
 */
public final class ParentWatch
{
    private ParentWatch()
    {
    }

    /**
     * @param in the standard input.
     * @param onParentGone what to do once it closes, for example stop the agent and exit.
     * @return the watching thread, started.
     */
    public static Thread onEndOfInput(final InputStream in, final Runnable onParentGone)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] discard = new byte[256];
            try
            {
                while (in.read(discard) >= 0)
                {
                    // a controller sends nothing; wait for the end of input
                }
            }
            catch (final IOException ex)
            {
                // a broken pipe means the same as end of input
            }
            onParentGone.run();
        }, "rxbreak-parent-watch");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
