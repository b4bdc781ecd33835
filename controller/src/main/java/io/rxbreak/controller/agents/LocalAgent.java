package io.rxbreak.controller.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;

/**
 * An agent the controller started itself: {@code rxbreak send --agent 127.0.0.1:0} or {@code rxbreak receive
 * ...} in a child JVM with this JVM's class path. It learns the agent's URL from the line the agent prints once
 * it listens (and, when the agent serves TLS, its certificate's fingerprint from the line before, to pin), keeps
 * the last lines of its output for error reports, and kills it (and its descendants) on {@link #close()}. The agent also exits by itself when this process dies: its standard input is a pipe from
 * here ({@code --exit-with-parent}).
 */
public final class LocalAgent implements AutoCloseable
{
    /**
     * How long a failed request waits for a local agent to be seen exiting before it is reported as failing rather
     * than gone.
     */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private static final int KEPT_LINES = 40;

    private final String role;
    private final Process process;
    private final Listening listening;
    private final Deque<String> lastLines;

    private LocalAgent(final String role, final Process process, final Listening listening,
        final Deque<String> lastLines)
    {
        this.role = role;
        this.process = process;
        this.listening = listening;
        this.lastLines = lastLines;
    }

    /**
     * What an agent printed as it started listening.
     *
     * @param url its base URL.
     * @param tlsFingerprint its TLS certificate's fingerprint, or null for plain HTTP.
     */
    record Listening(String url, String tlsFingerprint)
    {
    }

    /**
     * @param role {@code sender} or {@code receiver}, for messages.
     * @param subcommandAndArgs the rxbreak subcommand and its options, without the agent options.
     * @param jvmOptions options for the child JVM.
     * @param startTimeout how long the agent may take to listen.
     * @param cpus the CPUs the agent (every thread of it) runs on, or null for this process's.
     * @return the started agent.
     * @throws AgentStartException when it exits or does not listen in time, with its last output.
     */
    public static LocalAgent start(final String role, final List<String> subcommandAndArgs,
        final List<String> jvmOptions, final Duration startTimeout, final CpuSet cpus)
    {
        return launch(role, subcommandAndArgs, jvmOptions, cpus).await(startTimeout);
    }

    /**
     * Start the agent's JVM without waiting for it to listen, so that two agents warm up at once.
     *
     * @param role {@code sender} or {@code receiver}, for messages.
     * @param subcommandAndArgs the rxbreak subcommand and its options, without the agent options.
     * @param jvmOptions options for the child JVM.
     * @param cpus the CPUs the agent (every thread of it) runs on, or null for this process's.
     * @return the starting agent: {@link Launch#await} it, or close it.
     */
    public static Launch launch(final String role, final List<String> subcommandAndArgs,
        final List<String> jvmOptions, final CpuSet cpus)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.rxbreak.core.cli.Main");
        command.addAll(subcommandAndArgs);
        command.add("--agent");
        command.add("127.0.0.1:0");
        command.add("--exit-with-parent");
        final Process process;
        // a child process starts with the CPU mask of the thread that forks it: every thread the agent's JVM makes
        // inherits it, from the first
        final CpuSet own = cpus == null ? null : Threads.affinity(0);
        if (cpus != null)
        {
            final String why = Threads.setAffinity(0, cpus);
            if (why != null)
            {
                throw new IllegalStateException("could not place the " + role + " agent on CPU " + cpus + ": " + why);
            }
        }
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not start the " + role + " agent", ex);
        }
        finally
        {
            if (own != null)
            {
                Threads.setAffinity(0, own);
            }
        }
        final Deque<String> lastLines = new ArrayDeque<>();
        final CompletableFuture<Listening> url = new CompletableFuture<>();
        final Thread reader = new Thread(() -> readOutput(process.getInputStream(), lastLines, url),
            "rxbreak-" + role + "-output");
        reader.setDaemon(true);
        reader.start();
        return new Launch(role, process, url, lastLines);
    }

    /**
     * An agent whose JVM is starting: {@link #await} gives the agent once it listens; {@link #close()} kills one that
     * was never awaited (a run that failed before it needed it).
     */
    public static final class Launch implements AutoCloseable
    {
        private final String role;
        private final Process process;
        private final CompletableFuture<Listening> url;
        private final Deque<String> lastLines;
        private boolean claimed;

        private Launch(final String role, final Process process, final CompletableFuture<Listening> url,
            final Deque<String> lastLines)
        {
            this.role = role;
            this.process = process;
            this.url = url;
            this.lastLines = lastLines;
        }

        /**
         * @param startTimeout how long the agent may take to listen, from now.
         * @return the agent, listening; from then on it is the agent's to close.
         * @throws AgentStartException when it exits or does not listen in time, with its last output.
         */
        public synchronized LocalAgent await(final Duration startTimeout)
        {
            claimed = true;
            try
            {
                return new LocalAgent(role, process, url.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS),
                    lastLines);
            }
            catch (final TimeoutException | ExecutionException ex)
            {
                kill(process);
                final int exitCode = process.isAlive() ? -1 : process.exitValue();
                throw new AgentStartException("the " + role + " agent did not start within " +
                    startTimeout.toSeconds() + " s" + exitDescription(process) + "; its last output: " +
                    joined(lastLines), exitCode, lastLine(lastLines));
            }
            catch (final InterruptedException ex)
            {
                kill(process);
                Thread.currentThread().interrupt();
                throw new AgentStartException("interrupted while starting the " + role + " agent", -1, null);
            }
        }

        @Override
        public synchronized void close()
        {
            if (!claimed)
            {
                claimed = true;
                kill(process);
            }
        }
    }

    /**
     * Read an agent's output to its end: the fingerprint line (when it serves TLS) and the listening line complete
     * {@code url}; every other line is kept in {@code lastLines} (the last {@value #KEPT_LINES}).
     *
     * @param output the agent's standard output (and error).
     * @param lastLines where the last lines are kept.
     * @param url completed once the agent listens, or exceptionally when its output ends before.
     */
    static void readOutput(final InputStream output, final Deque<String> lastLines,
        final CompletableFuture<Listening> url)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)))
        {
            String fingerprint = null;
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!url.isDone() && line.startsWith(AgentOptions.TLS_CERTIFICATE))
                {
                    fingerprint = line.substring(AgentOptions.TLS_CERTIFICATE.length()).trim();
                    continue;
                }
                if (!url.isDone() && line.startsWith(AgentOptions.LISTENING))
                {
                    url.complete(new Listening(line.substring(AgentOptions.LISTENING.length()).trim(), fingerprint));
                    continue;
                }
                synchronized (lastLines)
                {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES)
                    {
                        lastLines.removeFirst();
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            // the process is gone; what it printed is kept
        }
        url.completeExceptionally(new IllegalStateException("the agent's output ended before it listened"));
    }

    /**
     * @return the agent's base URL.
     */
    public String url()
    {
        return listening.url();
    }

    /**
     * @return the fingerprint of the agent's TLS certificate, as it printed it, to pin; null when it serves plain
     *     HTTP.
     */
    public String tlsFingerprint()
    {
        return listening.tlsFingerprint();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Whether the agent has exited, waiting up to {@code grace} for it: a killed agent's sockets close before its
     * parent can see it exit, so a failed request alone does not yet tell a dead agent from a failing one.
     *
     * @param grace how long to wait for the exit.
     * @return true when the agent has exited.
     */
    public boolean exitedWithin(final Duration grace)
    {
        try
        {
            return process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    public long pid()
    {
        return process.pid();
    }

    /**
     * @return why the agent is gone, with its last output, for a report.
     */
    public String describeFailure()
    {
        return "the " + role + " agent (pid " + process.pid() + ")" + exitDescription(process) +
            "; its last output: " + joined(lastLines);
    }

    private static String exitDescription(final Process process)
    {
        if (process.isAlive())
        {
            return " is still running";
        }
        final int code = process.exitValue();
        return code > 128 ? " was killed by signal " + (code - 128) : " exited with code " + code;
    }

    private static String lastLine(final Deque<String> lines)
    {
        synchronized (lines)
        {
            return lines.isEmpty() ? null : lines.getLast();
        }
    }

    private static String joined(final Deque<String> lines)
    {
        synchronized (lines)
        {
            return lines.isEmpty() ? "(none)" : String.join(" | ", lines);
        }
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(5, TimeUnit.SECONDS))
                {
                    kill(process);
                }
            }
            catch (final InterruptedException ex)
            {
                kill(process);
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void kill(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An agent that could not be started: the message says why, with its last output.
     */
    public static final class AgentStartException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final int exitCode;
        private final String lastLine;

        AgentStartException(final String message, final int exitCode, final String lastLine)
        {
            super(message);
            this.exitCode = exitCode;
            this.lastLine = lastLine;
        }

        /**
         * @return the agent's exit code, or -1 when it was still running (and was killed).
         */
        public int exitCode()
        {
            return exitCode;
        }

        /**
         * @return the last line the agent printed (its one-line error, when it refused its options), or null.
         */
        public String lastLine()
        {
            return lastLine;
        }
    }
}
