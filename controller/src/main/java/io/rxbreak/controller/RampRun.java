package io.rxbreak.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.Environment;
import io.rxbreak.controller.report.HarnessCeiling;
import io.rxbreak.controller.report.ProgressLine;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.RunExitCode;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.RunFolderWriter;
import io.rxbreak.controller.report.RunHeader;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.RunReports;
import io.rxbreak.controller.report.cli.PipelineOptions;
import io.rxbreak.controller.report.hlog.LatencyLogWriter;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.Tunables;
import io.rxbreak.core.counters.TunablesReader;
import io.rxbreak.core.counters.tracing.TracepointCounter;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.ReceiverStatus;
import io.rxbreak.core.wire.MessageHeader;

/**
 * One ramp from start to end: start (or reach) the agents, run the search, write the run folder and the summary,
 * and leave nothing behind. SIGINT or SIGTERM interrupts the search; what was finished is written as a partial
 * report and the agents are stopped before the process exits.
 */
final class RampRun implements Callable<Integer>
{
    private static final Duration AGENT_START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AGENT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The agents' JVMs: a heap sized up front, the parallel collector (it uses the agent's CPUs only, as the JVM
     * counts them from its affinity), and no periodic clean-up safepoints (each stops the measuring threads).
     */
    private static final List<String> AGENT_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");
    private static final long SHUTDOWN_WAIT_S = 20;
    private static final long WARM_UP_TRIAL_NS = 1_000_000_000L;
    private static final double CALIBRATION_PRECISION = 0.05;
    private static final long CALIBRATION_TRIAL_NS = 1_000_000_000L;
    private static final long CALIBRATION_WARM_UP_NS = 250_000_000L;
    private static final int CALIBRATION_MAX_TRIALS = 24;

    private final RampSettings settings;
    private final PipelineOptions pipeline;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean signalled;
    private Placement placement;
    /** The trials of {@code --calibrate}, for the run folder; null without it. */
    private List<TrialRecord> calibrationTrials;

    RampRun(final RampSettings settings, final PipelineOptions pipeline, final PrintWriter out, final PrintWriter err)
    {
        this.settings = settings;
        this.pipeline = pipeline;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception
    {
        final Thread main = Thread.currentThread();
        final Thread hook = new Thread(() ->
        {
            signalled = true;
            main.interrupt();
            try
            {
                finished.await(SHUTDOWN_WAIT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "rxbreak-ramp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return run();
        }
        finally
        {
            finished.countDown();
            if (!signalled)
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (final IllegalStateException ex)
                {
                    // shutting down after all
                }
            }
        }
    }

    private int run() throws IOException, InterruptedException
    {
        final List<AutoCloseable> toClose = new ArrayList<>();
        try
        {
            // an observed application is found first (rxbreak keeps off its CPUs); local agents start placed
            final ReceiverSide observed = settings.observe() ? receiver(toClose) : null;
            placement = place(observed instanceof ObservedReceiverSide ? ((ObservedReceiverSide)observed).owner() : 0);
            final HarnessCeiling ceiling = settings.calibrate() ? calibrate() : null;
            final ReceiverSide receiver = observed != null ? observed : receiver(toClose);
            final AgentSenderSide sender = sender(toClose);
            final RunHeader header = RunHeader.of(settings.commandLine(), Instant.now().toString(), settings.search(),
                environment(sender, receiver), tunables()).withCeiling(ceiling);
            if (settings.sandboxName() != null)
            {
                err.println("rxbreak ramp: in the private network namespace " + settings.sandboxName());
            }
            err.println("rxbreak ramp: " + sender.describe() + "; " + receiver.describe());
            err.println("rxbreak ramp: run folder " + settings.runDirectory());
            err.flush();
            try (RunFolderWriter folder = RunFolderWriter.create(settings.runDirectory(), header);
                LatencyLogWriter latencyLog = LatencyLogWriter.create(settings.runDirectory(), System.currentTimeMillis()))
            {
                if (calibrationTrials != null)
                {
                    folder.writeCalibration(calibrationTrials);
                }
                final SearchListener progress = System.console() != null ?
                    record -> { out.println(ProgressLine.format(record)); out.flush(); } : SearchListener.NONE;
                final AgentTrialRunner runner = new AgentTrialRunner(sender, receiver, settings.sizeBytes(),
                    settings.pattern(),
                    (trial, startMs, endMs, histogram) -> appendLatency(latencyLog, trial, startMs, endMs, histogram),
                    placement == null || placement.harnessSharesReceiverCpus());
                final RampSearch search = new RampSearch(settings.search(), runner, folder.andThen(progress));
                SearchResult result;
                boolean agentFailed = false;
                try
                {
                    result = settings.warmUpTrial() && !warmUpTrial(runner) ?
                        search.partialResult(SearchStop.INTERRUPTED, "interrupted during the warm-up trial") :
                        search.run();
                }
                catch (final AgentFailureException ex)
                {
                    agentFailed = !signalled;
                    result = signalled ?
                        search.partialResult(SearchStop.INTERRUPTED, "interrupted by a signal") :
                        search.partialResult(SearchStop.FAILED, ex.getMessage());
                }
                // a signal interrupted this thread: clear the flag, or the interruptible file channels below would
                // refuse to write the partial report
                Thread.interrupted();
                final RunReport report = RunReports.of(header, result, Instant.now().toString());
                folder.writeReport(report);
                ReportArtifacts.writeAll(settings.runDirectory(), report);
                if (settings.jsonCopy() != null)
                {
                    Files.copy(settings.runDirectory().resolve("report.json"), settings.jsonCopy(),
                        StandardCopyOption.REPLACE_EXISTING);
                }
                out.print(ConsoleSummary.render(report));
                out.flush();
                // an agent that died or stopped answering fails the run (1), even before any trial was valid
                return pipeline.finish(report, agentFailed ? ExitCodes.FAILURE : RunExitCode.of(report), out);
            }
        }
        finally
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
            removeTracingLeftovers();
            err.flush();
        }
    }

    /**
     * {@code --calibrate}: the break point of rxbreak's own receiver without a throttle, with the run's datagram
     * size, buffer, sockets and placement: the most this harness can tell here. A coarse search (steps x2, 5 %,
     * 1 s trials) on agents of its own, stopped before the run's start; in observe mode on the group's next port, so
     * that the observed application is not loaded.
     *
     * @return what it found.
     */
    private HarnessCeiling calibrate() throws InterruptedException
    {
        err.println("rxbreak ramp: --calibrate: finding what an unthrottled rxbreak receiver takes on this host...");
        err.flush();
        final List<AutoCloseable> calibration = new ArrayList<>();
        try
        {
            final List<String> groups = settings.observe() ? List.of("--group", settings.groups().get(0).address()
                .getHostAddress() + ":" + (settings.groups().get(0).port() + 1)) : settings.groupOptions();
            final ReceiverSide receiver = localReceiver(calibration, groups, null);
            final AgentSenderSide sender = localSender(calibration, groups);
            final RampConfig config = settings.search().toBuilder()
                .step("x2")
                .precision(CALIBRATION_PRECISION)
                .trialDurationNs(CALIBRATION_TRIAL_NS)
                .warmUpNs(CALIBRATION_WARM_UP_NS)
                .confirmDurationNs(2 * CALIBRATION_TRIAL_NS)
                .confirmTrialDurationNs(2 * CALIBRATION_TRIAL_NS)
                .pdrRatio(null)
                .maxTrials(CALIBRATION_MAX_TRIALS)
                .build();
            final AgentTrialRunner runner = new AgentTrialRunner(sender, receiver, settings.sizeBytes(),
                settings.pattern(), null, placement == null || placement.harnessSharesReceiverCpus());
            runner.runDiscarded(config.startRate(), CALIBRATION_WARM_UP_NS, CALIBRATION_TRIAL_NS, config.drainBoundNs());
            final SearchResult result = new RampSearch(config, runner, SearchListener.NONE).run();
            calibrationTrials = result.trials();
            final HarnessCeiling ceiling = HarnessCeiling.of(result);
            err.println("rxbreak ramp: --calibrate: the harness's ceiling here: " +
                (ceiling.ndr() != null ? RateText.format(ceiling.ndr()) + " msgs/s" : ceiling.atLeast() != null ?
                "at least " + RateText.format(ceiling.atLeast()) + " msgs/s (" + ceiling.limitedBy() + ")" :
                "not found (" + ceiling.limitedBy() + ")") + "; its trials go to " + RunFolder.CALIBRATION_FILE);
            err.flush();
            return ceiling;
        }
        finally
        {
            for (int i = calibration.size() - 1; i >= 0; i--)
            {
                try
                {
                    calibration.get(i).close();
                }
                catch (final Exception ex)
                {
                    err.println("rxbreak ramp: could not stop " + calibration.get(i) + ": " + ex.getMessage());
                }
            }
        }
    }

    /**
     * A local receiver agent killed outright (SIGKILL) could not remove its tracing instances: remove those of
     * every rxbreak process that is gone.
     */
    private void removeTracingLeftovers()
    {
        try
        {
            TracepointCounter.removeLeftoversOfDeadProcesses(Path.of("/sys"));
        }
        catch (final RuntimeException ex)
        {
            err.println("rxbreak ramp: could not remove leftover tracing instances: " + ex.getMessage());
        }
    }

    /**
     * One discarded trial at the start rate, so that the agents' JIT compilation and first allocations happen
     * before the first measured trial (a sender that stalls and then bursts in its first trial tells nothing about
     * the receiver).
     *
     * @return false when interrupted.
     */
    private boolean warmUpTrial(final AgentTrialRunner runner)
    {
        final long rate = settings.search().startRate();
        try
        {
            final TrialResult result = runner.runDiscarded(rate, settings.search().warmUpNs(),
                Math.min(settings.search().trialDurationNs(), WARM_UP_TRIAL_NS), settings.search().drainBoundNs());
            err.println(String.format(Locale.ROOT, "rxbreak ramp: warm-up trial at %s msgs/s (discarded): sent %,d, "
                + "received %,d, sender lag at most %.1f ms", RateText.format(rate), result.sent(), result.received(),
                result.senderLagNs() / 1e6));
            err.flush();
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void appendLatency(final LatencyLogWriter log, final int trial, final long startMs, final long endMs,
        final Histogram histogram)
    {
        try
        {
            log.append(trial, startMs, endMs, histogram);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write " + LatencyLogWriter.FILE + ": " + ex.getMessage(), ex);
        }
    }

    private ReceiverSide receiver(final List<AutoCloseable> toClose)
    {
        if (settings.observe())
        {
            final ReceiverSide observed = new ObservedReceiverSide(settings.observePid(), settings.groups().get(0).port(),
                settings.groups().get(0).address(), true);
            toClose.add(observed);
            return observed;
        }
        if (settings.receiverAgentUrl() != null)
        {
            final ReceiverSide remote = new AgentReceiverSide(
                new AgentClient(settings.receiverAgentUrl(), settings.agentToken(), AGENT_CALL_TIMEOUT), null);
            toClose.add(remote);
            return remote;
        }
        return localReceiver(toClose, settings.groupOptions(), settings.throttle());
    }

    /**
     * @param groupOptions {@code --group G} for each group.
     * @param throttle the throttle, or null for none.
     */
    private ReceiverSide localReceiver(final List<AutoCloseable> toClose, final List<String> groupOptions,
        final String throttle)
    {
        final List<String> args = new ArrayList<>(List.of("receive"));
        args.addAll(groupOptions);
        args.addAll(List.of("--interface", settings.interfaceName(), "--sockets", Integer.toString(settings.sockets())));
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
        final ReceiverSide side = new AgentReceiverSide(new AgentClient(agent.url(), null, AGENT_CALL_TIMEOUT), agent);
        toClose.add(side);
        return side;
    }

    private AgentSenderSide sender(final List<AutoCloseable> toClose)
    {
        if (settings.senderAgentUrl() != null)
        {
            return new AgentSenderSide(new AgentClient(settings.senderAgentUrl(), settings.agentToken(), AGENT_CALL_TIMEOUT), null);
        }
        return localSender(toClose, settings.groupOptions());
    }

    private AgentSenderSide localSender(final List<AutoCloseable> toClose, final List<String> groupOptions)
    {
        final List<String> args = new ArrayList<>(List.of("send"));
        args.addAll(groupOptions);
        args.addAll(List.of("--interface", settings.interfaceName(), "--streams", Integer.toString(settings.streams()),
            "--idle", senderIdle()));
        final LocalAgent agent = startLocal("sender", args, placement == null ? null : placement.sender());
        toClose.add(agent);
        final AgentSenderSide side = new AgentSenderSide(new AgentClient(agent.url(), null, AGENT_CALL_TIMEOUT), agent);
        toClose.add(side);
        return side;
    }

    /**
     * Decide where the harness runs and move this process there (every thread; threads made later inherit it).
     */
    private Placement place(final long observedPid)
    {
        final CpuSet allowed = Threads.affinity(0);
        if (allowed == null)
        {
            err.println("rxbreak ramp: CPU placement unavailable (" + Threads.unavailableReason() + "); the harness may " +
                "run on the receiver's CPUs");
            return null;
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
        return chosen;
    }

    private LocalAgent startLocal(final String role, final List<String> args, final CpuSet cpus)
    {
        try
        {
            return LocalAgent.start(role, args, AGENT_JVM_OPTIONS, AGENT_START_TIMEOUT, cpus);
        }
        catch (final LocalAgent.AgentStartException ex)
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

    private Environment environment(final AgentSenderSide sender, final ReceiverSide receiver)
    {
        final Map<String, String> details = new LinkedHashMap<>();
        details.put("sender", sender.describe());
        details.put("receiver", receiver.describe());
        details.put("groups", String.join(" ", settings.groups().stream().map(Object::toString).toList()));
        details.put("sizeBytes", Integer.toString(settings.sizeBytes()));
        details.put("pattern", settings.pattern() == null ? "constant" : settings.pattern());
        details.put("throttle", settings.throttle() == null ? "none" : settings.throttle());
        if (settings.sandboxName() != null)
        {
            details.put("sandbox", settings.sandboxName());
        }
        details.put("placement", placement == null ? "not set (" + Threads.unavailableReason() + ")" :
            placement.describe());
        details.put("senderSetup", Json.toLine(sender.status().setup()));
        Long requested = null;
        Long granted = null;
        if (receiver instanceof AgentReceiverSide)
        {
            final ReceiverStatus status = ((AgentReceiverSide)receiver).status();
            requested = status.rcvbufRequested();
            granted = status.rcvbufGranted();
            details.put("receiverTransport", status.transport() == null ? "epoll" : status.transport());
        }
        return new Environment(kernelRelease(), CpuSet.online().size(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            settings.interfaceName(), requested, granted, details);
    }

    private static String kernelRelease()
    {
        try
        {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        }
        catch (final IOException ex)
        {
            return System.getProperty("os.version");
        }
    }

    private static Map<String, String> tunables()
    {
        final Tunables tunables = new TunablesReader(CounterRoots.LIVE).read();
        final Map<String, String> all = new LinkedHashMap<>(tunables.sysctls());
        // In the sandbox most net.core tunables are invisible; the sandbox's parent read the host's values for us.
        Sandbox.parseHostSysctls(System.getenv(Sandbox.HOST_SYSCTLS)).forEach((name, value) ->
        {
            if (!all.containsKey(name))
            {
                all.put(name, value);
            }
        });
        tunables.rpsCpus().forEach((queue, mask) -> all.put(queue + " rps_cpus", mask));
        if (tunables.ringSizes() != null)
        {
            tunables.ringSizes().forEach((dev, rings) -> all.put(dev + " rings", rings));
        }
        return all;
    }
}
