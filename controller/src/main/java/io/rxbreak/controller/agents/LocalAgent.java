package io.rxbreak.controller.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;

/**
 * An agent the controller started itself: {@code rxbreak send --agent 127.0.0.1:0} or {@code rxbreak receive
 * ...} in a child JVM with this JVM's class path. It learns the agent's URL from the line the agent prints once
 * it listens, keeps the last lines of its output for error reports ({@link AgentProcess}), and kills it (and its
 * descendants) on {@link #close()}. The agent also exits by itself when this process dies: its standard input is a
 * pipe from here ({@code --exit-with-parent}).
 */
public final class LocalAgent implements AutoCloseable
{
    /**
     * How long a failed request waits for a local agent to be seen exiting before it is reported as failing rather
     * than gone.
     */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final AgentProcess process;
    private final AgentProcess.Listening listening;

    private LocalAgent(final AgentProcess process, final AgentProcess.Listening listening)
    {
        this.process = process;
        this.listening = listening;
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
        return new Launch(AgentProcess.watch("the " + role + " agent", process, "rxbreak-" + role + "-output"));
    }

    /**
     * An agent whose JVM is starting: {@link #await} gives the agent once it listens; {@link #close()} kills one that
     * was never awaited (a run that failed before it needed it).
     */
    public static final class Launch implements AutoCloseable
    {
        private final AgentProcess process;
        private boolean claimed;

        private Launch(final AgentProcess process)
        {
            this.process = process;
        }

        /**
         * @param startTimeout how long the agent may take to listen, from now.
         * @return the agent, listening; from then on it is the agent's to close.
         * @throws AgentStartException when it exits or does not listen in time, with its last output.
         */
        public synchronized LocalAgent await(final Duration startTimeout)
        {
            claimed = true;
            return new LocalAgent(process, process.awaitListening(startTimeout));
        }

        @Override
        public synchronized void close()
        {
            if (!claimed)
            {
                claimed = true;
                process.kill();
            }
        }
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
        return process.exitedWithin(grace);
    }

    public long pid()
    {
        return process.process().pid();
    }

    /**
     * @return why the agent is gone, with its last output, for a report.
     */
    public String describeFailure()
    {
        return process.describeFailure();
    }

    @Override
    public void close()
    {
        process.terminate(STOP_GRACE);
    }
}
