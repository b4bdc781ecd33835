package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private network namespace for a test, made with {@code ip netns add}: loopback up with the test address
 * {@value #TEST_ADDRESS} (RFC 2544's benchmarking range, existing only inside the namespace) and multicast routed
 * over loopback from it. Processes started through it run inside it. {@link #close()} kills every process in the
 * namespace and deletes it; a namespace left by a test JVM that died is deleted by the next one.
 * Needs root: call {@link Privileges#assumeRoot(String)} first.
 */
public final class NetworkNamespace implements AutoCloseable
{
    /** The namespace's own address on loopback; traffic to it never leaves the namespace. */
    public static final String TEST_ADDRESS = "198.18.0.1";
    /** The prefix of every namespace the tests make, so that leftovers can be found. */
    public static final String PREFIX = "rxbreak-t";

    private static final Pattern OURS = Pattern.compile(PREFIX + "(\\d+)-(\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private NetworkNamespace(final String name)
    {
        this.name = name;
        this.shutdownHook = new Thread(this::delete, "netns-cleanup-" + name);
    }

    /**
     * @return a new namespace, loopback up and multicast routed over it.
     */
    public static NetworkNamespace create()
    {
        final NetworkNamespace ns = createBare();
        final String name = ns.name;
        try
        {
            run("ip", "-n", name, "link", "set", "lo", "multicast", "on");
            run("ip", "-n", name, "addr", "add", TEST_ADDRESS + "/32", "dev", "lo");
            run("ip", "-n", name, "route", "add", "224.0.0.0/4", "dev", "lo", "src", TEST_ADDRESS);
            run("ip", "-n", name, "-6", "route", "add", "multicast", "ff00::/8", "dev", "lo", "table", "local");
        }
        catch (final RuntimeException | AssertionError ex)
        {
            ns.close();
            throw ex;
        }
        return ns;
    }

    /**
     * A namespace with only loopback up (127.0.0.1, no test address, no multicast route), for fixtures that give it
     * devices and routes of their own ({@link NamespaceLab}). Closed, named and removed as leftovers like any other.
     *
     * @return a new namespace, loopback up.
     */
    public static NetworkNamespace createBare()
    {
        removeLeftovers();
        final String name = PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        run("ip", "netns", "add", name);
        final NetworkNamespace ns = new NetworkNamespace(name);
        Runtime.getRuntime().addShutdownHook(ns.shutdownHook);
        try
        {
            run("ip", "-n", name, "link", "set", "lo", "up");
        }
        catch (final RuntimeException | AssertionError ex)
        {
            ns.close();
            throw ex;
        }
        return ns;
    }

    public String name()
    {
        return name;
    }

    /**
     * @param command a command and its arguments.
     * @return the command started inside the namespace; it is killed when the namespace closes.
     */
    public ChildProcess start(final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        final ChildProcess child = ChildProcess.start(full);
        synchronized (children)
        {
            children.add(child);
        }
        return child;
    }

    /**
     * @param mainClass a main class on this JVM's class path.
     * @param args its arguments.
     * @return a new JVM running it inside the namespace.
     */
    public ChildProcess startJava(final Class<?> mainClass, final String... args)
    {
        return start(ChildProcess.javaCommand(mainClass, List.of(args)));
    }

    /**
     * Run a command inside the namespace and wait for it.
     *
     * @param command a command and its arguments.
     * @return its standard output.
     */
    public String exec(final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(new String[0]));
    }

    /**
     * Run a host command and wait for it, failing on a non-zero exit.
     *
     * @param command a command and its arguments.
     * @return its standard output.
     */
    public static String run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
            }
            final String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0)
            {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not run " + String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), ex);
        }
    }

    /**
     * @return the names of the rxbreak test namespaces that exist now.
     */
    public static List<String> existing()
    {
        final List<String> names = new ArrayList<>();
        for (final String line : run("ip", "netns", "list").split("\n"))
        {
            final String nsName = line.trim().split("\\s+")[0];
            if (nsName.startsWith(PREFIX))
            {
                names.add(nsName);
            }
        }
        return names;
    }

    private static void removeLeftovers()
    {
        for (final String existing : existing())
        {
            final Matcher matcher = OURS.matcher(existing);
            if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())
            {
                killAllIn(existing);
                run("ip", "netns", "del", existing);
            }
        }
    }

    private static void killAllIn(final String nsName)
    {
        final String pids = run("ip", "netns", "pids", nsName);
        for (final String pid : pids.split("\\s+"))
        {
            if (!pid.isBlank())
            {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private synchronized void delete()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        synchronized (children)
        {
            children.forEach(ChildProcess::close);
        }
        try
        {
            killAllIn(name);
            Deadline.await(Duration.ofSeconds(10), "processes in " + name + " to exit",
                () -> run("ip", "netns", "pids", name).isBlank());
        }
        finally
        {
            run("ip", "netns", "del", name);
        }
    }

    @Override
    public void close()
    {
        delete();
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignored)
        {
            // the JVM is shutting down and the hook runs (or ran) anyway
        }
    }
}
