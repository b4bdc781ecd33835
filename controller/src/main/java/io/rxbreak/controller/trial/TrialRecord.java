package io.rxbreak.controller.trial;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderPacing;

/**
 * One judged trial, as {@code trials.jsonl} and {@code report.json} hold it: the request, the measurement, the
 * verdict, the accounting and the layers that lost, largest first. Rates are messages per second.
 *
 * @param trial            the trial's number in the run, from 1.
 * @param attempt          1, or higher for a repeat of an invalid trial.
 * @param phase            why the search ran it.
 * @param goal             the goal the search was working on.
 * @param targetRate       the rate asked of the sender.
 * @param achievedRate     the rate the sender achieved.
 * @param senderLagNs      the sender's worst lag behind its schedule.
 * @param warmUpNs         the warm-up before the window.
 * @param durationNs       the measured window.
 * @param sent             messages sent in the window.
 * @param received         distinct messages of the window received.
 * @param gaps             sequence gaps the receiver saw.
 * @param lost             {@code sent - received}.
 * @param dropsByLayer     counted drops per measured layer (a missing layer was not measured).
 * @param unexplained      {@code lost - sum(dropsByLayer)}, signed; see {@link Accounting}.
 * @param lossRatio        {@code lost / sent}, 0 when nothing was sent.
 * @param verdict          PASS, FAIL or INVALID.
 * @param invalidReason    why it is invalid, or null.
 * @param detail           the verdict in words, one line.
 * @param attribution      the layers that lost (and unexplained loss), largest first; empty for a pass.
 * @param socketDrops      drops per receiving socket.
 * @param hostRcvbufErrors host-wide Udp RcvbufErrors, context only; null if unread.
 * @param timeSqueeze      softnet time_squeeze; null if unread.
 * @param peakRxQueueBytes the largest socket rx_queue seen; null if unread.
 * @param tracepoints      tracepoint counts, empty when unavailable.
 * @param latency          latency percentiles, or null.
 * @param counterFailure   why a counter source failed, or null.
 * @param backlogGrowth    how fast the receiver fell behind the offered load, as a fraction of it (see
 *                         {@link TrialResult#backlogGrowth()}), or null when not measured.
 * @param failKind         why a FAIL failed ({@link FailKind#LOST}, or {@link FailKind#FELL_BEHIND}: its backlog grew
 *                         faster than the judge allows although it had lost nothing yet, and a longer trial would lose
 *                         at {@code attribution}'s layer); null unless the verdict is FAIL. A record of an older
 *                         rxbreak without it reads as FELL_BEHIND when it failed with nothing lost, else LOST.
 * @param senderPacing     the sender's lag percentiles over its batches and its late bursts, or null when unknown.
 * @param receiveBuffer    what the receiving buffer holds in datagrams of the trial's size, or null when unknown.
 * @param harnessLoad      the harness's CPU use and the receiver's wait for a CPU, or null when unknown.
 * @param receiverWaitShare the share of the trial the receiver spent waiting for a CPU, or null when unknown.
 * @param receiverWaited   whether that share was over {@link HarnessLoad#RECEIVER_WAIT_FLAG}.
 * @param receiverStealShare the share of the trial a hypervisor took from the receiver's CPUs (steal time), or null
 *                         when unknown (0 on bare metal).
 */
public record TrialRecord(
    int trial,
    int attempt,
    TrialPhase phase,
    String goal,
    long targetRate,
    double achievedRate,
    long senderLagNs,
    long warmUpNs,
    long durationNs,
    long sent,
    long received,
    long gaps,
    long lost,
    Map<Layer, Long> dropsByLayer,
    long unexplained,
    double lossRatio,
    Verdict verdict,
    InvalidReason invalidReason,
    String detail,
    List<LayerLoss> attribution,
    Map<String, Long> socketDrops,
    Long hostRcvbufErrors,
    Long timeSqueeze,
    Long peakRxQueueBytes,
    Map<String, Long> tracepoints,
    Latency latency,
    String counterFailure,
    Double backlogGrowth,
    FailKind failKind,
    SenderPacing senderPacing,
    ReceiveBuffer receiveBuffer,
    HarnessLoad harnessLoad,
    Double receiverWaitShare,
    boolean receiverWaited,
    Double receiverStealShare)
{
    /**
     * Copies the collections, ordered and unmodifiable.
     */
    public TrialRecord
    {
        dropsByLayer = TrialMaps.layers(dropsByLayer);
        socketDrops = TrialMaps.named(socketDrops);
        tracepoints = TrialMaps.named(tracepoints);
        attribution = attribution == null ? List.of() : List.copyOf(attribution);
        if (verdict != Verdict.FAIL)
        {
            failKind = null;
        }
        else if (failKind == null)
        {
            failKind = lost > 0 ? FailKind.LOST : FailKind.FELL_BEHIND;
        }
    }

    /**
     * @return whether the trial failed because the receiver fell behind before it lost anything ({@link
     *     FailKind#FELL_BEHIND}); in JSON as {@code fellBehind}, written for readers of the first format and ignored
     *     when read.
     */
    @JsonProperty(value = "fellBehind", access = JsonProperty.Access.READ_ONLY)
    public boolean fellBehind()
    {
        return failKind == FailKind.FELL_BEHIND;
    }

    /**
     * @return the accounting identity of this trial.
     */
    public Accounting accounting()
    {
        return new Accounting(sent, received, lost, lost - unexplained, unexplained);
    }

    /**
     * @return the share of the offered load this trial loses when it runs long enough for every buffer to fill: the
     *     larger of the measured loss ratio and the share its receiver could not keep up with ({@code g / (1 + g)}
     *     for a backlog growth g; a trial's buffers hide part of that loss for its length).
     */
    @JsonIgnore
    public double sustainedLossRatio()
    {
        if (backlogGrowth != null && backlogGrowth > 0)
        {
            return Math.max(lossRatio, backlogGrowth / (1.0 + backlogGrowth));
        }
        return lossRatio;
    }

    /**
     * @return true for a PASS or a FAIL: a trial that says something about the receiver.
     */
    @JsonIgnore
    public boolean isValid()
    {
        return verdict != Verdict.INVALID;
    }
}
