package io.rxbreak.controller;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.control.AgentApi;
import io.rxbreak.core.cli.BadInputException;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.controller.trial.Latency;
import org.HdrHistogram.Histogram;

/**
 * rxbreak's own receiver, as an agent: it accounts every message (sequence gaps, application drops, latency) and
 * samples the kernel counters of its host and namespace at the start and end of every trial.
 */
public final class AgentReceiverSide implements ReceiverSide
{
    private final AgentClient client;
    private final LocalAgent local;
    private final JsonNode status;
    private final int copiesPerMessage;

    /**
     * @param client the receiver agent.
     * @param local the local process behind it, or null for a remote agent.
     */
    public AgentReceiverSide(final AgentClient client, final LocalAgent local)
    {
        this.client = client;
        this.local = local;
        this.status = call(() -> client.get(AgentApi.STATUS));
        this.copiesPerMessage = Math.max(1, status.path("socketsPerGroup").asInt(1));
    }

    /**
     * @return the agent's status when the run started (sockets, rcvbuf granted, throttle).
     */
    public JsonNode status()
    {
        return status;
    }

    @Override
    public ReceiveBuffer begin(final int trialId, final int sizeBytes)
    {
        final JsonNode answer = call(() -> client.post(AgentApi.TRIAL_BEGIN, new AgentApi.ReceiverTrial(trialId, sizeBytes)));
        return read(answer.path("buffer"), ReceiveBuffer.class);
    }

    private static <T> T read(final JsonNode node, final Class<T> type)
    {
        if (!node.isObject())
        {
            return null;
        }
        try
        {
            return Json.MAPPER.treeToValue(node, type);
        }
        catch (final IOException ex)
        {
            throw new AgentFailureException("the receiver agent's " + type.getSimpleName() + " is not in the expected form: " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public ReceiverOutcome end(final int trialId, final long drainBoundNs)
    {
        final Duration timeout = Duration.ofNanos(drainBoundNs).plusSeconds(15);
        final JsonNode answer = call(() -> client.post(AgentApi.TRIAL_END,
            new AgentApi.ReceiverTrialEnd(trialId, drainBoundNs), timeout));
        final JsonNode result = answer.path("result");
        final Map<String, Long> socketDrops = new LinkedHashMap<>();
        for (final JsonNode socket : result.path("sockets"))
        {
            socketDrops.put(socket.path("group").asText() + " inode " + socket.path("inode").asLong(),
                socket.path("drops").asLong());
        }
        final WindowCounters counters;
        try
        {
            counters = withPeak(Json.MAPPER.treeToValue(answer.path("counters"), WindowCounters.class),
                answer.path("peakRxQueueBytes").asLong(0));
        }
        catch (final IOException ex)
        {
            throw new AgentFailureException("the receiver agent's counters are not in the expected form: " + ex.getMessage(), ex);
        }
        final String problem = answer.path("drained").asBoolean(false) ? null :
            "the receiver's queues did not drain within --drain: " + answer.path("note").asText("");
        return new ReceiverOutcome(result.path("unique").asLong(), result.path("gaps").asLong(), socketDrops,
            result.path("applicationDrops").asLong(), copiesPerMessage, latency(result.path("latency")), counters, problem,
            histogram(answer.path("latencyHistogram").asText(null)),
            result.has("endMarkers") ? Long.valueOf(result.path("endMarkers").asLong()) : null,
            result.path("backlogGrowth").isNumber() ? Double.valueOf(result.path("backlogGrowth").asDouble()) : null,
            backlogLayer(result.path("throttle").asText("none")), read(answer.path("readersCpu"), CpuUse.class),
            read(answer.path("agentCpu"), CpuUse.class));
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
            return ThrottleSpec.parse("throttle", throttle).backlogLayer();
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
            counters.tracepointsUnavailable(), counters.notes(), counters.failure());
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

    static Latency latency(final JsonNode latency)
    {
        if (latency.isMissingNode() || latency.isNull() || latency.path("count").asLong() == 0)
        {
            return null;
        }
        final JsonNode percentiles = latency.path("percentilesNs");
        return new Latency(percentiles.path("50.0").asLong(percentiles.path("50").asLong()),
            percentiles.path("90.0").asLong(percentiles.path("90").asLong()),
            percentiles.path("99.0").asLong(percentiles.path("99").asLong()),
            percentiles.path("99.9").asLong(),
            latency.path("maxNs").asLong());
    }

    @Override
    public String describe()
    {
        return "rxbreak receiver agent at " + client.base() + " (" + status.path("sockets").size() + " socket(s), throttle " +
            status.path("throttle").asText("none") + ")";
    }

    private JsonNode call(final java.util.function.Supplier<JsonNode> request)
    {
        try
        {
            return request.get();
        }
        catch (final AgentException ex)
        {
            if (local != null && (ex.status() == 0 ? local.exitedWithin(LocalAgent.EXIT_GRACE) : !local.isAlive()))
            {
                throw new AgentFailureException(local.describeFailure(), ex);
            }
            throw new AgentFailureException("the receiver agent failed: " + ex.getMessage(), ex);
        }
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
