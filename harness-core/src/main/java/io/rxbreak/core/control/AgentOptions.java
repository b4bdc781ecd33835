package io.rxbreak.core.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.rxbreak.core.config.BadInputException;

/**
 * The options that make {@code rxbreak send} or {@code rxbreak receive} run as an agent driven by a controller
 * over HTTP/JSON, as a picocli mixin shared by both. Bound beyond loopback the control channel is TLS: with the
 * user's certificate ({@value #TLS_CERT}, {@value #TLS_KEY}) or, without one, a self-signed certificate the agent
 * generates at start and prints the fingerprint of ({@link #TLS_CERTIFICATE}); plain HTTP there only with
 * {@value #PLAIN_HTTP}. On loopback it is plain HTTP unless a certificate is given.
 */
public final class AgentOptions
{
    /** The line an agent prints on standard output once it listens, followed by its base URL. */
    public static final String LISTENING = "rxbreak agent listening on ";
    /** The environment variable an agent reads its token from when {@code --agent-token} is not given. */
    public static final String TOKEN_ENVIRONMENT = "RXBREAK_AGENT_TOKEN";

    /**
     * The line an agent serving TLS prints on standard output before {@link #LISTENING}, followed by its
     * certificate's {@link TlsFingerprint}, the one to pin.
     */
    public static final String TLS_CERTIFICATE = "rxbreak agent TLS certificate ";

    /** The option naming the agent's own certificate (PEM). */
    public static final String TLS_CERT = "--agent-tls-cert";

    /** The option naming that certificate's private key (PEM). */
    public static final String TLS_KEY = "--agent-tls-key";

    /** The option that keeps the control channel plain HTTP beyond loopback. */
    public static final String PLAIN_HTTP = "--agent-plain-http";

    /** What an agent bound beyond loopback with {@value #PLAIN_HTTP} prints on standard error as it starts. */
    public static final String PLAIN_HTTP_WARNING = "rxbreak agent: warning: " + PLAIN_HTTP + ": the token and the " +
        "results cross the network in clear, and anyone on the path can read them and replay the token to drive " +
        "this agent; leave the option out for TLS";

    @Option(names = "--agent", paramLabel = "[ADDR:]PORT",
        description = "Run as an agent that a controller drives over HTTP/JSON, listening on ADDR:PORT " +
            "(ADDR defaults to 127.0.0.1; port 0 picks a free one and prints it).")
    String agent;

    @Option(names = "--agent-token", paramLabel = "TOKEN",
        description = "The shared token the controller must send; required when the agent binds beyond loopback. " +
            "Also read from the environment variable " + TOKEN_ENVIRONMENT + ".")
    String token;

    @Option(names = TLS_CERT, paramLabel = "FILE",
        description = "Serve the control channel over TLS with this certificate (PEM; intermediates may follow), " +
            "also on loopback. Without it, an agent bound beyond loopback generates a self-signed one at start and " +
            "prints its fingerprint ('" + TLS_CERTIFICATE + "sha256:...') for the controller to pin.")
    Path tlsCert;

    @Option(names = TLS_KEY, paramLabel = "FILE",
        description = "The private key of " + TLS_CERT + " (PEM, unencrypted).")
    Path tlsKey;

    @Option(names = PLAIN_HTTP,
        description = "Serve plain HTTP beyond loopback instead of TLS: the token and the results cross the network " +
            "in clear. Only on a network that is yours alone.")
    boolean plainHttp;

    @Option(names = "--exit-with-parent", hidden = true,
        description = "Exit when standard input closes (the controller that started this agent is gone).")
    boolean exitWithParent;

    /**
     * @return whether to run as an agent.
     */
    public boolean enabled()
    {
        return agent != null;
    }

    /**
     * @return the address to listen on.
     * @throws BadInputException naming --agent when it is not [ADDR:]PORT.
     */
    public InetSocketAddress address()
    {
        return parse(agent);
    }

    /**
     * Check every agent option before anything starts: the address, the token beyond loopback, the TLS options
     * and the files they name.
     *
     * @throws BadInputException naming the option to change.
     */
    public void validate()
    {
        final InetSocketAddress address = address();
        AgentServer.requireToken(address, token());
        if (tlsOptions())
        {
            AgentCertificate.read(tlsCert, tlsKey);
        }
    }

    /**
     * @return the certificate to serve TLS with: the user's ({@value #TLS_CERT}), or one generated now when bound
     *     beyond loopback; null for plain HTTP (on loopback without a certificate, or with {@value #PLAIN_HTTP}).
     * @throws BadInputException naming the option to change.
     */
    public AgentCertificate tls()
    {
        if (tlsOptions())
        {
            return AgentCertificate.read(tlsCert, tlsKey);
        }
        if (plainHttp || address().getAddress().isLoopbackAddress())
        {
            return null;
        }
        return AgentCertificate.generate();
    }

    /**
     * @return whether the user's certificate is given (both files; neither with {@value #PLAIN_HTTP}).
     * @throws BadInputException for one file without the other, or a certificate with {@value #PLAIN_HTTP}.
     */
    private boolean tlsOptions()
    {
        if (plainHttp && (tlsCert != null || tlsKey != null))
        {
            throw BadInputException.option(PLAIN_HTTP, "contradicts " + (tlsCert != null ? TLS_CERT : TLS_KEY) +
                ": give a certificate for TLS, or " + PLAIN_HTTP + " alone for plain HTTP");
        }
        if (tlsCert != null && tlsKey == null)
        {
            throw BadInputException.option(TLS_KEY, "missing: " + TLS_CERT + " needs its private key, " +
                TLS_KEY + " FILE (PEM)");
        }
        if (tlsKey != null && tlsCert == null)
        {
            throw BadInputException.option(TLS_CERT, "missing: " + TLS_KEY + " needs its certificate, " +
                TLS_CERT + " FILE (PEM)");
        }
        return tlsCert != null;
    }

    /**
     * @return the shared token, from the option or the environment, or null.
     */
    public String token()
    {
        if (token != null && !token.isEmpty())
        {
            return token;
        }
        final String fromEnvironment = System.getenv(TOKEN_ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    /**
     * @return whether the agent exits when its standard input closes.
     */
    public boolean exitWithParent()
    {
        return exitWithParent;
    }

    /**
     * @param text {@code PORT}, {@code ADDR:PORT} or {@code [ADDR6]:PORT}.
     * @return the address; 127.0.0.1 when none is given.
     */
    static InetSocketAddress parse(final String text)
    {
        final String value = text.trim();
        final int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
        final String portText = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port;
        try
        {
            port = Integer.parseInt(portText);
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option("--agent", "'" + text + "' is not [ADDR:]PORT, like 7070 or 127.0.0.1:7070");
        }
        if (port < 0 || port > 65_535)
        {
            throw BadInputException.option("--agent", "port " + port + " is out of range: use 0-65535");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw BadInputException.option("--agent", "'" + host + "' is not an address to listen on");
        }
    }
}
