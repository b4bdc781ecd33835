package io.rxbreak.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;

/**
 * A whole {@code rxbreak ramp} run in a child JVM (inside a test's namespace, or on the host for {@code --sandbox}),
 * with its run folder read back.
 */
final class RampProcess
{
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final ChildProcess process;
    private final Path runDirectory;

    private RampProcess(final ChildProcess process, final Path runDirectory)
    {
        this.process = process;
        this.runDirectory = runDirectory;
    }

    /**
     * @param ns the namespace to run in.
     * @param runDirectory the run folder ({@code --out}).
     * @param args the ramp's options.
     * @return the started ramp.
     */
    static RampProcess start(final NetworkNamespace ns, final Path runDirectory, final String... args)
    {
        return new RampProcess(ns.startJava(Main.class, withOut(runDirectory, args)), runDirectory);
    }

    /**
     * @param runDirectory the run folder.
     * @param args the ramp's options (with {@code --sandbox}).
     * @return the ramp started on the host: only for {@code --sandbox}, which makes its own namespace.
     */
    static RampProcess startOnHost(final Path runDirectory, final String... args)
    {
        return new RampProcess(ChildProcess.start(ChildProcess.javaCommand(Main.class, List.of(withOut(runDirectory, args)))),
            runDirectory);
    }

    private static String[] withOut(final Path runDirectory, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("ramp"));
        all.addAll(List.of(args));
        all.add("--out");
        all.add(runDirectory.toString());
        return all.toArray(new String[0]);
    }

    ChildProcess process()
    {
        return process;
    }

    int waitFor(final Duration timeout)
    {
        return process.waitFor(timeout);
    }

    /**
     * @param role {@code send} or {@code receive}.
     * @return the agent the ramp started for that role, if it runs.
     */
    Optional<ProcessHandle> agent(final String role)
    {
        return process.process().descendants()
            .filter(p -> arguments(p.pid()).contains(role) && arguments(p.pid()).contains("--agent"))
            .findFirst();
    }

    /**
     * @return the process's arguments, from {@code /proc/PID/cmdline} (the JDK's {@code ProcessHandle.Info} gives
     *     none for a command line over 4 KiB, as an agent's class path makes it), or none when it is gone.
     */
    private static List<String> arguments(final long pid)
    {
        try
        {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                java.nio.charset.StandardCharsets.UTF_8).split("\0"));
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    JsonNode report()
    {
        return read(runDirectory.resolve("report.json"));
    }

    List<JsonNode> trials()
    {
        try
        {
            final List<JsonNode> trials = new ArrayList<>();
            for (final String line : Files.readAllLines(runDirectory.resolve("trials.jsonl")))
            {
                if (!line.isBlank())
                {
                    trials.add(MAPPER.readTree(line));
                }
            }
            return trials;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    String output()
    {
        return "stdout:\n" + process.stdout() + "\nstderr:\n" + process.stderr();
    }

    static JsonNode read(final Path file)
    {
        try
        {
            return MAPPER.readTree(file.toFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Send a signal with kill(1).
     *
     * @param signal like {@code INT}, {@code STOP}.
     * @param pid the process.
     */
    static void signal(final String signal, final long pid)
    {
        NetworkNamespace.run("kill", "-" + signal, Long.toString(pid));
    }
}
