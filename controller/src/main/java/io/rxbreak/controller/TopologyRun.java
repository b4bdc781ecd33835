package io.rxbreak.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import io.rxbreak.controller.agents.AgentFailureException;
import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.controller.agents.SshAgent;
import io.rxbreak.controller.clock.ClockSync;
import io.rxbreak.controller.clock.OneWayCorrection;
import io.rxbreak.controller.report.ProgressLine;
import io.rxbreak.controller.report.ReceiverResult;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.RunFolderWriter;
import io.rxbreak.controller.report.RunHeader;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.RunReports;
import io.rxbreak.controller.report.cli.PipelineOptions;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;
import io.rxbreak.controller.topology.SharedTrials;
import io.rxbreak.controller.topology.TopologyAgents;
import io.rxbreak.controller.topology.TopologyCheckException;
import io.rxbreak.controller.topology.TopologyClocks;
import io.rxbreak.controller.topology.TopologyTrial;
import io.rxbreak.controller.topology.TopologyTrialRunner;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.protocol.SocketResult;

/**
 * A ramp over a topology ({@code rxbreak ramp --topology FILE}): reach or start every agent and check them, run one
 * discarded trial that must reach every receiver from every sender, then give every receiver a search of its own
 * over trials they share ({@link SharedTrials}: each trial drives every sender and measures every receiver), until
 * every receiver broke or the maximum rate passed. Each receiver gets a run folder of its own under
 * {@code receivers/NAME}; the run's folder holds the weakest receiver's trials and report, with {@code receivers}
 * listing all of them. SIGINT or SIGTERM stops the search under way; what was found is written, and the agents are
 * stopped, before the process exits.
 */
final class TopologyRun implements Callable<Integer>
{
    private static final long SHUTDOWN_WAIT_S = 20;
    private static final long WARM_UP_TRIAL_NS = 1_000_000_000L;
    /** How long an agent started over SSH may take to listen: the login, the JVM's start and its receive path's warm-up. */
    private static final Duration SSH_START_TIMEOUT = Duration.ofSeconds(60);
    /** The folder under the run folder that holds each receiver's own run folder. */
    static final String RECEIVERS = "receivers";

    private final RampSettings settings;
    private final PipelineOptions pipeline;
    private final PrintWriter out;
    private final PrintWriter err;

    TopologyRun(final RampSettings settings, final PipelineOptions pipeline, final PrintWriter out,
        final PrintWriter err)
    {
        this.settings = settings;
        this.pipeline = pipeline;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception
    {
        try (SignalGuard guard = SignalGuard.install(SHUTDOWN_WAIT_S))
        {
            return run(guard);
        }
    }

    private int run(final SignalGuard guard) throws IOException
    {
        final String startedAt = Instant.now().toString();
        final TopologyAgents agents;
        try
        {
            agents = TopologyAgents.reach(settings.topology(), defaults(), starter(), err);
        }
        catch (final TopologyCheckException ex)
        {
            return refused(ex.problems());
        }
        try (agents; TopologyTrialRunner runner = new TopologyTrialRunner(agents.senders(), agents.receivers(),
            settings.sizeBytes(), settings.pattern(), agents.anyLocal()))
        {
            final TopologyClocks clocks = new TopologyClocks(ClockSync.system());
            clocks.measure(runner, true, err);
            final List<String> senderNames = runner.senders().stream().map(TopologyTrialRunner.Sender::name).toList();
            final List<OneWayCorrection> corrections = new ArrayList<>();
            for (int i = 0; i < runner.receivers().size(); i++)
            {
                corrections.add(clocks.correction(runner.receivers().get(i).name(), senderNames));
                runner.correctLatency(i, corrections.get(i));
            }
            final List<String> unreached = reachEveryReceiver(runner);
            if (unreached == null)
            {
                return ExitCodes.INTERRUPTED;
            }
            if (!unreached.isEmpty())
            {
                return refused(unreached);
            }
            err.println("rxbreak ramp: run folder " + settings.runDirectory());
            err.flush();
            final SharedTrials shared = new SharedTrials(runner::run);
            final List<SearchResult> results = new ArrayList<>();
            final List<RunHeader> headers = new ArrayList<>();
            boolean agentFailed = false;
            for (int i = 0; i < runner.receivers().size(); i++)
            {
                final TopologyTrialRunner.Receiver receiver = runner.receivers().get(i);
                final RunHeader header = RunHeader.of(settings.commandLine(), startedAt, settings.search(),
                    RunEnvironment.ofTopology(settings, runner.senders(), receiver), RunEnvironment.tunables());
                headers.add(header);
                final Path folder = receiverFolder(receiver.name());
                try (RunFolderWriter writer = RunFolderWriter.create(folder, header))
                {
                    final RampSearch search = new RampSearch(settings.search(), shared.runnerFor(i),
                        writer.andThen(progress(receiver.name())));
                    SearchResult result;
                    if (agentFailed || guard.signalled())
                    {
                        result = search.partialResult(guard.signalled() ? SearchStop.INTERRUPTED : SearchStop.FAILED,
                            "not searched: the run stopped before this receiver's turn");
                    }
                    else
                    {
                        try
                        {
                            result = search.run();
                        }
                        catch (final AgentFailureException ex)
                        {
                            agentFailed = !guard.signalled();
                            result = search.partialResult(guard.signalled() ? SearchStop.INTERRUPTED :
                                SearchStop.FAILED, ex.getMessage());
                        }
                    }
                    Thread.interrupted();
                    results.add(result);
                    final RunReport own = RunReports.of(header, result, Instant.now().toString());
                    writer.writeReport(own);
                    ReportArtifacts.writeAll(folder, own);
                    err.println(String.format(Locale.ROOT, "rxbreak ramp: %s: break point %s (%s), %d trial(s) "
                        + "judged, %d run in all so far", receiver.name(), result.ndr().rate() == null ? "none" :
                        RateText.format(result.ndr().rate()) + " msgs/s", result.ndr().status(),
                        result.trials().size(), shared.trials().size()));
                    err.flush();
                }
            }
            if (!agentFailed && !guard.signalled())
            {
                clocks.measure(runner, false, err);
            }
            final List<ReceiverResult> receivers = new ArrayList<>();
            for (int i = 0; i < results.size(); i++)
            {
                final TopologyTrialRunner.Receiver receiver = runner.receivers().get(i);
                receivers.add(ReceiverResult.of(receiver.name(), receiver.side().url(), results.get(i),
                    clocks.figures(receiver.name(), corrections.get(i), runner.latencyUncorrected(i))));
            }
            final List<ReceiverResult> marked = ReceiverResult.markWeakest(receivers);
            final int weakest = ReceiverResult.weakest(receivers);
            final RunReport report = RunReports.of(headers.get(weakest), results.get(weakest),
                Instant.now().toString()).withReceivers(marked);
            try (RunFolderWriter folder = RunFolderWriter.create(settings.runDirectory(), headers.get(weakest)))
            {
                for (final var record : results.get(weakest).trials())
                {
                    folder.append(record);
                }
                folder.writeReport(report);
            }
            return RampRun.publish(settings, pipeline, report, agentFailed, out);
        }
        finally
        {
            err.flush();
        }
    }

    /**
     * The discarded first trial, at the start rate: the agents' JIT compilation and first allocations happen before
     * the first measured trial, and every receiver must take something of every sender's groups (else it cannot see
     * them on its interface: a route, a filter, a TTL or a switch is in the way).
     *
     * @return one line per receiver and sender it did not reach; null when interrupted.
     */
    private List<String> reachEveryReceiver(final TopologyTrialRunner runner)
    {
        final long rate = settings.search().verifies() ? settings.search().verifyRate() : settings.search().startRate();
        final TopologyTrial trial;
        try
        {
            trial = runner.run(rate, settings.search().warmUpNs(),
                Math.min(settings.search().trialDurationNs(), WARM_UP_TRIAL_NS), settings.search().drainBoundNs());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (final AgentFailureException ex)
        {
            return List.of("the first trial failed: " + ex.getMessage());
        }
        final List<String> unreached = new ArrayList<>();
        for (int r = 0; r < runner.receivers().size(); r++)
        {
            final Set<String> arrived = new LinkedHashSet<>();
            for (final SocketResult socket : trial.sockets().get(r))
            {
                if (socket.received() > 0)
                {
                    arrived.add(MulticastGroup.parse("group", socket.group(), false).toString());
                }
            }
            for (final TopologyTrialRunner.Sender sender : runner.senders())
            {
                final List<String> missing = new ArrayList<>();
                for (final MulticastGroup group : sender.groups())
                {
                    if (!arrived.contains(group.toString()))
                    {
                        missing.add(group.toString());
                    }
                }
                if (!missing.isEmpty())
                {
                    unreached.add(runner.receivers().get(r).name() + " (" + runner.receivers().get(r).side().url() +
                        "): received nothing of " + sender.name() + "'s " + String.join(", ", missing) + " in the " +
                        "first trial: it does not see the group on its interface (check the interface, the route, " +
                        "rp_filter, the TTL and the switch's IGMP snooping)");
                }
            }
        }
        if (unreached.isEmpty())
        {
            final var first = trial.received().get(0);
            err.println(String.format(Locale.ROOT, "rxbreak ramp: warm-up trial at %s msgs/s over %d sender(s) "
                + "(discarded): every receiver took every sender's groups; sent %,d", RateText.format(rate),
                runner.senders().size(), first.sent()));
            err.flush();
        }
        return unreached;
    }

    private int refused(final List<String> problems)
    {
        for (final String problem : problems)
        {
            err.println("rxbreak ramp: " + problem);
        }
        err.println("rxbreak ramp: nothing was measured: fix the topology (" + settings.topology().file() + ") or the " +
            "agents named above");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private SearchListener progress(final String receiver)
    {
        return System.console() == null ? SearchListener.NONE : record ->
        {
            out.println(receiver + ": " + ProgressLine.format(record));
            out.flush();
        };
    }

    private Path receiverFolder(final String name)
    {
        return settings.runDirectory().resolve(RECEIVERS).resolve(name);
    }

    private TopologyAgents.Defaults defaults()
    {
        return new TopologyAgents.Defaults(settings.interfaceName(), settings.groups().get(0), settings.streams(),
            settings.sizeBytes(), settings.senderIdle().name().toLowerCase(Locale.ROOT), RunAgents.AGENT_CALL_TIMEOUT);
    }

    private TopologyAgents.Starter starter()
    {
        return new TopologyAgents.Starter()
        {
            @Override
            public LocalAgent.Launch local(final String role, final List<String> args)
            {
                return LocalAgent.launch(role, args, RunAgents.AGENT_JVM_OPTIONS, null);
            }

            @Override
            public TopologyAgents.Remote ssh(final io.rxbreak.controller.topology.TopologyAgent agent,
                final List<String> argv, final String token)
            {
                final SshAgent started = SshAgent.start(agent.ssh(), agent.sshOptions(), argv, token,
                    SSH_START_TIMEOUT);
                return new TopologyAgents.Remote(started.url(), started.tlsFingerprint(), started);
            }
        };
    }
}
