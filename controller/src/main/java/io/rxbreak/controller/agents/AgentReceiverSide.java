package io.rxbreak.controller.agents;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import io.rxbreak.controller.trial.Latency;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.LatencySummary;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.ReceiverBeginAnswer;
import io.rxbreak.core.protocol.ReceiverEndAnswer;
import io.rxbreak.core.protocol.ReceiverStatus;
import io.rxbreak.core.protocol.ReceiverTrial;
import io.rxbreak.core.protocol.ReceiverTrialEnd;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.SocketResult;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * rxbreak's own receiver, as an agent: it accounts every message (sequence gaps, application drops, latency) and
 * samples the kernel counters of its host and namespace at the start and end of every trial. It refuses, on
 * connecting, an agent that is no receiver or speaks another protocol version.
 */
public final class AgentReceiverSide implements ReceiverSide
{
    /**
     * How much longer than the drain bound the agent may take to end a trial before it is taken for hung (its other
     * calls time out after the client's own time-out): docs/agents.md, "Time-outs".
     */
    public static final Duration TRIAL_END_GRACE = Duration.ofSeconds(15);

    private final AgentClient client;
    private final LocalAgent local;
    private final ReceiverStatus status;
    private final int copiesPerMessage;
    private volatile List<SocketResult> lastSockets = List.of();

    /**
     * @param client the receiver agent.
     * @param local the local process behind it, or null for a remote agent.
     * @throws AgentFailureException when it cannot be reached, or is no receiver agent of this protocol version.
     */
    public AgentReceiverSide(final AgentClient client, final LocalAgent local)
    {
        this.client = client;
        this.local = local;
        this.status = call(() -> client.status(AgentApi.RECEIVER, ReceiverStatus.class));
        this.copiesPerMessage = Math.max(1, status.socketsPerGroup());
    }

    /**
     * @return the agent's status when the run started (sockets, rcvbuf granted, throttle).
     */
    public ReceiverStatus status()
    {
        return status;
    }

    @Override
    public ReceiveBuffer begin(final int trialId, final int sizeBytes)
    {
        return call(() -> client.post(AgentApi.TRIAL_BEGIN, new ReceiverTrial(trialId, sizeBytes),
            ReceiverBeginAnswer.class)).buffer();
    }

    @Override
    public ReceiverOutcome end(final int trialId, final long drainBoundNs)
    {
        final Duration timeout = Duration.ofNanos(drainBoundNs).plus(TRIAL_END_GRACE);
        final ReceiverEndAnswer answer = call(() -> client.post(AgentApi.TRIAL_END,
            new ReceiverTrialEnd(trialId, drainBoundNs), timeout, ReceiverEndAnswer.class));
        final ReceiverTrialReport result = answer.result();
        if (result == null || answer.counters() == null)
        {
            throw new AgentFailureException("the receiver agent ended trial " + trialId + " without " +
                (result == null ? "its accounting" : "its counters"));
        }
        lastSockets = List.copyOf(result.sockets());
        final Map<String, Long> socketDrops = new LinkedHashMap<>();
        for (final SocketResult socket : result.sockets())
        {
            socketDrops.put(socket.group() + " inode " + socket.inode(), socket.drops());
        }
        final WindowCounters counters = withPeak(answer.counters(), answer.peakRxQueueBytes());
        final String problem = answer.drained() ? null :
            "the receiver's queues did not drain within --drain: " + (answer.note() == null ? "" : answer.note());
        return new ReceiverOutcome(result.unique(), result.gaps(), socketDrops, result.applicationDrops(),
            copiesPerMessage, latency(result.latency()), counters, problem, histogram(answer.latencyHistogram()),
            result.endMarkers(), result.backlogGrowth(), backlogLayer(result.throttle()), answer.readersCpu(),
            answer.agentCpu(), result.lossTimeline());
    }

    /**
     * @param throttle the receiver's throttle, as it reports it.
     * @return where a receiver that falls behind builds its backlog (see {@link ThrottleSpec#backlogLayer()}).
     * @throws AgentFailureException when it is no throttle this controller knows.
     */
    static Layer backlogLayer(final String throttle)
    {
        try
        {
            return ThrottleSpec.parse("throttle", throttle == null ? "none" : throttle).backlogLayer();
        }
        catch (final BadInputException ex)
        {
            throw new AgentFailureException("the receiver agent reports a throttle this controller does not know: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * @return the counters with the larger of the window's two samples and the agent's sampled peak.
     */
    private static WindowCounters withPeak(final WindowCounters counters, final long sampledPeakBytes)
    {
        if (sampledPeakBytes <= counters.peakRxQueueBytes())
        {
            return counters;
        }
        return new WindowCounters(counters.dropsByLayer(), counters.socketDrops(), counters.memErrors(),
            counters.rcvbufErrors(), counters.timeSqueeze(), sampledPeakBytes, counters.tracepoints(),
            counters.tracepointsUnavailable(), counters.dropReasons(), counters.notes(), counters.failure(),
            counters.timeline());
    }

    private static Histogram histogram(final String base64)
    {
        if (base64 == null || base64.isEmpty())
        {
            return null;
        }
        try
        {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        }
        catch (final DataFormatException | IllegalArgumentException ex)
        {
            throw new AgentFailureException("the receiver agent's latency histogram does not decode: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param latency the receiver's latency summary, or null.
     * @return its percentiles, or null when it measured none.
     */
    static Latency latency(final LatencySummary latency)
    {
        if (latency == null || latency.count() == 0)
        {
            return null;
        }
        return new Latency(latency.percentileNs(50), latency.percentileNs(90), latency.percentileNs(99),
            latency.percentileNs(99.9), latency.maxNs());
    }

    /**
     * @return each socket's figures of the last trial ended ({@link #end}), empty before the first: what arrived per
     *     group.
     */
    public List<SocketResult> lastSockets()
    {
        return lastSockets;
    }

    /**
     * @return the client that reaches the agent (for calls beside the trials, like its clock's).
     */
    public AgentClient client()
    {
        return client;
    }

    /**
     * @return the agent's base URL.
     */
    public String url()
    {
        return client.base().toString();
    }

    @Override
    public String describe()
    {
        return "rxbreak receiver agent at " + client.base() + " (" + status.sockets().size() + " socket(s), throttle " +
            (status.throttle() == null ? "none" : status.throttle()) + ")";
    }

    private <T> T call(final Supplier<T> request)
    {
        return AgentFailureException.calling("receiver", local, request);
    }

    @Override
    public void close()
    {
        if (local != null)
        {
            local.close();
        }
    }
}
