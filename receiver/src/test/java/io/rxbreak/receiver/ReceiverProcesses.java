package io.rxbreak.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;

/**
 * Starts {@code rxbreak receive} and the {@link TestSender} as child processes inside a test's namespace.
 */
final class ReceiverProcesses
{
    static final Duration START = Duration.ofSeconds(30);
    static final Duration RUN = Duration.ofSeconds(60);

    private ReceiverProcesses()
    {
    }

    /**
     * @return a receiver with --json and a 100ms interval, once its sockets are joined.
     */
    static ChildProcess receiver(final NetworkNamespace ns, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("receive", "--json", "--interval", "100ms"));
        all.addAll(List.of(args));
        final ChildProcess receiver = ns.startJava(Main.class, all.toArray(new String[0]));
        receiver.awaitStderrLine(START, line -> line.startsWith("  socket 0:"));
        return receiver;
    }

    static ChildProcess sender(final NetworkNamespace ns, final String... args)
    {
        return ns.startJava(TestSender.class, args);
    }

    /**
     * @return the receiver's final JSON result, after it exited with 0.
     */
    static JsonNode result(final ChildProcess receiver)
    {
        final int exit = receiver.waitFor(RUN);
        if (exit != 0)
        {
            throw new AssertionError("receiver exited " + exit + "; stderr:\n" + receiver.stderr());
        }
        final List<String> lines = receiver.stdoutLines();
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            if (lines.get(i).startsWith("{"))
            {
                try
                {
                    return Json.MAPPER.readTree(lines.get(i));
                }
                catch (final java.io.IOException ex)
                {
                    throw new AssertionError("bad JSON: " + lines.get(i), ex);
                }
            }
        }
        throw new AssertionError("no JSON result; stdout:\n" + receiver.stdout() + "\nstderr:\n" + receiver.stderr());
    }

    /**
     * Wait until an interval line printed after {@code afterLines} stderr lines shows an empty receive queue.
     */
    static void awaitDrained(final ChildProcess receiver, final int afterLines)
    {
        io.rxbreak.testsupport.Deadline.await(RUN, () -> "an empty rx_queue; stderr:\n" + receiver.stderr(), () ->
        {
            final List<String> lines = receiver.stderrLines();
            for (int i = afterLines; i < lines.size(); i++)
            {
                if (lines.get(i).contains(" rx_queue 0 B "))
                {
                    return true;
                }
            }
            return false;
        });
    }
}
