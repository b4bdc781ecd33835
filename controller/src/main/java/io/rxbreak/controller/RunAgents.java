package io.rxbreak.controller;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.AgentStartException;
import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.controller.agents.ObservedReceiverSide;
import io.rxbreak.controller.agents.ReceiverSide;
import io.rxbreak.controller.agents.ReplayPlan;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.GsoSetting;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.core.wire.MessageHeader;

/**
 * The agents of one run and where the harness runs: the placement of this process and of the local agents, the
 * receiver side (an observed application, a remote agent reached by URL, or a local agent started in a child JVM)
 * and the sender side (remote or local). What it starts is registered with the list the caller gives, to be closed
 * in reverse order ({@link #closeAll}).
 */
final class RunAgents
{
    private static final Duration AGENT_START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a call to an agent may take before the agent is taken for hung, but a trial's run and end (which
     * wait for the trial): docs/agents.md, "Time-outs".
     */
    static final Duration AGENT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The agents' JVMs: a heap sized up front, the parallel collector (it uses the agent's CPUs only, as the JVM
     * counts them from its affinity), and no periodic clean-up safepoints (each stops the measuring threads).
     */
    static final List<String> AGENT_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");

    private final RampSettings settings;
    private final PrintWriter err;
    private Placement placement;
    private LocalAgent.Launch earlySender;

    /**
     * @param settings the run's settings.
     * @param err      where problems are reported.
     */
    RunAgents(final RampSettings settings, final PrintWriter err)
    {
        this.settings = settings;
        this.err = err;
    }

    /**
     * @return where the harness runs, or null before {@link #place} or when it could not be placed.
     */
    Placement placement()
    {
        return placement;
    }

    /**
     * @return whether the harness may run on the receiver's CPUs (unplaced, or placed beside it).
     */
    boolean harnessMayShareReceiverCpus()
    {
        return placement == null || placement.harnessSharesReceiverCpus();
    }

    /**
     * Close what was started, last first; a failure is reported and the rest still closed.
     *
     * @param toClose what was started, in order.
     * @param err     where a failure to stop is reported.
     */
    static void closeAll(final List<AutoCloseable> toClose, final PrintWriter err)
    {
        for (int i = toClose.size() - 1; i >= 0; i--)
        {
            try
            {
                toClose.get(i).close();
            }
            catch (final Exception ex)
            {
                err.println("rxbreak ramp: could not stop " + toClose.get(i) + ": " + ex.getMessage());
            }
        }
    }

    /**
     * @param toClose where what is started is registered, to be closed in reverse order.
     * @return the receiver side: the observed application, a remote agent, or a local agent started now.
     */
    ReceiverSide receiver(final List<AutoCloseable> toClose)
    {
        if (settings.observe())
        {
            final ReceiverSide observed = new ObservedReceiverSide(settings.observePid(), settings.groups().get(0).port(),
                settings.groups().get(0).address(), true, settings.observeLoss());
            toClose.add(observed);
            return observed;
        }
        if (settings.receiverAgentUrl() != null)
        {
            final ReceiverSide remote = new AgentReceiverSide(
                new AgentClient(settings.receiverAgentUrl(), settings.agentToken(), AGENT_CALL_TIMEOUT,
                    settings.receiverAgentTlsFingerprint()), null);
            toClose.add(remote);
            return remote;
        }
        return localReceiver(toClose, settings.groupOptions(), settings.throttle());
    }

    /**
     * @param groupOptions {@code --group G} for each group.
     * @param throttle the throttle, or null for none.
     */
    ReceiverSide localReceiver(final List<AutoCloseable> toClose, final List<String> groupOptions,
        final String throttle)
    {
        final List<String> args = new ArrayList<>(List.of("receive"));
        args.addAll(groupOptions);
        args.addAll(List.of("--interface", settings.interfaceName(), "--sockets", Integer.toString(settings.sockets())));
        if (settings.shareSockets())
        {
            args.add("--share-sockets");
        }
        if (throttle != null)
        {
            args.addAll(List.of("--throttle", throttle));
        }
        if (settings.rcvbufBytes() != null)
        {
            args.addAll(List.of("--rcvbuf", Long.toString(settings.rcvbufBytes())));
        }
        if (settings.rcvbufForce())
        {
            args.add("--rcvbuf-force");
        }
        if (settings.busyPollUs() != null)
        {
            args.addAll(List.of("--busy-poll", Integer.toString(settings.busyPollUs())));
        }
        if (settings.sizeBytes() > MessageHeader.DEFAULT_MAX_MESSAGE_LENGTH)
        {
            // the receiver's recvmmsg slots must hold the datagrams, or it counts them as foreign
            args.addAll(List.of("--max-message-size", Integer.toString(settings.sizeBytes())));
        }
        if (placement != null && placement.receiver() != null)
        {
            // the reading threads alone on the receiver's CPUs; the agent's other threads stay with the controller
            args.addAll(List.of("--reader-cpus", placement.receiver().toString()));
        }
        final LocalAgent agent = startLocal("receiver", args, null);
        toClose.add(agent);
        final ReceiverSide side = new AgentReceiverSide(
            new AgentClient(agent.url(), null, AGENT_CALL_TIMEOUT, agent.tlsFingerprint()), agent);
        toClose.add(side);
        return side;
    }

    /**
     * @param toClose where what is started is registered, to be closed in reverse order.
     * @return the sender side: a remote agent, or a local agent started now.
     */
    AgentSenderSide sender(final List<AutoCloseable> toClose)
    {
        if (settings.senderAgentUrl() != null)
        {
            return new AgentSenderSide(new AgentClient(settings.senderAgentUrl(), settings.agentToken(),
                AGENT_CALL_TIMEOUT, settings.senderAgentTlsFingerprint()), null);
        }
        final LocalAgent.Launch early = earlySender;
        earlySender = null;
        return early != null ? awaitLocalSender(toClose, early) :
            localSender(toClose, settings.groupOptions(), settings.replay());
    }

    /**
     * Start the local sender's JVM now, without waiting for it, so that it starts and warms up while the receiver's
     * does (each takes seconds); {@link #sender} then waits for it. Nothing when the sender is a remote agent.
     *
     * @param toClose where the starting agent is registered, killed on close unless {@link #sender} took it.
     */
    void startSenderEarly(final List<AutoCloseable> toClose)
    {
        if (settings.senderAgentUrl() == null && earlySender == null)
        {
            earlySender = launchLocalSender(toClose, settings.groupOptions(), settings.replay());
        }
    }

    /**
     * @param toClose      where what is started is registered, to be closed in reverse order.
     * @param groupOptions {@code --group G} for each group.
     * @param replay the feed it replays, or null: a feed that names its groups is given instead of the groups (the
     *     agent maps them as this controller did).
     * @return a local sender agent, placed.
     */
    AgentSenderSide localSender(final List<AutoCloseable> toClose, final List<String> groupOptions,
        final ReplayPlan replay)
    {
        return awaitLocalSender(toClose, launchLocalSender(toClose, groupOptions, replay));
    }

    /**
     * @param toClose where the starting agent is registered, killed on close unless awaited.
     * @param groupOptions {@code --group G} for each group.
     * @param replay the feed to replay, or null for the ramp's pattern.
     * @return the local sender agent's JVM, starting, placed.
     */
    LocalAgent.Launch launchLocalSender(final List<AutoCloseable> toClose, final List<String> groupOptions,
        final ReplayPlan replay)
    {
        final List<String> args = new ArrayList<>(List.of("send"));
        if (replay != null && replay.routing() != null)
        {
            args.addAll(List.of(PatternSpec.OPTION, replay.pattern()));
            for (final String entry : replay.map())
            {
                args.addAll(List.of("--map", entry));
            }
        }
        else
        {
            args.addAll(groupOptions);
            args.addAll(List.of("--streams", Integer.toString(settings.streams())));
        }
        args.addAll(List.of("--interface", settings.interfaceName(), "--idle", senderIdle()));
        if (settings.gso() != null)
        {
            args.addAll(List.of(GsoSetting.OPTION, settings.gso()));
        }
        final LocalAgent.Launch launch = LocalAgent.launch("sender", args, AGENT_JVM_OPTIONS,
            placement == null ? null : placement.sender());
        toClose.add(launch);
        return launch;
    }

    /**
     * @param toClose where the agent and its side are registered, to be closed in reverse order.
     * @param launch the local sender agent's JVM, starting.
     * @return the sender side, once the agent listens.
     */
    AgentSenderSide awaitLocalSender(final List<AutoCloseable> toClose, final LocalAgent.Launch launch)
    {
        final LocalAgent agent = await(launch);
        toClose.add(agent);
        final AgentSenderSide side = new AgentSenderSide(
            new AgentClient(agent.url(), null, AGENT_CALL_TIMEOUT, agent.tlsFingerprint()), agent);
        toClose.add(side);
        return side;
    }

    /**
     * Decide where the harness runs and move this process there (every thread; threads made later inherit it).
     *
     * @param observedPid the observed application, whose CPUs rxbreak keeps off when it is pinned; 0 for none.
     */
    void place(final long observedPid)
    {
        final CpuSet allowed = Threads.affinity(0);
        if (allowed == null)
        {
            err.println("rxbreak ramp: CPU placement unavailable (" + Threads.unavailableReason() + "); the harness may " +
                "run on the receiver's CPUs");
            placement = null;
            return;
        }
        CpuSet observed = null;
        if (observedPid > 0)
        {
            final CpuSet application = Threads.affinity((int)observedPid);
            observed = application != null && !allowed.isSubsetOf(application) ? application : null;
        }
        final Placement chosen = Placement.decide(allowed, settings.senderCpus(), settings.receiverCpus(),
            settings.controllerCpus(), settings.observe(), observed);
        final String why = Threads.pinProcess(ProcessHandle.current().pid(), chosen.controller());
        if (why != null)
        {
            err.println("rxbreak ramp: could not move the controller to CPU " + chosen.controller() + ": " + why);
        }
        placement = chosen;
    }

    private LocalAgent startLocal(final String role, final List<String> args, final CpuSet cpus)
    {
        return await(LocalAgent.launch(role, args, AGENT_JVM_OPTIONS, cpus));
    }

    /**
     * @return the agent once it listens; an agent that refused its options (exit 2) is the run's bad input.
     */
    private static LocalAgent await(final LocalAgent.Launch launch)
    {
        try
        {
            return launch.await(AGENT_START_TIMEOUT);
        }
        catch (final AgentStartException ex)
        {
            if (ex.exitCode() == ExitCodes.BAD_INPUT && ex.lastLine() != null)
            {
                throw new BadInputException(ex.lastLine());
            }
            throw ex;
        }
    }

    /**
     * @return the local sender's idle mode: as asked, but never spinning on a CPU it shares with the receiver.
     */
    private String senderIdle()
    {
        final IdleMode mode = settings.senderIdle() == IdleMode.AUTO && placement != null
            && placement.senderSharesReceiverCpus() ? IdleMode.SLEEP : settings.senderIdle();
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
