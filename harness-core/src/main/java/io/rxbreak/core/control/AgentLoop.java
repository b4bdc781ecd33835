package io.rxbreak.core.control;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Serves an agent until it is told to stop: SIGINT or SIGTERM, or, with {@code --exit-with-parent}, the end of
 * the controller's pipe on standard input. Prints {@link AgentOptions#LISTENING} and the URL once it listens, so
 * that a controller that started it learns where it is; over TLS, {@link AgentOptions#TLS_CERTIFICATE} and the
 * certificate's fingerprint before it, to pin; plain HTTP beyond loopback, {@link AgentOptions#PLAIN_HTTP_WARNING} on
 * standard error.
 */
public final class AgentLoop
{
    private AgentLoop()
    {
    }

    /**
     * @param options where to listen, the token, TLS, whether to exit with the parent.
     * @param handler what serves the requests.
     * @param out where the fingerprint and listening lines go.
     * @param err where the warning of plain HTTP beyond loopback goes.
     * @param name a short name for the stopping thread, like {@code send}.
     * @throws InterruptedException when interrupted while binding or serving.
     */
    public static void serve(final AgentOptions options, final AgentHandler handler, final PrintWriter out,
        final PrintWriter err, final String name) throws InterruptedException
    {
        final InetSocketAddress address = options.address();
        final AgentCertificate certificate = options.tls();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(stopped::countDown, "rxbreak-" + name + "-agent-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (AgentServer server = AgentServer.start(address, options.token(), certificate, handler))
        {
            if (options.exitWithParent())
            {
                ParentWatch.onEndOfInput(System.in, stopped::countDown);
            }
            if (certificate == null && !address.getAddress().isLoopbackAddress())
            {
                err.println(AgentOptions.PLAIN_HTTP_WARNING);
                err.flush();
            }
            if (certificate != null)
            {
                out.println(AgentOptions.TLS_CERTIFICATE + certificate.fingerprint());
            }
            out.println(AgentOptions.LISTENING + server.url());
            out.flush();
            stopped.await();
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook has run
            }
        }
    }
}
