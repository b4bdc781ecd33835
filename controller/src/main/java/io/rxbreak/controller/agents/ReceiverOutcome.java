package io.rxbreak.controller.agents;

import java.util.Map;

import org.HdrHistogram.Histogram;

import io.rxbreak.controller.trial.Latency;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.LossTimeline;

/**
 * What the receiving side reported for one trial.
 *
 * @param received distinct messages received over all sockets, or null when only the kernel can tell (observe
 *     mode: the user's application counts nothing for us).
 * @param gaps messages missing from the sequences over all sockets (0 when unknown).
 * @param socketDrops each receiving socket's kernel drops, by a name such as {@code 239.1.1.1:4000 inode 1234}.
 * @param applicationDrops messages the receiving application discarded itself, or null when it cannot tell.
 * @param copiesPerMessage how many sockets each sent message is offered to (the kernel's multicast fan-out).
 * @param latency latency percentiles, or null.
 * @param counters the kernel counters over the trial on the receiving host.
 * @param problem why the figures cannot be trusted (the queues did not drain in time...), or null.
 * @param latencyHistogram the trial's latencies, or null when not measured.
 * @param endMarkersReceived end-of-trial markers received over all sockets, or null when unknown (observe mode).
 * @param backlogGrowth how fast the receiver fell behind the offered load, as a fraction of it (the slope of its
 *     latency against the intended send times, the worst socket), or null when unknown.
 * @param backlogLayer where that backlog builds up, or null when unknown.
 * @param receiverCpu the CPU use of the threads that read (rxbreak's reading threads, or the observed process), or
 *     null when unknown.
 * @param receiverAgentCpu the receiver agent's other threads' CPU use, or null (observe mode, unknown).
 * @param lossTimeline where in time the sequence gaps opened (epoch bins), or null when none or unknown.
 */
public record ReceiverOutcome(
    Long received,
    long gaps,
    Map<String, Long> socketDrops,
    Long applicationDrops,
    int copiesPerMessage,
    Latency latency,
    WindowCounters counters,
    String problem,
    Histogram latencyHistogram,
    Long endMarkersReceived,
    Double backlogGrowth,
    Layer backlogLayer,
    CpuUse receiverCpu,
    CpuUse receiverAgentCpu,
    LossTimeline lossTimeline)
{
    /**
     * @return this outcome without its backlog trend (for a load that is not steady).
     */
    public ReceiverOutcome withoutBacklogGrowth()
    {
        return new ReceiverOutcome(received, gaps, socketDrops, applicationDrops, copiesPerMessage, latency, counters,
            problem, latencyHistogram, endMarkersReceived, null, null, receiverCpu, receiverAgentCpu, lossTimeline);
    }

    /**
     * @param corrected the latency percentiles on one clock (corrected for the hosts' clocks).
     * @return this outcome with them.
     */
    public ReceiverOutcome withLatency(final Latency corrected)
    {
        return new ReceiverOutcome(received, gaps, socketDrops, applicationDrops, copiesPerMessage, corrected, counters,
            problem, latencyHistogram, endMarkersReceived, backlogGrowth, backlogLayer, receiverCpu, receiverAgentCpu,
            lossTimeline);
    }

    /**
     * An outcome without a backlog trend.
     */
    public ReceiverOutcome(final Long received, final long gaps, final Map<String, Long> socketDrops,
        final Long applicationDrops, final int copiesPerMessage, final Latency latency, final WindowCounters counters,
        final String problem, final Histogram latencyHistogram, final Long endMarkersReceived, final CpuUse receiverCpu)
    {
        this(received, gaps, socketDrops, applicationDrops, copiesPerMessage, latency, counters, problem,
            latencyHistogram, endMarkersReceived, null, null, receiverCpu, null, null);
    }
}
