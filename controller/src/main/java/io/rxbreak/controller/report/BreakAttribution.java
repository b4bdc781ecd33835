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
    private BreakAttribution()
    {
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
            final AttributionEntry entry = AttributionEntry.of(loss);
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
