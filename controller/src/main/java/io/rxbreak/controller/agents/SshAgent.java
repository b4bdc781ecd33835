package io.rxbreak.controller.agents;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.rxbreak.core.control.AgentOptions;

/**
 * An agent the controller starts on another host with the system's OpenSSH client: {@code ssh -T -o BatchMode=yes
 * [options] TARGET COMMAND}, key authentication only (batch mode never asks for a password). The token never
 * appears on a command line, here or there: the controller writes it as the first line of ssh's standard input and
 * the remote command reads it into the agent's environment ({@value AgentOptions#TOKEN_ENVIRONMENT}) before it
 * becomes the agent ({@link #remoteCommand}). The rest of that input stays open: the agent runs with
 * {@code --exit-with-parent}, so it exits when the input ends, which {@link #close()} does, and which happens by
 * itself when ssh or this controller dies. The agent's output comes back through ssh and is watched as a local
 * agent's is ({@link AgentProcess}): its URL, the fingerprint of a certificate it generated, its last lines.
 * A JVM that exits (Ctrl-C) stops the agents it started.
 */
public final class SshAgent implements AutoCloseable
{
    /** The OpenSSH client, found on the PATH. */
    public static final String SSH = "ssh";

    /** How long an agent may take to exit once its input ended, before ssh is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long {@code ssh -G} may take to resolve the target's host name (it does not connect). */
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(5);
    /** ssh's exit code for its own failure (connection, authentication, host key), not the remote command's. */
    private static final int SSH_FAILED = 255;
    /** A POSIX shell's exit code for a command it did not find. */
    private static final int NOT_FOUND = 127;

    private final String target;
    private final AgentProcess process;
    private final String url;
    private final String tlsFingerprint;

    private SshAgent(final String target, final AgentProcess process, final String url, final String tlsFingerprint)
    {
        this.target = target;
        this.process = process;
        this.url = url;
        this.tlsFingerprint = tlsFingerprint;
    }

    /**
     * Start an agent over SSH and wait until it listens.
     *
     * @param target     the SSH target, like {@code root@198.18.5.2} or a host of the user's ssh configuration.
     * @param sshOptions extra ssh options, like {@code -i KEY} or {@code -o Port=2222}; may be empty.
     * @param agentArgv  the agent's command line on that host, word by word, like {@code rxbreak receive --agent
     *                   0.0.0.0:0 ...}: each word is quoted for the remote shell; without the token and without
     *                   {@code --exit-with-parent}, which is added.
     * @param token      the agents' token, or null for none.
     * @param timeout    how long the connection and the agent's start may take.
     * @return the agent, listening.
     * @throws AgentStartException when ssh or the agent fails, or the agent does not listen in time: with ssh's last
     *                             lines (a refused key, an unknown host key, a command not found); nothing is left
     *                             running then.
     */
    public static SshAgent start(final String target, final List<String> sshOptions, final List<String> agentArgv,
        final String token, final Duration timeout)
    {
        return launch(target, sshOptions, agentArgv, token).await(timeout);
    }

    /**
     * Start ssh without waiting for the agent to listen, so that agents on several hosts start at once.
     *
     * @param target     the SSH target.
     * @param sshOptions extra ssh options; may be empty.
     * @param agentArgv  the agent's command line on that host, word by word.
     * @param token      the agents' token, or null for none.
     * @return the starting agent: {@link Launch#await} it, or close it.
     * @throws IllegalArgumentException when the target or the command line cannot be used as given.
     */
    public static Launch launch(final String target, final List<String> sshOptions, final List<String> agentArgv,
        final String token)
    {
        if (target == null || target.isBlank() || target.startsWith("-")
            || target.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("'" + target + "' is not an ssh target: use [USER@]HOST");
        }
        if (agentArgv.isEmpty())
        {
            throw new IllegalArgumentException("no command to start the agent with on " + target);
        }
        if (agentArgv.stream().anyMatch(word -> word.equals("--agent-token") || word.startsWith("--agent-token=")))
        {
            throw new IllegalArgumentException("the agent's command line for " + target + " holds --agent-token: " +
                "the token goes through the environment, never on a command line");
        }
        if (token != null && (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0))
        {
            throw new IllegalArgumentException("the agents' token holds a line break: it is sent as one line");
        }
        final List<String> command = new ArrayList<>(List.of(SSH, "-T", "-o", "BatchMode=yes"));
        command.addAll(sshOptions);
        command.add(target);
        command.add(remoteCommand(agentArgv));
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not run " + SSH + " to start the agent on " + target, ex);
        }
        final AgentProcess watched = AgentProcess.watch("ssh to " + target, process, "rxbreak-ssh-" + target);
        watched.stopOnExit(STOP_GRACE);
        try
        {
            final OutputStream in = process.getOutputStream();
            in.write(((token == null ? "" : token) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        catch (final IOException ex)
        {
            // ssh is gone already: awaiting it reports why
        }
        return new Launch(target, sshOptions, watched);
    }

    /**
     * An agent whose ssh is starting: {@link #await} gives the agent once it listens; {@link #close()} stops one
     * that was never awaited.
     */
    public static final class Launch implements AutoCloseable
    {
        private final String target;
        private final List<String> sshOptions;
        private final AgentProcess process;
        private boolean claimed;

        private Launch(final String target, final List<String> sshOptions, final AgentProcess process)
        {
            this.target = target;
            this.sshOptions = List.copyOf(sshOptions);
            this.process = process;
        }

        /**
         * @param timeout how long the agent may take to listen, from now.
         * @return the agent, listening; from then on it is the agent's to close.
         * @throws AgentStartException when ssh or the agent fails, or it does not listen in time; nothing is left
         *                             running then.
         */
        public synchronized SshAgent await(final Duration timeout)
        {
            claimed = true;
            final AgentProcess.Listening listening;
            try
            {
                listening = process.awaitListening(timeout);
            }
            catch (final AgentStartException ex)
            {
                throw new AgentStartException(ex.getMessage() + hint(ex.exitCode()), ex.exitCode(), ex.lastLine());
            }
            try
            {
                return new SshAgent(target, process, reachableUrl(listening.url(), () -> sshHostName(sshOptions,
                    target)), listening.tlsFingerprint());
            }
            catch (final RuntimeException ex)
            {
                process.closeInputAndStop(STOP_GRACE);
                throw ex;
            }
        }

        @Override
        public synchronized void close()
        {
            if (!claimed)
            {
                claimed = true;
                process.closeInputAndStop(STOP_GRACE);
            }
        }
    }

    /**
     * The command ssh runs on the target (through the user's login shell, which must be a POSIX shell): read the
     * first line of input into the token's variable, export it, and become the agent, every word single-quoted.
     *
     * @param agentArgv the agent's command line, word by word.
     * @return the remote command line.
     */
    static String remoteCommand(final List<String> agentArgv)
    {
        final String variable = AgentOptions.TOKEN_ENVIRONMENT;
        final StringBuilder command = new StringBuilder("IFS= read -r ").append(variable).append(" && export ")
            .append(variable).append(" && exec");
        for (final String word : agentArgv)
        {
            command.append(' ').append(quote(word));
        }
        if (!agentArgv.contains("--exit-with-parent"))
        {
            command.append(" --exit-with-parent");
        }
        return command.toString();
    }

    /**
     * @param word a word.
     * @return it single-quoted for a POSIX shell: every character literal.
     */
    static String quote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * @param url      the URL the agent printed.
     * @param sshHost  the host ssh reached, asked only when needed.
     * @return the URL, its host replaced with the host ssh reached when the agent listens on a wildcard address
     *     ({@code 0.0.0.0}, {@code ::}), which the controller cannot connect to.
     */
    static String reachableUrl(final String url, final Supplier<String> sshHost)
    {
        final URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null)
        {
            throw new IllegalStateException("the agent printed '" + url + "', which is not a URL");
        }
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        if (!isWildcard(host))
        {
            return url;
        }
        final String reached = sshHost.get();
        final String bracketed = reached.indexOf(':') >= 0 ? "[" + reached + "]" : reached;
        return uri.getScheme() + "://" + bracketed + ":" + uri.getPort() + (uri.getRawPath() == null ? "" :
            uri.getRawPath());
    }

    private static boolean isWildcard(final String host)
    {
        // an agent prints an address, never a name: only a literal (never a name lookup) can be the wildcard
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"))
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(host).isAnyLocalAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * @param sshOptions the ssh options (a {@code HostName} among them, or a configuration file, count).
     * @param target     the SSH target.
     * @return the host name ssh connects to for that target, as {@code ssh -G} resolves it (aliases of the user's
     *     configuration included), without connecting.
     */
    static String sshHostName(final List<String> sshOptions, final String target)
    {
        final List<String> command = new ArrayList<>(List.of(SSH, "-G"));
        command.addAll(sshOptions);
        command.add(target);
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(RESOLVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("ssh -G " + target + " did not answer in " +
                    RESOLVE_TIMEOUT.toSeconds() + " s");
            }
            for (final String line : output.split("\n"))
            {
                if (process.exitValue() == 0 && line.startsWith("hostname "))
                {
                    return line.substring("hostname ".length()).trim();
                }
            }
            throw new IllegalStateException("ssh -G " + target + " did not say which host it reaches: " +
                output.strip());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not run ssh -G " + target, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted resolving " + target, ex);
        }
    }

    private static String hint(final int exitCode)
    {
        if (exitCode == SSH_FAILED)
        {
            return " (exit 255 is ssh's own failure: the host unreachable, the key refused, the host key unknown or " +
                "changed; ssh runs in batch mode, with keys only)";
        }
        if (exitCode == NOT_FOUND)
        {
            return " (exit 127: the remote shell did not find the agent's command; give its full path)";
        }
        return "";
    }

    /**
     * @return the SSH target it runs on.
     */
    public String target()
    {
        return target;
    }

    /**
     * @return the agent's base URL, reachable from here (a wildcard address replaced with the host ssh reached).
     */
    public String url()
    {
        return url;
    }

    /**
     * @return the fingerprint of the TLS certificate the agent generated and printed (to pin), or null when it
     *     printed none (plain HTTP, or a certificate the user gave it).
     */
    public String tlsFingerprint()
    {
        return tlsFingerprint;
    }

    /**
     * @return whether ssh (and so, as far as this side knows, the agent) still runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @param grace how long to wait.
     * @return whether ssh exited within it (the agent exited or the connection broke).
     */
    public boolean exitedWithin(final Duration grace)
    {
        return process.exitedWithin(grace);
    }

    /**
     * @return why it is gone, with the last lines of ssh and the agent, for a report.
     */
    public String describeFailure()
    {
        return process.describeFailure();
    }

    /**
     * End the agent's input (it exits), wait briefly for it and ssh to exit, then kill ssh and its descendants.
     * Idempotent.
     */
    @Override
    public void close()
    {
        process.closeInputAndStop(STOP_GRACE);
    }

    @Override
    public String toString()
    {
        return "the agent on " + target + " (over ssh)";
    }
}
