package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.protocol.LossTimeline;

/**
 * Where a replay broke ({@code replayBreak} in {@code report.json}): the failing trial at the lowest failing
 * speed, its loss and the layer that lost it, and that loss placed on the feed's own timeline (from the receiver's
 * sequence gaps), so that a person sees which burst broke it.
 * <p>
 * A gap is placed at the intended send time of the message after it, in 100 us bins of the trial; a trial's
 * offset {@code t} is feed time {@code (t - warm-up) x speed}, modulo one play of the feed. Loss in the lead-in
 * (the warm-up) is counted apart.
 *
 * @param trial the trial's number.
 * @param speed its speed-up factor.
 * @param layer the layer that lost most at that speed ({@code unexplained} when no counter says).
 * @param lost the messages it lost.
 * @param placed of those, how many the receiver placed in time.
 * @param inLeadIn of those placed, how many were in the lead-in.
 * @param firstLossAtNs the feed time of the first loss placed in the feed, or null.
 * @param busiestLossAtNs the feed time of the bin that lost most, or null.
 * @param lossPerBin the loss per bin of the feed's {@link FeedReport#messagesPerBin()}.
 */
public record ReplayBreak(int trial, double speed, String layer, long lost, long placed, long inLeadIn,
    Long firstLossAtNs, Long busiestLossAtNs, List<Long> lossPerBin)
{
    /**
     * Copies the bins.
     */
    public ReplayBreak
    {
        lossPerBin = lossPerBin == null ? List.of() : List.copyOf(lossPerBin);
    }

    /**
     * @param feed the feed replayed.
     * @param config the search's configuration (its warm-up is the lead-in).
     * @param trials every trial.
     * @param lowestFailRate the lowest failing rate, or null.
     * @param attribution the layers that lost at that rate, largest first.
     * @return where it broke, or null when nothing failed or no failing trial had a speed.
     */
    public static ReplayBreak of(final FeedReport feed, final RampConfig config, final List<TrialRecord> trials,
        final Long lowestFailRate, final List<AttributionEntry> attribution)
    {
        if (feed == null || lowestFailRate == null)
        {
            return null;
        }
        TrialRecord failing = null;
        for (final TrialRecord record : trials)
        {
            if (record.judgement().verdict() == Verdict.FAIL && record.request().targetRate() == lowestFailRate &&
                record.result().speed() != null && (failing == null || record.lost() > failing.lost()))
            {
                failing = record;
            }
        }
        if (failing == null)
        {
            return null;
        }
        final double speed = failing.result().speed();
        final long warmUpNs = config == null ? 0 : config.warmUpNs();
        final long[] perBin = new long[feed.messagesPerBin().size()];
        final LossTimeline timeline = failing.result().lossTimeline();
        long placed = 0;
        long inLeadIn = 0;
        long firstAt = Long.MAX_VALUE;
        int busiest = -1;
        if (timeline != null && perBin.length > 0)
        {
            for (int i = 0; i < timeline.bins().length; i++)
            {
                final long count = timeline.counts()[i];
                placed += count;
                final double offsetNs = (timeline.bins()[i] + 0.5) * timeline.binNs();
                if (offsetNs < warmUpNs)
                {
                    inLeadIn += count;
                    continue;
                }
                final long feedNs = (long)((offsetNs - warmUpNs) * speed) % feed.loopPeriodNs();
                final int bin = (int)Math.min(perBin.length - 1, feedNs / feed.binNs());
                perBin[bin] += count;
                firstAt = Math.min(firstAt, feedNs);
            }
            for (int bin = 0; bin < perBin.length; bin++)
            {
                if (perBin[bin] > 0 && (busiest < 0 || perBin[bin] > perBin[busiest]))
                {
                    busiest = bin;
                }
            }
        }
        final List<Long> bins = new ArrayList<>();
        Arrays.stream(perBin).forEach(bins::add);
        return new ReplayBreak(failing.request().trial(), speed,
            attribution.isEmpty() ? "unexplained" : attribution.get(0).layer(), failing.lost(), placed, inLeadIn,
            firstAt == Long.MAX_VALUE ? null : firstAt, busiest < 0 ? null : busiest * feed.binNs(), bins);
    }
}
