package io.rxbreak.controller.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rxbreak.core.control.AgentOptions;

/**
 * The process through which the controller started an agent, watched: a local agent's JVM ({@link LocalAgent}) or
 * the ssh client that runs one on another host ({@link SshAgent}). A thread of its own reads its output (standard
 * error merged in), learns the agent's URL from the line the agent prints once it listens (and the fingerprint of a
 * certificate it generated, printed before), and keeps the last lines for error reports. It stops the process by
 * SIGTERM or by closing its standard input, then kills it with its descendants when that takes too long.
 */
final class AgentProcess
{
    private static final int KEPT_LINES = 40;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String description;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Listening> listening = new CompletableFuture<>();
    private Thread shutdownHook;

    /**
     * Where an agent listens, as it printed it.
     *
     * @param url            its base URL.
     * @param tlsFingerprint the fingerprint of its TLS certificate as it printed it, or null (plain HTTP).
     */
    record Listening(String url, String tlsFingerprint)
    {
    }

    private AgentProcess(final String description, final Process process)
    {
        this.description = description;
        this.process = process;
    }

    /**
     * @param description what it is, for messages, like {@code the receiver agent}.
     * @param process     the process, its standard error merged into its output.
     * @param threadName  the name of the thread that reads its output.
     * @return the process, watched.
     */
    static AgentProcess watch(final String description, final Process process, final String threadName)
    {
        final AgentProcess watched = new AgentProcess(description, process);
        final Thread reader = new Thread(watched::readOutput, threadName);
        reader.setDaemon(true);
        reader.start();
        return watched;
    }

    private void readOutput()
    {
        readOutput(process.getInputStream(), lastLines, listening);
    }

    /**
     * Read an agent's output to its end: the fingerprint line (when it serves TLS) and the listening line complete
     * {@code listening}; every other line is kept in {@code lastLines} (the last {@value #KEPT_LINES}).
     *
     * @param output    the agent's standard output (and error).
     * @param lastLines where the last lines are kept.
     * @param listening completed once the agent listens, or exceptionally when its output ends before.
     */
    static void readOutput(final InputStream output, final Deque<String> lastLines,
        final CompletableFuture<Listening> listening)
    {
        String fingerprint = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!listening.isDone() && line.startsWith(AgentOptions.TLS_CERTIFICATE))
                {
                    fingerprint = line.substring(AgentOptions.TLS_CERTIFICATE.length()).trim();
                    continue;
                }
                if (!listening.isDone() && line.startsWith(AgentOptions.LISTENING))
                {
                    listening.complete(new Listening(line.substring(AgentOptions.LISTENING.length()).trim(),
                        fingerprint));
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
        listening.completeExceptionally(new IllegalStateException("the output ended before the agent listened"));
    }

    /**
     * @param timeout how long the agent may take to listen, from now.
     * @return where it listens.
     * @throws AgentStartException when it exits or does not listen in time (it is killed then), with its last output.
     */
    Listening awaitListening(final Duration timeout)
    {
        try
        {
            return listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            kill();
            throw new AgentStartException(description + " did not listen within " + timeout.toSeconds() + " s " +
                "(stopped now); its last output: " + joinedLines(), -1, lastLine());
        }
        catch (final ExecutionException ex)
        {
            // the output ended: wait for the exit code that tells why
            killUnlessExitedWithin(KILL_WAIT);
            throw new AgentStartException(description + exitDescription() + " before the agent listened; its last " +
                "output: " + joinedLines(), exitCode(), lastLine());
        }
        catch (final InterruptedException ex)
        {
            kill();
            Thread.currentThread().interrupt();
            throw new AgentStartException("interrupted while starting " + description, -1, null);
        }
    }

    /**
     * Stop the process when this JVM exits (SIGINT, SIGTERM, the end of main) by closing its standard input, until it
     * is stopped otherwise.
     *
     * @param grace how long it may take to exit before it is killed.
     */
    synchronized void stopOnExit(final Duration grace)
    {
        shutdownHook = new Thread(() -> closeInputAndStop(grace), "rxbreak-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Close its standard input (an agent started with {@code --exit-with-parent}, or ssh that passes the end of input
     * on, exits then), wait for it to exit, and kill it and its descendants when it does not in time.
     *
     * @param grace how long it may take.
     */
    void closeInputAndStop(final Duration grace)
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ex)
        {
            // already closed, or the process is gone: killed below when it is still there
        }
        killUnlessExitedWithin(grace);
        forgetShutdownHook();
    }

    /**
     * SIGTERM (the agent stops as on Ctrl-C), then kill it and its descendants when it does not exit in time.
     *
     * @param grace how long it may take.
     */
    void terminate(final Duration grace)
    {
        if (process.isAlive())
        {
            process.destroy();
            killUnlessExitedWithin(grace);
        }
        forgetShutdownHook();
    }

    /**
     * Kill it and its descendants now.
     */
    void kill()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitForExit(KILL_WAIT);
        forgetShutdownHook();
    }

    private void killUnlessExitedWithin(final Duration grace)
    {
        if (!waitForExit(grace))
        {
            kill();
        }
    }

    private boolean waitForExit(final Duration grace)
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

    private synchronized void forgetShutdownHook()
    {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ex)
            {
                // the JVM is shutting down: the hook runs, and finds the process gone
            }
        }
        shutdownHook = null;
    }

    Process process()
    {
        return process;
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Whether the process has exited, waiting up to {@code grace} for it: a killed agent's sockets close before its
     * parent can see it exit, so a failed request alone does not yet tell a dead agent from a failing one.
     *
     * @param grace how long to wait for the exit.
     * @return true when it has exited.
     */
    boolean exitedWithin(final Duration grace)
    {
        return waitForExit(grace);
    }

    /**
     * @return why it is gone, with its last output, for a report.
     */
    String describeFailure()
    {
        return description + " (pid " + process.pid() + ")" + exitDescription() + "; its last output: " + joinedLines();
    }

    /**
     * @return like {@code " exited with code 2"}, {@code " was killed by signal 9"}, {@code " is still running"}.
     */
    private String exitDescription()
    {
        if (process.isAlive())
        {
            return " is still running";
        }
        final int code = process.exitValue();
        // a process killed by signal N exits 128 + N (N at most 64); above that (ssh's 255) it is a plain code
        return code > 128 && code <= 128 + 64 ? " was killed by signal " + (code - 128) : " exited with code " + code;
    }

    private int exitCode()
    {
        return process.isAlive() ? -1 : process.exitValue();
    }

    private String lastLine()
    {
        synchronized (lastLines)
        {
            return lastLines.isEmpty() ? null : lastLines.getLast();
        }
    }

    private String joinedLines()
    {
        synchronized (lastLines)
        {
            return lastLines.isEmpty() ? "(none)" : String.join(" | ", lastLines);
        }
    }
}
