package io.rxbreak.controller.trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.SenderPacing;

/**
 * Turns a measurement into a judged {@link TrialRecord}. The rules, in order:
 * <ol>
 *   <li>a counter source failed: INVALID ({@link InvalidReason#COUNTER_FAILURE});</li>
 *   <li>nothing was sent: INVALID ({@link InvalidReason#NOTHING_SENT});</li>
 *   <li>the sender's achieved rate is below {@code target * (1 - tolerance)}: INVALID
 *       ({@link InvalidReason#SENDER_SHORTFALL}), and so is a trial where one of several senders fell short of its own
 *       share by as much ({@link TrialResult#senders()}); above {@code target * (1 + tolerance)}: INVALID
 *       ({@link InvalidReason#SENDER_OVERSHOOT});</li>
 *   <li>more received than sent, or nothing lost while the receiver's own socket or application counted drops:
 *       INVALID ({@link InvalidReason#ACCOUNTING_INCONSISTENT});</li>
 *   <li>the receiver waited for a CPU more than {@link HarnessLoad#RECEIVER_WAIT_FLAG} of the trial while the
 *       harness, allowed on its CPUs, used CPU time: INVALID ({@link InvalidReason#HARNESS_INTERFERENCE});</li>
 *   <li>anything lost ({@code sent > received}) while the sender, late, sent more messages back to back than the
 *       receiver's buffer holds (a late burst over the buffer, each counted, not only the largest), and no more lost
 *       than those bursts held ({@code burstsOverLimit * largestBurst}, each burst lost whole): INVALID
 *       ({@link InvalidReason#SENDER_BURST}); the bursts, not the rate, may have caused the loss. A loss larger than
 *       that is the receiver's: FAIL, its detail naming the bursts and how much they explain at most. Where the
 *       buffer's size in datagrams is unknown: anything lost while the sender fell behind by more than the maximum
 *       sender lag and no more lost than that burst held ({@code target * lag}): INVALID
 *       ({@link InvalidReason#SENDER_STALL}). A trial that lost nothing despite bursts passes: the receiver took
 *       a harder load than asked;</li>
 *   <li>anything lost: FAIL;</li>
 *   <li>nothing lost, but the receiver fell behind the offered load by more than the maximum backlog growth (its
 *       latency grew against the messages' intended send times faster than that, net of the sender's own lag
 *       growth): FAIL of kind {@link FailKind#FELL_BEHIND}, attributed to the layer where the backlog builds up. Its buffers
 *       absorbed the excess for the length of the trial; a longer one would lose there. Without this rule a
 *       receiver of capacity C passes any rate up to about {@code C + buffer / duration}. When the sender itself
 *       drifted behind its schedule by half the allowed growth or more: INVALID ({@link InvalidReason#SENDER_DRIFT});
 *       when it fell behind by more than the maximum sender lag, the burst it then sent may have left that backlog:
 *       INVALID ({@link InvalidReason#SENDER_STALL});</li>
 *   <li>otherwise PASS.</li>
 * </ol>
 * Loss is decided by the receiver's count of distinct messages against the sender's, never by counters alone:
 * host-wide counters (NIC, softirq backlog, global UDP memory, host RcvbufErrors) may also count other traffic.
 * The counters then say <em>where</em> the loss happened. What they do not explain is reported as
 * {@link LayerLoss#UNEXPLAINED}; it is never relabelled as application loss. The application layer holds only
 * what the receiver itself counted as discarded (rxbreak's own receiver knows this; a foreign receiver does not).
 */
public final class TrialJudge
{
    private final double tolerance;
    private final long maxSenderLagNs;
    private final double maxBacklogGrowth;

    /**
     * A judge without the sender-lag check.
     *
     * @param tolerance the fraction by which the achieved rate may miss the target, above 0 and below 0.5.
     */
    public TrialJudge(final double tolerance)
    {
        this(tolerance, 0);
    }

    /**
     * @param tolerance the fraction by which the achieved rate may miss the target, above 0 and below 0.5.
     * @param maxSenderLagNs how far the sender may fall behind its schedule in a trial that lost messages; 0 for
     *                       no check.
     */
    public TrialJudge(final double tolerance, final long maxSenderLagNs)
    {
        this(tolerance, maxSenderLagNs, Double.POSITIVE_INFINITY);
    }

    /**
     * @param tolerance the fraction by which the achieved rate may miss the target, above 0 and below 0.5.
     * @param maxSenderLagNs how far the sender may fall behind its schedule in a trial that lost messages; 0 for
     *                       no check.
     * @param maxBacklogGrowth how fast the receiver may fall behind the offered load in a trial that lost nothing,
     *                         as a fraction of it; positive infinity for no check (loss alone decides).
     */
    public TrialJudge(final double tolerance, final long maxSenderLagNs, final double maxBacklogGrowth)
    {
        if (!(maxBacklogGrowth >= 0.0))
        {
            throw new IllegalArgumentException("maxBacklogGrowth " + maxBacklogGrowth + " must be 0 or more");
        }
        this.maxBacklogGrowth = maxBacklogGrowth;
        if (maxSenderLagNs < 0)
        {
            throw new IllegalArgumentException("maxSenderLagNs " + maxSenderLagNs + " must be 0 or more");
        }
        this.maxSenderLagNs = maxSenderLagNs;
        if (!(tolerance > 0.0 && tolerance < 0.5))
        {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be above 0 and below 0.5");
        }
        this.tolerance = tolerance;
    }

    /**
     * @param request what was asked.
     * @param result  what was measured.
     * @return the judged record.
     */
    public TrialRecord judge(final TrialRequest request, final TrialResult result)
    {
        long countedDrops = 0;
        for (final long drops : result.dropsByLayer().values())
        {
            countedDrops += drops;
        }
        final Accounting accounting = Accounting.of(result.sent(), result.received(), countedDrops);
        final long target = request.targetRate();
        final long ownDrops = result.dropsByLayer().getOrDefault(Layer.SOCKET_BUFFER, 0L)
            + result.dropsByLayer().getOrDefault(Layer.APPLICATION, 0L);

        Verdict verdict = Verdict.INVALID;
        InvalidReason reason = null;
        FailKind failKind = null;
        final Layer backlogLayer = result.backlogLayer() == null ? Layer.SOCKET_BUFFER : result.backlogLayer();
        final String detail;
        if (result.counterFailure() != null)
        {
            reason = InvalidReason.COUNTER_FAILURE;
            detail = "a counter source failed: " + result.counterFailure();
        }
        else if (result.sent() <= 0)
        {
            reason = InvalidReason.NOTHING_SENT;
            detail = "the sender sent nothing in the measured window";
        }
        else if (result.achievedRate() < target * (1.0 - tolerance))
        {
            reason = InvalidReason.SENDER_SHORTFALL;
            detail = String.format(Locale.ROOT, "the sender achieved %,.0f msgs/s of %,d (%.2f%% short, tolerance %s)",
                result.achievedRate(), target, 100.0 * (target - result.achievedRate()) / target, percent(tolerance));
        }
        else if (shortSender(result, tolerance) != null)
        {
            final SenderShare share = shortSender(result, tolerance);
            reason = InvalidReason.SENDER_SHORTFALL;
            detail = String.format(Locale.ROOT, "sender %s achieved %,.0f msgs/s of its share %,d (%.2f%% short, "
                + "tolerance %s)", share.name(), share.achievedRate(), share.targetRate(),
                100.0 * (share.targetRate() - share.achievedRate()) / share.targetRate(), percent(tolerance));
        }
        else if (result.achievedRate() > target * (1.0 + tolerance))
        {
            reason = InvalidReason.SENDER_OVERSHOOT;
            detail = String.format(Locale.ROOT, "the sender achieved %,.0f msgs/s for %,d (%.2f%% over, tolerance %s)",
                result.achievedRate(), target, 100.0 * (result.achievedRate() - target) / target, percent(tolerance));
        }
        else if (result.received() > result.sent())
        {
            reason = InvalidReason.ACCOUNTING_INCONSISTENT;
            detail = String.format(Locale.ROOT, "received %,d of %,d sent: more than sent (duplicates or a counting fault)",
                result.received(), result.sent());
        }
        else if (accounting.lost() == 0 && ownDrops > 0)
        {
            reason = InvalidReason.ACCOUNTING_INCONSISTENT;
            detail = String.format(Locale.ROOT, "every message arrived but the receiver's own socket or application "
                + "counted %,d drops (another sender on the group, or skewed window edges)", ownDrops);
        }
        else if (interfered(result, request))
        {
            reason = InvalidReason.HARNESS_INTERFERENCE;
            detail = String.format(Locale.ROOT, "the receiver waited for a CPU %.1f ms (%.1f%% of the trial) while the "
                + "harness, which may run on its CPUs, used %.1f ms of CPU: place them apart (--receiver-cpus, "
                + "--sender-cpus, --controller-cpus)", result.harnessLoad().receiver().runQueueWaitNs() / 1e6,
                100.0 * result.harnessLoad().receiverWaitShare(windowNs(request)),
                result.harnessLoad().harnessCpuNs() / 1e6);
        }
        else if (accounting.lost() > 0 && burstsOverBuffer(result) > 0 && accounting.lost() <= burstLoss(result))
        {
            reason = InvalidReason.SENDER_BURST;
            final SenderPacing pacing = result.senderPacing();
            detail = String.format(Locale.ROOT, "the sender, late, burst up to %,d messages back to back (%,d late "
                + "bursts, %,d over the %,d datagrams the receiver's buffer holds); lost %,d of %,d, which the bursts "
                + "alone may explain", pacing.largestBurst(), pacing.lateBursts(), pacing.burstsOverLimit(),
                result.receiveBuffer().datagrams(), accounting.lost(), result.sent());
        }
        else if (accounting.lost() > 0 && !burstsKnown(result) && maxSenderLagNs > 0
            && result.senderLagNs() > maxSenderLagNs && accounting.lost() <= burstMessages(target, result.senderLagNs()))
        {
            reason = InvalidReason.SENDER_STALL;
            detail = String.format(Locale.ROOT, "the sender stalled for %.1f ms (more than --max-sender-lag %.1f ms) "
                + "and then burst about %,d due messages; lost %,d of %,d, which the burst alone may explain",
                result.senderLagNs() / 1e6, maxSenderLagNs / 1e6, burstMessages(target, result.senderLagNs()),
                accounting.lost(), result.sent());
        }
        else if (accounting.lost() > 0)
        {
            verdict = Verdict.FAIL;
            failKind = FailKind.LOST;
            detail = String.format(Locale.ROOT, "lost %,d of %,d (%s)", accounting.lost(), result.sent(),
                ratio(accounting.lost(), result.sent())) + burstsTooFew(result) + stolen(result, target);
        }
        else if (result.backlogGrowth() != null && result.backlogGrowth() > maxBacklogGrowth
            && result.senderLagGrowth() != null && result.senderLagGrowth() > maxBacklogGrowth / 2)
        {
            reason = InvalidReason.SENDER_DRIFT;
            detail = String.format(Locale.ROOT, "received all %,d, but the sender drifted behind its schedule by %.2f%% "
                + "of its time (half the allowed backlog growth is %s): the growth seen (%.2f%% net) may be the "
                + "sender's, not the receiver's", result.sent(), result.senderLagGrowth() * 100.0,
                percent(maxBacklogGrowth / 2), result.backlogGrowth() * 100.0);
        }
        else if (result.backlogGrowth() != null && result.backlogGrowth() > maxBacklogGrowth && stalled(result)
            && result.backlogGrowth() - stallGrowth(result, request) <= maxBacklogGrowth)
        {
            reason = InvalidReason.SENDER_STALL;
            detail = String.format(Locale.ROOT, "received all %,d, but the sender stalled for %.1f ms (more than "
                + "--max-sender-lag %.1f ms) and then burst about %,d due messages: the backlog that left (%.2f%% growth) "
                + "may be the burst's, not the rate's", result.sent(), result.senderLagNs() / 1e6, maxSenderLagNs / 1e6,
                burstMessages(target, result.senderLagNs()), result.backlogGrowth() * 100.0);
        }
        else if (result.backlogGrowth() != null && result.backlogGrowth() > maxBacklogGrowth)
        {
            verdict = Verdict.FAIL;
            failKind = FailKind.FELL_BEHIND;
            final double growth = result.backlogGrowth();
            detail = String.format(Locale.ROOT, "received all %,d, but fell behind: its backlog grew by %.2f%% of the "
                + "offered load (it kept up with about %,.0f msgs/s; the limit is %s); a longer trial would lose at the "
                + "%s layer",
                result.sent(), growth * 100.0, result.achievedRate() / (1.0 + growth), percent(maxBacklogGrowth),
                backlogLayer.label()) + stallTooShort(result, request);
        }
        else
        {
            verdict = Verdict.PASS;
            detail = String.format(Locale.ROOT, "received all %,d", result.sent());
        }

        final List<LayerLoss> attribution;
        if (failKind == FailKind.FELL_BEHIND)
        {
            attribution = List.of(new LayerLoss(backlogLayer.label(), 0, 1.0));
        }
        else
        {
            attribution = verdict == Verdict.FAIL ? attribute(result.dropsByLayer(), accounting.unexplained()) : List.of();
        }
        return new TrialRecord(request, result, new Judgement(verdict, failKind, reason, detail, attribution));
    }

    /**
     * @param dropsByLayer counted drops per layer.
     * @param unexplained  loss no counter explains (ignored when not above 0).
     * @return the layers that dropped and the unexplained loss, largest first (ties in layer order), with shares of
     *         their sum.
     */
    public static List<LayerLoss> attribute(final Map<Layer, Long> dropsByLayer, final long unexplained)
    {
        long total = Math.max(0L, unexplained);
        for (final long drops : dropsByLayer.values())
        {
            total += Math.max(0L, drops);
        }
        final List<LayerLoss> losses = new ArrayList<>();
        if (total == 0)
        {
            return losses;
        }
        for (final Map.Entry<Layer, Long> entry : dropsByLayer.entrySet())
        {
            if (entry.getValue() > 0)
            {
                losses.add(new LayerLoss(entry.getKey().label(), entry.getValue(), entry.getValue() / (double)total));
            }
        }
        if (unexplained > 0)
        {
            losses.add(new LayerLoss(LayerLoss.UNEXPLAINED, unexplained, unexplained / (double)total));
        }
        losses.sort(Comparator.comparingLong(LayerLoss::drops).reversed());
        return losses;
    }

    /**
     * @return whether the receiver waited for a CPU a sizeable share of the trial while the harness, allowed on its
     *     CPUs, used CPU time.
     */
    private static boolean interfered(final TrialResult result, final TrialRequest request)
    {
        final HarnessLoad load = result.harnessLoad();
        if (load == null || !load.harnessOnReceiverCpus() || load.harnessCpuNs() == 0)
        {
            return false;
        }
        final Double share = load.receiverWaitShare(windowNs(request));
        return share != null && share > HarnessLoad.RECEIVER_WAIT_FLAG;
    }

    /**
     * @return a note when a hypervisor took more time from the receiver's CPUs than its buffer lasts at the target
     *     rate: the loss may then be the host's (a virtual machine's CPU, not the receiver, stopped); else "".
     */
    private static String stolen(final TrialResult result, final long target)
    {
        final HarnessLoad load = result.harnessLoad();
        final Long stealNs = load == null || load.receiver() == null ? null : load.receiver().stealNs();
        if (stealNs == null || stealNs == 0 || result.receiveBuffer() == null || target <= 0)
        {
            return "";
        }
        final double bufferMs = result.receiveBuffer().datagrams() * 1000.0 / target;
        return stealNs / 1e6 < bufferMs ? "" : String.format(Locale.ROOT, "; the host took %.0f ms of the receiver's "
            + "CPUs (steal), more than its buffer lasts at this rate (%.0f ms): the loss may be the host's", stealNs / 1e6,
            bufferMs);
    }

    private static long windowNs(final TrialRequest request)
    {
        return request.warmUpNs() + request.durationNs();
    }

    private static boolean burstsKnown(final TrialResult result)
    {
        return result.senderPacing() != null && result.senderPacing().burstsOverLimit() != null;
    }

    private static long burstsOverBuffer(final TrialResult result)
    {
        return burstsKnown(result) ? result.senderPacing().burstsOverLimit() : 0;
    }

    /**
     * @return the most the sender's late bursts over the receiver's buffer could have lost: each lost whole (a burst
     *     that found the buffer full), {@code burstsOverLimit * largestBurst}; 0 when unknown.
     */
    private static long burstLoss(final TrialResult result)
    {
        return burstsOverBuffer(result) * result.senderPacing().largestBurst();
    }

    /**
     * @return for a loss larger than the sender's bursts over the buffer could explain, a note that they happened and
     *     how much they explain at most; else "".
     */
    private static String burstsTooFew(final TrialResult result)
    {
        return burstsOverBuffer(result) == 0 ? "" : String.format(Locale.ROOT, "; the sender also burst late over the "
            + "receiver's buffer (%,d bursts, up to %,d messages), which explains at most %,d of it",
            burstsOverBuffer(result), result.senderPacing().largestBurst(), burstLoss(result));
    }

    private boolean stalled(final TrialResult result)
    {
        return maxSenderLagNs > 0 && result.senderLagNs() > maxSenderLagNs;
    }

    /**
     * The most backlog growth a sender's stall can fake. A stall of {@code L} delays the messages due in it by at
     * most {@code L}; the burst that follows queues behind them and leaves every later message at most {@code L}
     * later than it would have been (a receiver that keeps up drains it, one that does not reads at its own pace
     * either way). The growth is the least-squares slope of latency over the trial's {@code T}, and a step of height
     * {@code h} at {@code s} moves that slope by {@code 6 h s (T - s) / T^3}, at most {@code 1.5 h / T} (a step in
     * the middle). Twice {@code L / T} leaves room for more than one stall of that length.
     *
     * @return the growth, as a fraction, the sender's largest stall could explain.
     */
    private static double stallGrowth(final TrialResult result, final TrialRequest request)
    {
        return request.durationNs() <= 0 ? Double.POSITIVE_INFINITY
            : 2.0 * result.senderLagNs() / (double)request.durationNs();
    }

    private String stallTooShort(final TrialResult result, final TrialRequest request)
    {
        return !stalled(result) ? "" : String.format(Locale.ROOT, "; the sender stalled for %.1f ms, which explains at "
            + "most %.2f%% of the growth", result.senderLagNs() / 1e6, stallGrowth(result, request) * 100.0);
    }

    private static long burstMessages(final long ratePerSecond, final long lagNs)
    {
        return (long)Math.ceil(ratePerSecond * (lagNs / 1e9));
    }

    private static String percent(final double fraction)
    {
        return String.format(Locale.ROOT, "%.4g%%", fraction * 100.0).replaceAll("\\.?0+%$", "%");
    }

    private static String ratio(final long lost, final long sent)
    {
        return String.format(Locale.ROOT, "%.4g%%", 100.0 * lost / sent);
    }

    /**
     * @return the first sender that fell short of its own share by more than the tolerance, or null (one sender, or
     *     none short).
     */
    private static SenderShare shortSender(final TrialResult result, final double tolerance)
    {
        if (result.senders() == null)
        {
            return null;
        }
        for (final SenderShare share : result.senders())
        {
            if (share.shortOf(tolerance))
            {
                return share;
            }
        }
        return null;
    }
}
