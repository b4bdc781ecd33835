package io.rxbreak.controller.agents;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.rxbreak.controller.search.TrialRunner;
import io.rxbreak.controller.trial.HarnessLoad;
import io.rxbreak.controller.trial.SenderShare;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderRunAnswer;
import io.rxbreak.core.protocol.SenderTrial;
import io.rxbreak.core.protocol.SenderTrialReport;

/**
 * Runs the search's trials through the control protocol only: the receiving side opens its window, the sender
 * agent runs the trial (warm-up, then the measured window, then its end markers), the receiving side drains and
 * reports. The whole trial is accounted, warm-up included: every message sent must arrive, so a receiver that
 * loses while warming up fails the trial.
 * <p>
 * With several sockets on a group each sent message is offered to each socket (the kernel's fan-out), so the
 * offered count is the sent count times the copies per message.
 */
public final class AgentTrialRunner implements TrialRunner
{
    private static final long SLACK_NS = TimeUnit.SECONDS.toNanos(15);

    private final AgentSenderSide sender;
    private final ReceiverSide receiver;
    private final int sizeBytes;
    private final String pattern;
    private final ReplayPlan replay;
    private final boolean steadyLoad;
    private final LatencySink latencySink;
    private final boolean harnessOnReceiverCpus;
    private int nextTrialId = 1;

    /**
     * Where each trial's latency histogram goes (the run folder's {@code latency.hlog}).
     */
    @FunctionalInterface
    public interface LatencySink
    {
        /**
         * @param trial the trial's number in the run.
         * @param startEpochMs when it started.
         * @param endEpochMs when it ended.
         * @param histogram its latencies, ns.
         */
        void onTrial(int trial, long startEpochMs, long endEpochMs, Histogram histogram);
    }

    /**
     * @param sender the sender agent.
     * @param receiver the receiving side.
     * @param sizeBytes the datagram length.
     * @param pattern the sender's pattern, or null for constant (ignored with a replay).
     * @param replay the feed each trial replays at the speed that offers the trial's rate, or null.
     * @param latencySink where latency histograms go, or null.
     * @param harnessOnReceiverCpus whether the harness's processes may run on the receiver's CPUs.
     */
    public AgentTrialRunner(final AgentSenderSide sender, final ReceiverSide receiver, final int sizeBytes,
        final String pattern, final ReplayPlan replay, final LatencySink latencySink,
        final boolean harnessOnReceiverCpus)
    {
        this.harnessOnReceiverCpus = harnessOnReceiverCpus;
        this.latencySink = latencySink;
        this.sender = sender;
        this.receiver = receiver;
        this.sizeBytes = sizeBytes;
        this.pattern = replay != null ? replay.pattern() : pattern;
        this.replay = replay;
        this.steadyLoad = replay != null ? replay.steadyLoad() : steadyLoad(this.pattern);
    }

    @Override
    public TrialResult run(final TrialRequest request) throws InterruptedException
    {
        return run(request.targetRate(), request.warmUpNs(), request.durationNs(), request.drainBoundNs(), request.trial());
    }

    /**
     * A trial outside the search, whose result is discarded by the caller (its latency is not logged): the warm-up
     * trial that lets the agents' JIT compilation and first allocations happen before the first measured trial.
     *
     * @param rate the rate, messages per second.
     * @param warmUpNs the warm-up before the window.
     * @param durationNs the window.
     * @param drainBoundNs the longest wait for the tail.
     * @return what was measured.
     * @throws InterruptedException when interrupted.
     */
    public TrialResult runDiscarded(final long rate, final long warmUpNs, final long durationNs, final long drainBoundNs)
        throws InterruptedException
    {
        return run(rate, warmUpNs, durationNs, drainBoundNs, 0);
    }

    private TrialResult run(final long rate, final long warmUpNs, final long durationNs, final long drainBoundNs,
        final int searchTrial) throws InterruptedException
    {
        final int trialId = nextTrialId++;
        final long startEpochMs = System.currentTimeMillis();
        final ReceiveBuffer buffer = receiver.begin(trialId, sizeBytes);
        final ThreadGroupClock controllerClock = ThreadGroupClock.allBut(ProcessHandle.current().pid(), List.of());
        controllerClock.start();
        final Double speed = replay == null ? null : replay.speedOf(rate);
        final Long loops = replay == null ? null : replay.loopsFor(speed, durationNs);
        final long sendingNs = replay == null ? durationNs : replay.playNs(speed, loops);
        final SenderRunAnswer answer = sender.run(new SenderTrial(trialId, replay == null ? Long.toString(rate) : null,
            pattern, sizeBytes, replay == null ? durationNs : 0, warmUpNs, receiver.wantsEndMarkers() ? null : 0,
            buffer == null ? null : buffer.datagrams(),
            sender.isLocal() ? List.of(ProcessHandle.current().pid()) : null, speed, loops),
            warmUpNs + sendingNs + SLACK_NS);
        final ReceiverOutcome outcome = receiver.end(trialId, drainBoundNs);
        final CpuUse controller = controllerClock.stop();
        final ReceiverOutcome received = steadyLoad ? outcome : outcome.withoutBacklogGrowth();
        if (latencySink != null && searchTrial > 0 && received.latencyHistogram() != null)
        {
            latencySink.onTrial(searchTrial, startEpochMs, System.currentTimeMillis(), received.latencyHistogram());
        }
        final HarnessLoad load = new HarnessLoad(controller, withoutSteal(answer.agentCpu()),
            withoutSteal(answer.sendingThreadCpu()), received.receiverAgentCpu(), received.receiverCpu(),
            harnessOnReceiverCpus);
        return toResult(answer.result(), received, buffer, load, speed);
    }

    /**
     * @return the sender's CPU use as the trial's record keeps it: its host's steal is not the receiver's.
     */
    public static CpuUse withoutSteal(final CpuUse cpu)
    {
        return cpu == null ? null : new CpuUse(cpu.onCpuNs(), cpu.runQueueWaitNs());
    }

    /**
     * @param pattern the sender's pattern, or null for constant.
     * @return whether its load is the same on average over any stretch of a trial, so that a receiver's latency
     *     growth over the trial says it falls behind (see {@link PatternSpec.Kind#steadyLoad()}).
     */
    public static boolean steadyLoad(final String pattern)
    {
        return PatternSpec.Kind.of(pattern).steadyLoad();
    }

    static TrialResult toResult(final SenderTrialReport sent, final ReceiverOutcome received)
    {
        return toResult(sent, received, null, null, null);
    }

    static TrialResult toResult(final SenderTrialReport sent, final ReceiverOutcome received,
        final ReceiveBuffer buffer, final HarnessLoad load, final Double speed)
    {
        return toResult(sent, received, buffer, load, speed, null);
    }

    /**
     * @param sent what the sender reported (for several senders, their reports combined).
     * @param received what the receiving side reported.
     * @param buffer the receiving buffer, or null.
     * @param load the harness's CPU use, or null.
     * @param speed a replay's speed, or null.
     * @param senders each sender's share when several offered the trial together, or null.
     * @return the trial's measurement, layer by layer.
     */
    public static TrialResult toResult(final SenderTrialReport sent, final ReceiverOutcome received,
        final ReceiveBuffer buffer, final HarnessLoad load, final Double speed, final List<SenderShare> senders)
    {
        final long offered = sent.sent() * received.copiesPerMessage();
        final WindowCounters counters = received.counters();
        final TrialResult.Builder result = TrialResult.builder()
            .achievedRate(sent.achievedRate())
            .senderLagNs(sent.maxLagNs())
            .sent(offered)
            .gaps(received.gaps())
            .latency(received.latency())
            .senderPacing(sent.pacing())
            .senderLagGrowth(sent.lagGrowth())
            .receiveBuffer(buffer)
            .harnessLoad(load)
            .speed(speed)
            .counterTimeline(counters == null ? null : counters.timeline())
            .datagramsPerPacket(sent.packets() > 0 ? (double)sent.sent() / sent.packets() : null)
            .senders(senders);
        if (received.lossTimeline() != null && sent.startEpochNs() != null)
        {
            result.lossTimeline(received.lossTimeline().rebased(sent.startEpochNs()));
        }
        if (received.backlogGrowth() != null)
        {
            // a sender that fell further behind its schedule delays every later message by that much too (and one
            // that caught up sends them earlier): its lag's growth is not the receiver's
            final double senderGrowth = sent.lagGrowth() == null ? 0.0 : sent.lagGrowth();
            result.backlogGrowth(received.backlogGrowth() - senderGrowth, received.backlogLayer());
        }

        long ownSocketDrops = 0;
        for (final Map.Entry<String, Long> socket : received.socketDrops().entrySet())
        {
            result.socketDrops(socket.getKey(), socket.getValue());
            ownSocketDrops += socket.getValue();
        }
        // The kernel's socket drops also count end-of-trial markers it dropped, which are not messages of the
        // trial: take out those the receiver did not get (every round was sent before the receiver drained).
        if (received.endMarkersReceived() != null)
        {
            final long markersLost = Math.max(0L, sent.endMarkersSent() * received.copiesPerMessage()
                - received.endMarkersReceived());
            ownSocketDrops -= Math.min(markersLost, ownSocketDrops);
        }
        final Long memErrors = counters.memErrors();
        // A socket's drops include those over the global UDP memory limit (MemErrors): count them there, once.
        final long overMemory = memErrors == null ? 0 : Math.min(memErrors, ownSocketDrops);
        result.drops(Layer.SOCKET_BUFFER, ownSocketDrops - overMemory);
        if (memErrors != null)
        {
            result.drops(Layer.GLOBAL_UDP_MEMORY, memErrors);
        }
        putLayer(result, counters, Layer.SOFTIRQ_BACKLOG);
        putLayer(result, counters, Layer.NIC);
        if (received.applicationDrops() != null)
        {
            result.drops(Layer.APPLICATION, received.applicationDrops());
        }
        final long countedDrops = ownSocketDrops + (received.applicationDrops() == null ? 0 : received.applicationDrops());
        result.received(received.received() != null ? received.received() : Math.max(0, offered - countedDrops));
        if (counters.rcvbufErrors() != null)
        {
            result.hostRcvbufErrors(counters.rcvbufErrors());
        }
        if (counters.timeSqueeze() != null)
        {
            result.timeSqueeze(counters.timeSqueeze());
        }
        result.peakRxQueueBytes(counters.peakRxQueueBytes());
        if (counters.tracepoints() != null)
        {
            counters.tracepoints().forEach(result::tracepoint);
        }
        if (counters.dropReasons() != null)
        {
            result.dropReasons(counters.dropReasons());
        }
        if (counters.failure() != null)
        {
            result.counterFailure(counters.failure());
        }
        else if (received.problem() != null)
        {
            result.counterFailure(received.problem());
        }
        return result.build();
    }

    private static void putLayer(final TrialResult.Builder result, final WindowCounters counters, final Layer layer)
    {
        final Long drops = counters.dropsByLayer().get(layer.label());
        if (drops != null)
        {
            result.drops(layer, drops);
        }
    }
}
