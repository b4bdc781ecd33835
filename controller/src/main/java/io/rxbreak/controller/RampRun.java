package io.rxbreak.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;

import io.rxbreak.controller.agents.AgentFailureException;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.AgentTrialRunner;
import io.rxbreak.controller.agents.ObservedReceiverSide;
import io.rxbreak.controller.agents.ReceiverSide;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.FeedReport;
import io.rxbreak.controller.report.ProgressLine;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.RunExitCode;
import io.rxbreak.controller.report.RunFolderWriter;
import io.rxbreak.controller.report.RunHeader;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.RunReports;
import io.rxbreak.controller.report.cli.PipelineOptions;
import io.rxbreak.controller.report.hlog.LatencyLogWriter;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.controller.tune.Tuning;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.counters.tracing.TracepointCounter;

/**
 * One ramp from start to end: start (or reach) the agents, run the search, write the run folder and the summary,
 * and leave nothing behind. SIGINT or SIGTERM interrupts the search; what was finished is written as a partial
 * report and the agents are stopped before the process exits.
 */
final class RampRun implements Callable<Integer>
{
    private static final long SHUTDOWN_WAIT_S = 20;
    private static final long WARM_UP_TRIAL_NS = 1_000_000_000L;

    private final RampSettings settings;
    private final PipelineOptions pipeline;
    private final PrintWriter out;
    private final PrintWriter err;
    private final RunAgents agents;
    private final Tuning tuning;
    private SignalGuard guard;

    /**
     * @param tuning what the tuning file set ({@code --tune}), applied already, or null.
     */
    RampRun(final RampSettings settings, final PipelineOptions pipeline, final PrintWriter out, final PrintWriter err,
        final Tuning tuning)
    {
        this.settings = settings;
        this.tuning = tuning;
        this.pipeline = pipeline;
        this.out = out;
        this.err = err;
        this.agents = new RunAgents(settings, err);
    }

    @Override
    public Integer call() throws Exception
    {
        try (SignalGuard guard = SignalGuard.install(SHUTDOWN_WAIT_S))
        {
            this.guard = guard;
            return run();
        }
    }

    private int run() throws IOException, InterruptedException
    {
        final List<AutoCloseable> toClose = new ArrayList<>();
        try
        {
            // an observed application is found first (rxbreak keeps off its CPUs); local agents start placed
            final ReceiverSide observed = settings.observe() ? agents.receiver(toClose) : null;
            agents.place(observed instanceof ObservedReceiverSide ? ((ObservedReceiverSide)observed).owner() : 0);
            final Calibration calibration = settings.calibrate() ? Calibration.run(settings, agents, err) : null;
            agents.startSenderEarly(toClose);
            final ReceiverSide receiver = observed != null ? observed : agents.receiver(toClose);
            final AgentSenderSide sender = agents.sender(toClose);
            final RunHeader header = RunHeader.of(settings.commandLine(), Instant.now().toString(), settings.search(),
                RunEnvironment.of(settings, agents.placement(), sender, receiver), RunEnvironment.tunables())
                .withCeiling(calibration == null ? null : calibration.ceiling())
                .withFeed(settings.replay() == null ? null : FeedReport.of(settings.replay().file(),
                    settings.replay().feed(), settings.replay().profile()))
                .withTuning(tuning);
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
                if (calibration != null)
                {
                    folder.writeCalibration(calibration.trials());
                }
                final SearchListener progress = System.console() != null ?
                    record -> { out.println(ProgressLine.format(record)); out.flush(); } : SearchListener.NONE;
                final AgentTrialRunner runner = new AgentTrialRunner(sender, receiver, settings.sizeBytes(),
                    settings.pattern(), settings.replay(),
                    (trial, startMs, endMs, histogram) -> appendLatency(latencyLog, trial, startMs, endMs, histogram),
                    agents.harnessMayShareReceiverCpus());
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
                    agentFailed = !guard.signalled();
                    result = guard.signalled() ?
                        search.partialResult(SearchStop.INTERRUPTED, "interrupted by a signal") :
                        search.partialResult(SearchStop.FAILED, ex.getMessage());
                }
                // a signal interrupted this thread: clear the flag, or the interruptible file channels below would
                // refuse to write the partial report
                Thread.interrupted();
                final RunReport report = RunReports.of(header, result, Instant.now().toString());
                folder.writeReport(report);
                return publish(settings, pipeline, report, agentFailed, out);
            }
        }
        finally
        {
            RunAgents.closeAll(toClose, err);
            removeTracingLeftovers();
            err.flush();
        }
    }


    /**
     * The run's report, written (report.json is): its artifacts beside it, its copy ({@code --json}), the summary on
     * the console, and the pipeline's verdict.
     *
     * @param agentFailed whether an agent died or stopped answering: that fails the run (1), even before any trial
     *     was valid.
     * @return the exit code.
     */
    static int publish(final RampSettings settings, final PipelineOptions pipeline, final RunReport report,
        final boolean agentFailed, final PrintWriter out) throws IOException
    {
        ReportArtifacts.writeAll(settings.runDirectory(), report);
        if (settings.jsonCopy() != null)
        {
            Files.copy(settings.runDirectory().resolve("report.json"), settings.jsonCopy(),
                StandardCopyOption.REPLACE_EXISTING);
        }
        out.print(ConsoleSummary.render(report));
        out.flush();
        return pipeline.finish(report, agentFailed ? ExitCodes.FAILURE : RunExitCode.of(report), out);
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
        final long rate = settings.search().verifies() ? settings.search().verifyRate() : settings.search().startRate();
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

}
