package io.rxbreak.controller.trial;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.LossTimeline;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.core.timeline.TimelineSample;

/**
 * What a controller measured in one trial, before judgement: the sender's side, the receiver's side and the counter
 * deltas over the measured window (plus drain). A layer missing from {@code dropsByLayer} was not measured (no
 * such counter on this host or interface); a layer present with 0 was measured and dropped nothing.
 *
 * @param achievedRate      the rate the sender achieved in the window, messages per second.
 * @param senderLagNs       how far the sender fell behind its schedule at worst.
 * @param sent              messages sent in the window.
 * @param received          distinct messages of the window received.
 * @param gaps              messages the receiver saw missing from the sequence.
 * @param dropsByLayer      counted drops per layer that belong to this trial. {@link Layer#SOCKET_BUFFER} is the sum
 *                          of the receiver's own sockets' drops ({@code socketDrops}), not the host-wide
 *                          RcvbufErrors; {@link Layer#APPLICATION} only when the receiver counts what it discarded.
 * @param socketDrops       drops per receiving socket (a name such as {@code 239.1.1.1:4000 inode 1234}).
 * @param hostRcvbufErrors  host-wide (namespace-wide) Udp RcvbufErrors over the window, context only; null if unread.
 * @param timeSqueeze       softnet time_squeeze over the window (not a loss by itself); null if unread.
 * @param peakRxQueueBytes  the largest rx_queue seen on the receiving sockets; null if unread.
 * @param tracepoints       counts per tracepoint ({@code sock:sock_rcvqueue_full}...), empty when unavailable.
 * @param latency           latency percentiles, or null when not measured.
 * @param counterFailure    why a counter source failed, or null when every source answered.
 * @param backlogGrowth     how fast the receiver fell behind the offered load over the window, as a fraction of it
 *                          (the slope of its latency against the messages' intended send times, less the growth of
 *                          the sender's own lag): 0 when it keeps up, {@code R / C - 1} when a receiver of capacity
 *                          C is offered R &gt; C; null when not measured (observe mode, too short a window).
 * @param backlogLayer      where that backlog builds up and would overflow (the socket buffer, or the application's
 *                          queue when it drops); null when {@code backlogGrowth} is.
 * @param senderPacing      the sender's lag percentiles over its batches and its late bursts; null when the sender
 *                          did not say (an older agent).
 * @param senderLagGrowth   how fast the sender's own lag grew over the measured messages, as a fraction of the
 *                          schedule's time; null when unknown.
 * @param receiveBuffer     what the receiving buffer holds in datagrams of the trial's size; null when unknown.
 * @param harnessLoad       the harness's CPU use and the receiver's wait for a CPU; null when unknown.
 * @param speed             a replay's speed-up factor (the feed played this many times as fast); null for other
 *                          patterns.
 * @param dropReasons       the kernel's drop reasons over the window (machine-wide; see {@link DropReasons}), or null
 *     when the receiver's host did not count them.
 * @param reasonsBeyondLoss drops the reasons put in a layer this trial has no counter for (routing/filtering,
 *     validation) beyond the loss left unexplained: other traffic on the host, not counted twice; null when none.
 * @param lossTimeline      where in the trial the sequence gaps opened: bins counted from the schedule's offset 0
 *                          (bin {@code k} covers offsets from {@code k * binNs}); null when nothing was missing or
 *                          it is unknown.
 * @param counterTimeline   the receive-path counters over the trial at a coarse step (see
 *                          {@link io.rxbreak.core.timeline.TrialTimeline}), so that a person sees when in the trial
 *                          it broke; null when the receiving side kept none.
 * @param datagramsPerPacket the sender's datagrams per packet it wrote, on average (above 1 with UDP GSO: on
 *                          loopback and veth such a packet stays whole to the socket, and every packet counter, the
 *                          kernel's drop reasons included, counts it once); null when the sender did not say.
 * @param senders           each sender's share when several senders offered the trial together (a topology
 *                          ramp); null for one sender.
 */
public record TrialResult(
    double achievedRate,
    long senderLagNs,
    long sent,
    long received,
    long gaps,
    Map<Layer, Long> dropsByLayer,
    Map<String, Long> socketDrops,
    Long hostRcvbufErrors,
    Long timeSqueeze,
    Long peakRxQueueBytes,
    Map<String, Long> tracepoints,
    Latency latency,
    String counterFailure,
    Double backlogGrowth,
    Layer backlogLayer,
    SenderPacing senderPacing,
    Double senderLagGrowth,
    ReceiveBuffer receiveBuffer,
    HarnessLoad harnessLoad,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double speed,
    @JsonInclude(JsonInclude.Include.NON_NULL) LossTimeline lossTimeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) DropReasons dropReasons,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long reasonsBeyondLoss,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TimelineSample> counterTimeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double datagramsPerPacket,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<SenderShare> senders)
{
    /** The layers no trial counter measures, which the kernel's drop reasons may fill. */
    public static final java.util.List<Layer> REASON_LAYERS = java.util.List.of(Layer.ROUTING_FILTERING, Layer.VALIDATION);

    /**
     * Copies the maps, ordered (layers in their enum order, names sorted) and unmodifiable.
     */
    public TrialResult
    {
        dropsByLayer = TrialMaps.layers(dropsByLayer);
        socketDrops = TrialMaps.named(socketDrops);
        tracepoints = TrialMaps.named(tracepoints);
    }

    /**
     * @return a builder with nothing measured.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Collects a measurement.
     */
    public static final class Builder
    {
        private double achievedRate;
        private long senderLagNs;
        private long sent;
        private long received;
        private long gaps;
        private final Map<Layer, Long> dropsByLayer = new EnumMap<>(Layer.class);
        private final Map<String, Long> socketDrops = new TreeMap<>();
        private Long hostRcvbufErrors;
        private Long timeSqueeze;
        private Long peakRxQueueBytes;
        private final Map<String, Long> tracepoints = new TreeMap<>();
        private Latency latency;
        private String counterFailure;
        private Double backlogGrowth;
        private Layer backlogLayer;
        private SenderPacing senderPacing;
        private Double senderLagGrowth;
        private ReceiveBuffer receiveBuffer;
        private HarnessLoad harnessLoad;
        private Double speed;
        private LossTimeline lossTimeline;
        private DropReasons dropReasons;
        private List<TimelineSample> counterTimeline;
        private Double datagramsPerPacket;
        private List<SenderShare> senders;

        private Builder()
        {
        }

        /** @param value messages per second the sender achieved. @return this. */
        public Builder achievedRate(final double value)
        {
            achievedRate = value;
            return this;
        }

        /** @param value the sender's worst lag behind schedule. @return this. */
        public Builder senderLagNs(final long value)
        {
            senderLagNs = value;
            return this;
        }

        /** @param value messages sent in the window. @return this. */
        public Builder sent(final long value)
        {
            sent = value;
            return this;
        }

        /** @param value distinct messages of the window received. @return this. */
        public Builder received(final long value)
        {
            received = value;
            return this;
        }

        /** @param value sequence gaps the receiver saw. @return this. */
        public Builder gaps(final long value)
        {
            gaps = value;
            return this;
        }

        /**
         * Record a layer's drops; for {@link Layer#SOCKET_BUFFER} prefer {@link #socketDrops(String, long)}.
         *
         * @param layer the layer.
         * @param drops its drops in the window, 0 when measured and nothing was lost.
         * @return this.
         */
        public Builder drops(final Layer layer, final long drops)
        {
            dropsByLayer.put(layer, drops);
            return this;
        }

        /**
         * Record one receiving socket's drops; they add up into {@link Layer#SOCKET_BUFFER}.
         *
         * @param socket the socket's name.
         * @param drops  its drops in the window.
         * @return this.
         */
        public Builder socketDrops(final String socket, final long drops)
        {
            socketDrops.merge(socket, drops, Long::sum);
            dropsByLayer.merge(Layer.SOCKET_BUFFER, drops, Long::sum);
            return this;
        }

        /** @param value host-wide Udp RcvbufErrors over the window. @return this. */
        public Builder hostRcvbufErrors(final long value)
        {
            hostRcvbufErrors = value;
            return this;
        }

        /** @param value softnet time_squeeze over the window. @return this. */
        public Builder timeSqueeze(final long value)
        {
            timeSqueeze = value;
            return this;
        }

        /** @param value the largest rx_queue seen, bytes. @return this. */
        public Builder peakRxQueueBytes(final long value)
        {
            peakRxQueueBytes = value;
            return this;
        }

        /** @param name a tracepoint. @param count how often it fired. @return this. */
        public Builder tracepoint(final String name, final long count)
        {
            tracepoints.put(name, count);
            return this;
        }

        /** @param value latency percentiles. @return this. */
        public Builder latency(final Latency value)
        {
            latency = value;
            return this;
        }

        /** @param reason why a counter source failed. @return this. */
        public Builder counterFailure(final String reason)
        {
            counterFailure = reason;
            return this;
        }

        /**
         * @param growth how fast the receiver fell behind, as a fraction of the offered load.
         * @param layer  where its backlog builds up.
         * @return this.
         */
        public Builder backlogGrowth(final double growth, final Layer layer)
        {
            backlogGrowth = growth;
            backlogLayer = layer;
            return this;
        }

        /** @param value the sender's punctuality. @return this. */
        public Builder senderPacing(final SenderPacing value)
        {
            senderPacing = value;
            return this;
        }

        /** @param value how fast the sender's own lag grew. @return this. */
        public Builder senderLagGrowth(final Double value)
        {
            senderLagGrowth = value;
            return this;
        }

        /** @param value what the receiving buffer holds. @return this. */
        public Builder receiveBuffer(final ReceiveBuffer value)
        {
            receiveBuffer = value;
            return this;
        }

        /** @param value the harness's CPU use. @return this. */
        public Builder harnessLoad(final HarnessLoad value)
        {
            harnessLoad = value;
            return this;
        }

        /** @param value a replay's speed-up factor. @return this. */
        public Builder speed(final Double value)
        {
            speed = value;
            return this;
        }

        /** @param value where the gaps opened, bins from the schedule's start. @return this. */
        public Builder lossTimeline(final LossTimeline value)
        {
            lossTimeline = value;
            return this;
        }

        /**
         * @param value the kernel's drop reasons over the window; {@link #build()} lets them explain loss the
         *     layers with counters left unexplained.
         * @return this.
         */
        public Builder dropReasons(final DropReasons value)
        {
            dropReasons = value;
            return this;
        }

        /** @param value the sender's datagrams per packet, or null. @return this. */
        public Builder datagramsPerPacket(final Double value)
        {
            datagramsPerPacket = value;
            return this;
        }

        /** @param value each sender's share when several offered the trial together, or null. @return this. */
        public Builder senders(final List<SenderShare> value)
        {
            senders = value == null ? null : List.copyOf(value);
            return this;
        }

        /** @param value the counters over the trial, or null. @return this. */
        public Builder counterTimeline(final List<TimelineSample> value)
        {
            counterTimeline = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * @return the measurement. When drop reasons were counted, loss the counted layers leave unexplained
         *     ({@code sent - received - drops}) is put in the {@link #REASON_LAYERS} the reasons name, at most as much
         *     as is left, so that {@code sent = received + drops per layer + unexplained} stays exact; what the
         *     machine-wide reasons counted beyond it is {@code reasonsBeyondLoss}.
         */
        public TrialResult build()
        {
            Long beyond = null;
            if (dropReasons != null && dropReasons.available())
            {
                long left = sent - received;
                for (final long drops : dropsByLayer.values())
                {
                    left -= drops;
                }
                for (final Layer layer : REASON_LAYERS)
                {
                    final long named = dropReasons.drops(layer);
                    if (named == 0 || dropsByLayer.containsKey(layer))
                    {
                        continue;
                    }
                    final long taken = Math.min(named, Math.max(0, left));
                    dropsByLayer.put(layer, taken);
                    left -= taken;
                    if (named > taken)
                    {
                        beyond = (beyond == null ? 0 : beyond) + named - taken;
                    }
                }
            }
            return new TrialResult(achievedRate, senderLagNs, sent, received, gaps, dropsByLayer, socketDrops,
                hostRcvbufErrors, timeSqueeze, peakRxQueueBytes, tracepoints, latency, counterFailure, backlogGrowth,
                backlogLayer, senderPacing, senderLagGrowth, receiveBuffer, harnessLoad, speed, lossTimeline,
                dropReasons, beyond, counterTimeline, datagramsPerPacket, senders);
        }
    }
}
