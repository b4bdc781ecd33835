package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;

/**
 * Which layer broke first: the drops per layer (and the unexplained loss) summed over the failed trials at the
 * lowest rate that failed, the rate right above the no-drop rate, largest first. Higher rates often lose at more
 * layers at once; the lowest failing rate shows the layer that gives way first. When the trials there failed only
 * because the receiver fell behind (nothing lost yet), the layer where its backlog builds up, with no drops.
 */
public final class BreakAttribution
{
    /**
     * Datagrams per packet above which a sender's GSO packing is said (1 is none; a trial's mean of a few batches
     * sent without GSO is not above this).
     */
    private static final double PACKED = 1.05;

    private BreakAttribution()
    {
    }

    /**
     * @return whether a layer whose counters count packets, not datagrams, lost any: the NIC, the softirq backlog,
     *     and what the kernel's drop reasons name (routing/filtering, validation).
     */
    private static boolean countsPackets(final Map<Layer, Long> drops)
    {
        for (final Layer layer : List.of(Layer.NIC, Layer.SOFTIRQ_BACKLOG, Layer.ROUTING_FILTERING, Layer.VALIDATION))
        {
            if (drops.getOrDefault(layer, 0L) > 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param trials every trial of the run.
     * @param rate   the lowest rate that failed, or null.
     * @return the attribution, largest first; empty when nothing failed.
     */
    public static List<AttributionEntry> at(final List<TrialRecord> trials, final Long rate)
    {
        final List<AttributionEntry> entries = new ArrayList<>();
        if (rate == null)
        {
            return entries;
        }
        final Map<Layer, Long> drops = new EnumMap<>(Layer.class);
        long unexplained = 0;
        LayerLoss behind = null;
        final Map<String, Map<String, DropReasonCount>> reasons = new HashMap<>();
        double packed = 1.0;
        for (final TrialRecord record : trials)
        {
            if (record.judgement().verdict() == Verdict.FAIL && record.request().targetRate() == rate)
            {
                if (record.fellBehind())
                {
                    // it lost nothing: host-wide counters that moved counted other traffic
                    if (behind == null && !record.judgement().attribution().isEmpty())
                    {
                        behind = record.judgement().attribution().get(0);
                    }
                    continue;
                }
                record.result().dropsByLayer().forEach((layer, count) -> drops.merge(layer, count, Long::sum));
                unexplained += Math.max(0L, record.unexplained());
                if (record.result().datagramsPerPacket() != null)
                {
                    packed = Math.max(packed, record.result().datagramsPerPacket());
                }
                if (record.result().dropReasons() != null && record.result().dropReasons().available())
                {
                    for (final DropReasonCount count : record.result().dropReasons().udpAndNetwork())
                    {
                        reasons.computeIfAbsent(count.layer() == null ? LayerLoss.UNEXPLAINED : count.layer().label(),
                            key -> new LinkedHashMap<>()).merge(count.reason() + "@" + count.function(), count,
                                (a, b) -> new DropReasonCount(a.reason(), a.function(), a.count() + b.count()));
                    }
                }
            }
        }
        for (final LayerLoss loss : TrialJudge.attribute(drops, unexplained))
        {
            final Map<String, DropReasonCount> named = reasons.get(loss.layer());
            final AttributionEntry entry = LayerLoss.UNEXPLAINED.equals(loss.layer()) && packed > PACKED &&
                countsPackets(drops) ? AttributionEntry.unexplainedPacked(loss, packed) : AttributionEntry.of(loss);
            entries.add(named == null ? entry : entry.withKernelReasons(new DropReasons(
                new ArrayList<>(named.values()), 0, null).counts()));
        }
        if (entries.isEmpty() && behind != null)
        {
            entries.add(AttributionEntry.fellBehind(behind));
        }
        return entries;
    }
}
