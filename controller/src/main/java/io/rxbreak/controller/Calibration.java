package io.rxbreak.controller;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.AgentTrialRunner;
import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.controller.agents.ReceiverSide;
import io.rxbreak.controller.report.HarnessCeiling;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.TrialRecord;

/**
 * {@code --calibrate}: the break point of rxbreak's own receiver without a throttle, with the run's datagram size,
 * buffer, sockets and placement: the most this harness can tell here. A coarse search (steps x2, 5 %, 1 s trials) on
 * agents of its own, stopped before the run's start; in observe mode on the group's next port, so that the observed
 * application is not loaded.
 *
 * @param ceiling what it found.
 * @param trials  its trials, for the run folder's {@value RunFolder#CALIBRATION_FILE}.
 */
record Calibration(HarnessCeiling ceiling, List<TrialRecord> trials)
{
    private static final double PRECISION = 0.05;
    private static final long TRIAL_NS = 1_000_000_000L;
    private static final long WARM_UP_NS = 250_000_000L;
    private static final int MAX_TRIALS = 24;

    /**
     * @param settings the run's settings.
     * @param agents   the run's agents, placed: the calibration's own agents are started like them.
     * @param err      where progress goes.
     * @return what it found, its agents stopped.
     * @throws InterruptedException when interrupted.
     */
    static Calibration run(final RampSettings settings, final RunAgents agents, final PrintWriter err)
        throws InterruptedException
    {
        err.println("rxbreak ramp: --calibrate: finding what an unthrottled rxbreak receiver takes on this host...");
        err.flush();
        final List<AutoCloseable> toClose = new ArrayList<>();
        try
        {
            final List<String> groups = settings.observe() ? List.of("--group", settings.groups().get(0).address()
                .getHostAddress() + ":" + (settings.groups().get(0).port() + 1)) : settings.groupOptions();
            // both JVMs start at once: each takes seconds to start and warm up
            final LocalAgent.Launch senderLaunch = agents.launchLocalSender(toClose, groups, null);
            final ReceiverSide receiver = agents.localReceiver(toClose, groups, null);
            final AgentSenderSide sender = agents.awaitLocalSender(toClose, senderLaunch);
            final RampConfig config = settings.search().toBuilder()
                .step("x2")
                .precision(PRECISION)
                .trialDurationNs(TRIAL_NS)
                .warmUpNs(WARM_UP_NS)
                .confirmDurationNs(2 * TRIAL_NS)
                .confirmTrialDurationNs(2 * TRIAL_NS)
                .pdrRatio(null)
                .maxTrials(MAX_TRIALS)
                .verifyRate(null)
                .build();
            final AgentTrialRunner runner = new AgentTrialRunner(sender, receiver, settings.sizeBytes(),
                settings.pattern(), null, null, agents.harnessMayShareReceiverCpus());
            runner.runDiscarded(config.startRate(), WARM_UP_NS, TRIAL_NS, config.drainBoundNs());
            final SearchResult result = new RampSearch(config, runner, SearchListener.NONE).run();
            final HarnessCeiling ceiling = HarnessCeiling.of(result);
            err.println("rxbreak ramp: --calibrate: the harness's ceiling here: " +
                (ceiling.ndr() != null ? RateText.format(ceiling.ndr()) + " msgs/s" : ceiling.atLeast() != null ?
                "at least " + RateText.format(ceiling.atLeast()) + " msgs/s (" + ceiling.limitedBy() + ")" :
                "not found (" + ceiling.limitedBy() + ")") + "; its trials go to " + RunFolder.CALIBRATION_FILE);
            err.flush();
            return new Calibration(ceiling, result.trials());
        }
        finally
        {
            RunAgents.closeAll(toClose, err);
        }
    }
}
