package io.rxbreak.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process a test started: its output collected line by line (stdout and stderr separately), awaited with
 * deadlines, and killed with all its descendants on {@link #close()}.
 */
public final class ChildProcess implements AutoCloseable
{
    private final String description;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildProcess(final String description, final Process process)
    {
        this.description = description;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, "stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, "stderr");
    }

    /**
     * @param command the command and its arguments.
     * @return the started process.
     */
    public static ChildProcess start(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            return new ChildProcess(String.join(" ", command), process);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not start " + command, ex);
        }
    }

    /**
     * @param mainClass a class with a main method on this JVM's class path.
     * @param args its arguments.
     * @return the command line that runs it in a new JVM with this JVM's class path.
     */
    public static List<String> javaCommand(final Class<?> mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private Thread collect(final java.io.InputStream in, final List<String> lines, final String name)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    synchronized (lines)
                    {
                        lines.add(line);
                    }
                }
            }
            catch (final IOException ignored)
            {
                // the process was killed: what was read so far is kept
            }
        }, "child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public long pid()
    {
        return process.pid();
    }

    public Process process()
    {
        return process;
    }

    /**
     * @return the lines printed on stdout so far.
     */
    public List<String> stdoutLines()
    {
        synchronized (stdout)
        {
            return new ArrayList<>(stdout);
        }
    }

    /**
     * @return the lines printed on stderr so far.
     */
    public List<String> stderrLines()
    {
        synchronized (stderr)
        {
            return new ArrayList<>(stderr);
        }
    }

    /**
     * @return stdout so far, one string.
     */
    public String stdout()
    {
        return String.join("\n", stdoutLines());
    }

    /**
     * @return stderr so far, one string.
     */
    public String stderr()
    {
        return String.join("\n", stderrLines());
    }

    /**
     * @param timeout how long to wait.
     * @param match the line awaited on stdout.
     * @return the first line that matched.
     */
    public String awaitLine(final Duration timeout, final Predicate<String> match)
    {
        return awaitLine(timeout, match, false);
    }

    /**
     * @param timeout how long to wait.
     * @param match the line awaited on stderr.
     * @return the first line that matched.
     */
    public String awaitStderrLine(final Duration timeout, final Predicate<String> match)
    {
        return awaitLine(timeout, match, true);
    }

    /**
     * Send a line to the process's standard input.
     *
     * @param line the line, without its newline.
     */
    public void writeLine(final String line)
    {
        try
        {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write to " + description, ex);
        }
    }

    private String awaitLine(final Duration timeout, final Predicate<String> match, final boolean fromStderr)
    {
        final String[] found = new String[1];
        Deadline.await(timeout, () -> "a matching line from " + description + "; stdout:\n" + stdout() +
            "\nstderr:\n" + stderr(), () ->
        {
            for (final String line : fromStderr ? stderrLines() : stdoutLines())
            {
                if (match.test(line))
                {
                    found[0] = line;
                    return true;
                }
            }
            if (!process.isAlive())
            {
                throw new AssertionError(description + " exited with " + process.exitValue() +
                    " before printing the awaited line; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            return false;
        });
        return found[0];
    }

    /**
     * Close the process's standard input (children use that as a signal to finish).
     */
    public void closeStdin()
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param timeout how long it may take.
     * @return the exit code, with all output read.
     */
    public int waitFor(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                throw new AssertionError(description + " still running after " + timeout.toMillis() +
                    " ms; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            stdoutReader.join(TimeUnit.SECONDS.toMillis(5));
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /**
     * Send SIGTERM and wait for the process to exit (its shutdown hooks run).
     *
     * @param timeout how long it may take before it is killed.
     * @return the exit code.
     */
    public int terminate(final Duration timeout)
    {
        // ProcessHandle.destroy sends SIGTERM; Process.destroy would also close our ends of its output pipes, and
        // whatever the process prints while it shuts down (its final statistics) would be lost
        process.toHandle().destroy();
        return waitFor(timeout);
    }

    @Override
    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return description;
    }
}
