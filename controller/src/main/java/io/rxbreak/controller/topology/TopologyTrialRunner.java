package io.rxbreak.controller.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.rxbreak.controller.agents.AgentFailureException;
import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.AgentTrialRunner;
import io.rxbreak.controller.agents.ReceiverOutcome;
import io.rxbreak.controller.clock.OneWayCorrection;
import io.rxbreak.controller.trial.HarnessLoad;
import io.rxbreak.controller.trial.Latency;
import io.rxbreak.controller.trial.SenderShare;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.core.protocol.SenderRunAnswer;
import io.rxbreak.core.protocol.SenderTrial;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.protocol.SocketResult;

/**
 * Runs one trial over every agent of a topology, through the control protocol only: every receiver opens its window
 * (all at once), every sender runs its share of the rate (all at once, each exactly paced on its own groups), every
 * receiver drains and reports (all at once). The calls to the agents run side by side, so a trial's control cost
 * grows with the slowest agent's answer, not with the number of agents. Each receiver's measurement is of the
 * whole: the senders' reports combined ({@link #combined}), with each sender's share kept for the judge.
 */
public final class TopologyTrialRunner implements AutoCloseable
{
    private static final long SLACK_NS = TimeUnit.SECONDS.toNanos(15);

    private final List<Sender> senders;
    private final List<Receiver> receivers;
    private final int sizeBytes;
    private final String pattern;
    private final boolean harnessOnReceiverCpus;
    private final boolean steadyLoad;
    private final ExecutorService calls;
    private final OneWayCorrection[] corrections;
    private final boolean[] uncorrected;
    private int nextTrialId = 1;

    /**
     * A sender of the topology, reached.
     *
     * @param name   its name.
     * @param side   the agent.
     * @param groups the groups it sends to.
     */
    public record Sender(String name, AgentSenderSide side, List<MulticastGroup> groups)
    {
    }

    /**
     * A receiver of the topology, reached.
     *
     * @param name its name.
     * @param side the agent.
     */
    public record Receiver(String name, AgentReceiverSide side)
    {
    }

    /**
     * @param senders               the senders, in the topology's order.
     * @param receivers             the receivers, in the topology's order.
     * @param sizeBytes             the datagram length.
     * @param pattern               the senders' pattern at each share's rate, or null for constant.
     * @param harnessOnReceiverCpus whether the harness may run on a receiver's CPUs (agents started here).
     */
    public TopologyTrialRunner(final List<Sender> senders, final List<Receiver> receivers, final int sizeBytes,
        final String pattern, final boolean harnessOnReceiverCpus)
    {
        this.senders = List.copyOf(senders);
        this.receivers = List.copyOf(receivers);
        this.sizeBytes = sizeBytes;
        this.pattern = pattern;
        this.harnessOnReceiverCpus = harnessOnReceiverCpus;
        this.steadyLoad = AgentTrialRunner.steadyLoad(pattern);
        this.corrections = new OneWayCorrection[receivers.size()];
        this.uncorrected = new boolean[receivers.size()];
        this.calls = Executors.newFixedThreadPool(Math.max(senders.size(), receivers.size()), runnable ->
        {
            final Thread thread = new Thread(runnable, "rxbreak-topology-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @return the senders.
     */
    public List<Sender> senders()
    {
        return senders;
    }

    /**
     * @return the receivers.
     */
    public List<Receiver> receivers()
    {
        return receivers;
    }

    /**
     * Correct every later trial's one-way latencies of a receiver by its clock's disagreement with the senders'
     * (measured over the control channel); a trial whose median latency is within the correction's uncertainty keeps
     * its figures as measured and is counted as not corrected ({@link #latencyUncorrected}).
     *
     * @param receiver   the receiver's index.
     * @param correction what to subtract from its latencies, with its uncertainty; null for none.
     */
    public void correctLatency(final int receiver, final OneWayCorrection correction)
    {
        corrections[receiver] = correction;
    }

    /**
     * @param receiver the receiver's index.
     * @return whether a trial's latencies of that receiver were smaller than the clocks' uncertainty, and kept as
     *     measured.
     */
    public boolean latencyUncorrected(final int receiver)
    {
        return uncorrected[receiver];
    }

    /**
     * @param rate  the whole rate, messages per second.
     * @param parts how many senders share it.
     * @return each sender's share: the rate split as evenly as whole messages allow, the first ones taking the
     *     remainder, so that the shares add up to the rate exactly.
     */
    public static long[] split(final long rate, final int parts)
    {
        final long[] shares = new long[parts];
        for (int i = 0; i < parts; i++)
        {
            shares[i] = rate / parts + (i < rate % parts ? 1 : 0);
        }
        return shares;
    }

    /**
     * @param rate         the whole rate, messages per second, split over the senders.
     * @param warmUpNs     the warm-up before the window.
     * @param durationNs   the window.
     * @param drainBoundNs the longest wait for the tail.
     * @return what every sender sent and every receiver took.
     * @throws InterruptedException when interrupted; the senders are stopped first.
     * @throws AgentFailureException naming the agent that failed.
     */
    public TopologyTrial run(final long rate, final long warmUpNs, final long durationNs, final long drainBoundNs)
        throws InterruptedException
    {
        final int trialId = nextTrialId++;
        final List<ReceiveBuffer> buffers = all(receivers, r -> () -> r.side().begin(trialId, sizeBytes),
            r -> r.name());
        final ThreadGroupClock controllerClock = ThreadGroupClock.allBut(ProcessHandle.current().pid(), List.of());
        controllerClock.start();
        final long[] shares = split(rate, senders.size());
        final Long burstLimit = smallestBuffer(buffers);
        final Map<Sender, Long> shareOf = new HashMap<>();
        for (int i = 0; i < senders.size(); i++)
        {
            shareOf.put(senders.get(i), shares[i]);
        }
        final List<SenderRunAnswer> answers = all(senders, s -> () -> s.side().run(new SenderTrial(trialId,
            Long.toString(shareOf.get(s)), pattern, sizeBytes, durationNs, warmUpNs, null, burstLimit,
            s.side().isLocal() ? List.of(ProcessHandle.current().pid()) : null, null, null),
            warmUpNs + durationNs + SLACK_NS), s -> s.name());
        final List<ReceiverOutcome> outcomes = all(receivers, r -> () -> r.side().end(trialId, drainBoundNs),
            r -> r.name());
        final CpuUse controller = controllerClock.stop();
        final List<SenderTrialReport> reports = new ArrayList<>();
        final List<SenderShare> shareList = new ArrayList<>();
        CpuUse senderAgents = CpuUse.NONE;
        CpuUse sendingThreads = CpuUse.NONE;
        for (int i = 0; i < senders.size(); i++)
        {
            final SenderTrialReport report = answers.get(i).result();
            reports.add(report);
            shareList.add(new SenderShare(senders.get(i).name(), shares[i], report.achievedRate(), report.maxLagNs()));
            senderAgents = plus(senderAgents, AgentTrialRunner.withoutSteal(answers.get(i).agentCpu()));
            sendingThreads = plus(sendingThreads, AgentTrialRunner.withoutSteal(answers.get(i).sendingThreadCpu()));
        }
        final SenderTrialReport whole = combined(reports);
        final List<TrialResult> results = new ArrayList<>();
        final List<List<SocketResult>> sockets = new ArrayList<>();
        for (int i = 0; i < receivers.size(); i++)
        {
            final ReceiverOutcome outcome = corrected(i, outcomes.get(i));
            final HarnessLoad load = new HarnessLoad(controller, senderAgents, sendingThreads,
                outcome.receiverAgentCpu(), outcome.receiverCpu(), harnessOnReceiverCpus);
            results.add(AgentTrialRunner.toResult(whole, steadyLoad ? outcome :
                outcome.withoutBacklogGrowth(), buffers.get(i), load, null, senders.size() > 1 ? shareList : null));
            sockets.add(receivers.get(i).side().lastSockets());
        }
        return new TopologyTrial(trialId, reports, results, sockets);
    }

    /**
     * The senders' reports as one, for a receiver that took them all: counts added up, rates added up, the worst lag
     * and lag growth, the pacing of the sender that fell furthest behind, the earliest start.
     *
     * @param reports each sender's report (at least one).
     * @return the combined report.
     */
    static SenderTrialReport combined(final List<SenderTrialReport> reports)
    {
        if (reports.size() == 1)
        {
            return reports.get(0);
        }
        final SenderTrialReport first = reports.get(0);
        final List<String> groups = new ArrayList<>();
        final Map<String, Long> errors = new HashMap<>();
        long windowNs = 0, sent = 0, failed = 0, warmupSent = 0, expected = 0, batches = 0, packets = 0, stalls = 0;
        long maxLagNs = 0, endLagNs = 0, endMarkers = 0, allocated = 0;
        double target = 0, achieved = 0;
        boolean targetKnown = true, limited = false;
        String limitedReason = null, stopReason = null;
        Long sndbufErrors = null, startEpochNs = null;
        Double lagGrowth = null;
        SenderPacing pacing = null;
        for (final SenderTrialReport report : reports)
        {
            groups.addAll(report.groups());
            windowNs = Math.max(windowNs, report.windowNs());
            sent += report.sent();
            failed += report.failed();
            warmupSent += report.warmupSent();
            expected += report.expected();
            batches += report.batches();
            packets += report.packets();
            stalls += report.stalls();
            endMarkers += report.endMarkersSent();
            allocated += report.senderThreadAllocatedBytes();
            achieved += report.achievedRate();
            targetKnown &= report.targetRate() != null;
            target += report.targetRate() == null ? 0 : report.targetRate();
            if (report.maxLagNs() >= maxLagNs)
            {
                maxLagNs = report.maxLagNs();
                pacing = report.pacing();
            }
            endLagNs = Math.max(endLagNs, report.endLagNs());
            if (report.senderLimited() && !limited)
            {
                limited = true;
                limitedReason = report.senderLimitedReason();
            }
            stopReason = stopReason == null ? report.stopReason() : stopReason;
            if (report.errors() != null)
            {
                report.errors().forEach((name, count) -> errors.merge(name, count, Long::sum));
            }
            if (report.sndbufErrorsDelta() != null)
            {
                sndbufErrors = (sndbufErrors == null ? 0 : sndbufErrors) + report.sndbufErrorsDelta();
            }
            if (report.lagGrowth() != null)
            {
                lagGrowth = lagGrowth == null ? report.lagGrowth() : Math.max(lagGrowth, report.lagGrowth());
            }
            if (report.startEpochNs() != null)
            {
                startEpochNs = startEpochNs == null ? report.startEpochNs() : Math.min(startEpochNs, report.startEpochNs());
            }
        }
        final Double targetRate = targetKnown ? target : null;
        final double shortfall = targetRate == null || targetRate <= 0 ? 0.0 : Math.max(0.0, 1.0 - achieved / targetRate);
        return new SenderTrialReport(first.trialId(), first.pattern(), groups, first.streamsPerGroup(),
            first.sizeBytes(), first.gsoSegments(), first.idle(), stopReason, windowNs, sent, failed, warmupSent,
            expected, targetRate, achieved, shortfall, maxLagNs, endLagNs, limited, limitedReason, batches,
            batches == 0 ? 0.0 : (double)sent / batches, packets, stalls, errors, sndbufErrors, endMarkers, allocated,
            lagGrowth, pacing, startEpochNs);
    }

    private ReceiverOutcome corrected(final int receiver, final ReceiverOutcome outcome)
    {
        final OneWayCorrection correction = corrections[receiver];
        final Latency latency = outcome.latency();
        if (correction == null || latency == null)
        {
            return outcome;
        }
        if (correction.uncertaintyExceeds(correction.correct(latency.p50Ns())))
        {
            uncorrected[receiver] = true;
            return outcome;
        }
        return outcome.withLatency(new Latency(correction.correct(latency.p50Ns()), correction.correct(latency.p90Ns()),
            correction.correct(latency.p99Ns()), correction.correct(latency.p999Ns()),
            correction.correct(latency.maxNs())));
    }

    private static Long smallestBuffer(final List<ReceiveBuffer> buffers)
    {
        Long smallest = null;
        for (final ReceiveBuffer buffer : buffers)
        {
            if (buffer != null)
            {
                smallest = smallest == null ? buffer.datagrams() : Math.min(smallest, buffer.datagrams());
            }
        }
        return smallest;
    }

    private static CpuUse plus(final CpuUse a, final CpuUse b)
    {
        return b == null ? a : new CpuUse(a.onCpuNs() + b.onCpuNs(), a.runQueueWaitNs() + b.runQueueWaitNs());
    }

    /**
     * Call every agent at once and wait for all; the first failure (in the topology's order) names its agent, and the
     * calls still running are cancelled (a sender told to stop).
     */
    private <A, T> List<T> all(final List<A> agents, final Function<A, Callable<T>> call,
        final Function<A, String> name) throws InterruptedException
    {
        final List<Future<T>> futures = new ArrayList<>();
        for (final A agent : agents)
        {
            futures.add(calls.submit(call.apply(agent)));
        }
        final List<T> answers = new ArrayList<>();
        try
        {
            for (int i = 0; i < futures.size(); i++)
            {
                try
                {
                    answers.add(futures.get(i).get());
                }
                catch (final ExecutionException ex)
                {
                    final Throwable cause = ex.getCause();
                    throw new AgentFailureException(name.apply(agents.get(i)) + ": " + cause.getMessage(), cause);
                }
            }
            return answers;
        }
        finally
        {
            if (answers.size() < futures.size())
            {
                futures.forEach(future -> future.cancel(true));
            }
        }
    }

    @Override
    public void close()
    {
        calls.shutdownNow();
    }
}
