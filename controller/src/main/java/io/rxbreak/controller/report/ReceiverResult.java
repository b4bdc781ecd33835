package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rxbreak.controller.search.RateSummary;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;

/**
 * One receiver of a topology ramp, judged on its own: its break point, where it first failed and which layer lost,
 * in {@code report.json}'s {@code receivers}. The run's {@code ndr} is the weakest receiver's.
 *
 * @param name           its name in the topology.
 * @param url            where its agent listened.
 * @param weakest        whether it is the run's break point (the lowest NDR; the first such in the file's order).
 * @param ndr            its confirmed no-drop rate, or null.
 * @param status         its NDR goal's status (a {@code GoalStatus} name).
 * @param firstFailRate  the rate of its first failed trial, or null.
 * @param firstFailure   that trial's judgement in words, or null.
 * @param lowestFailRate the lowest rate it failed at, or null.
 * @param layer          the layer that lost most at its lowest failing rate, or null when it never failed.
 * @param attribution    the layers that lost at its lowest failing rate, largest first.
 * @param stop           why its search stopped (a {@code SearchStop} name).
 * @param trials         how many trials its search judged (shared with the others where they asked the same).
 * @param rates          what happened at every rate it tried, ascending.
 * @param clock          its host's clock against the controller's, or null when not measured.
 */
public record ReceiverResult(
    String name,
    String url,
    boolean weakest,
    Long ndr,
    String status,
    Long firstFailRate,
    String firstFailure,
    Long lowestFailRate,
    String layer,
    List<AttributionEntry> attribution,
    String stop,
    int trials,
    List<RateSummary> rates,
    @JsonInclude(JsonInclude.Include.NON_NULL) ClockFigures clock)
{
    /**
     * Copies the lists.
     */
    public ReceiverResult
    {
        attribution = attribution == null ? List.of() : List.copyOf(attribution);
        rates = rates == null ? List.of() : List.copyOf(rates);
    }

    /**
     * @param name its name.
     * @param url where its agent listened.
     * @param result its search's result.
     * @param clock its clock figures, or null.
     * @return the receiver's result, not (yet) the weakest.
     */
    public static ReceiverResult of(final String name, final String url, final SearchResult result,
        final ClockFigures clock)
    {
        final List<AttributionEntry> attribution = BreakAttribution.at(result.trials(), result.lowestFailRate());
        String firstFailure = null;
        for (final TrialRecord record : result.trials())
        {
            if (record.judgement().verdict() == Verdict.FAIL)
            {
                firstFailure = record.judgement().detail();
                break;
            }
        }
        return new ReceiverResult(name, url, false, result.ndr().rate(), result.ndr().status().name(),
            result.firstFailRate(), firstFailure, result.lowestFailRate(),
            attribution.isEmpty() ? null : attribution.get(0).layer(), attribution, result.stop().name(),
            result.trials().size(), result.rates(), clock);
    }

    /**
     * @param results every receiver's result, in the topology's order.
     * @return the index of the weakest: the lowest NDR (none confirmed counts lowest), then the lowest failing rate,
     *     then the first in the file.
     */
    public static int weakest(final List<ReceiverResult> results)
    {
        final Comparator<ReceiverResult> order = Comparator
            .comparing((ReceiverResult r) -> r.ndr() == null ? Long.MIN_VALUE : r.ndr())
            .thenComparing(r -> r.lowestFailRate() == null ? Long.MAX_VALUE : r.lowestFailRate());
        int best = 0;
        for (int i = 1; i < results.size(); i++)
        {
            if (order.compare(results.get(i), results.get(best)) < 0)
            {
                best = i;
            }
        }
        return best;
    }

    /**
     * @param results every receiver's result.
     * @return the same, the weakest marked.
     */
    public static List<ReceiverResult> markWeakest(final List<ReceiverResult> results)
    {
        final int weakest = weakest(results);
        final List<ReceiverResult> marked = new ArrayList<>();
        for (int i = 0; i < results.size(); i++)
        {
            final ReceiverResult r = results.get(i);
            marked.add(new ReceiverResult(r.name(), r.url(), i == weakest, r.ndr(), r.status(), r.firstFailRate(),
                r.firstFailure(), r.lowestFailRate(), r.layer(), r.attribution(), r.stop(), r.trials(), r.rates(),
                r.clock()));
        }
        return marked;
    }
}
