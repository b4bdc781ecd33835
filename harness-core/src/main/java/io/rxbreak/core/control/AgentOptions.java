package io.rxbreak.core.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import picocli.CommandLine.Option;

import io.rxbreak.core.config.BadInputException;

/**
 * The options that make {@code rxbreak send} or {@code rxbreak receive} run as an agent driven by a controller
 * over HTTP/JSON, as a picocli mixin shared by both.
 */
public final class AgentOptions
{
    /** The line an agent prints on standard output once it listens, followed by its base URL. */
    public static final String LISTENING = "rxbreak agent listening on ";
    /** The environment variable an agent reads its token from when {@code --agent-token} is not given. */
    public static final String TOKEN_ENVIRONMENT = "RXBREAK_AGENT_TOKEN";

    @Option(names = "--agent", paramLabel = "[ADDR:]PORT",
        description = "Run as an agent that a controller drives over HTTP/JSON, listening on ADDR:PORT " +
            "(ADDR defaults to 127.0.0.1; port 0 picks a free one and prints it).")
    String agent;

    @Option(names = "--agent-token", paramLabel = "TOKEN",
        description = "The shared token the controller must send; required when the agent binds beyond loopback. " +
            "Also read from the environment variable " + TOKEN_ENVIRONMENT + ".")
    String token;

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
