package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.search.RateHistory;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.controller.tune.BreakFigures;
import io.rxbreak.controller.tune.Proposal;
import io.rxbreak.controller.tune.Proposals;
import io.rxbreak.core.protocol.ReceiveBuffer;

/**
 * Builds a {@link RunReport}: from a finished (or stopped) search, or from the trials alone after a crash.
 */
public final class RunReports
{
    private RunReports()
    {
    }

    /**
     * @param header     what was known at the start.
     * @param result     the search's result (complete or partial).
     * @param finishedAt the end, ISO-8601 UTC.
     * @return the report.
     */
    public static RunReport of(final RunHeader header, final SearchResult result, final String finishedAt)
    {
        final List<GoalResult> goals = new ArrayList<>();
        goals.add(result.ndr());
        if (result.pdr() != null)
        {
            goals.add(result.pdr());
        }
        final Long pdr = result.pdr() == null ? null : result.pdr().rate();
        final Double pdrRatio = result.pdr() == null ? null : result.pdr().maxLossRatio();
        final List<AttributionEntry> attribution = BreakAttribution.at(result.trials(), result.lowestFailRate());
        return new RunReport(RunReport.FORMAT_VERSION, header.commandLine(), header.startedAt(), finishedAt,
            Outcome.of(result.stop(), result.stopDetail()), header.config(), header.environment(), header.tunables(),
            result.ndr().rate(), pdr, pdrRatio, result.firstFailRate(), result.lowestFailRate(),
            result.breakPointAboveSenderLimit(), result.senderLimitRate(),
            result.ndr().status() == GoalStatus.ABOVE_MAX_RATE, goals, result.stop().name(),
            attribution, result.rates(), result.trials(), header.harnessCeiling(), header.feed(),
            RunReport.headroomOf(result.ndr().rate(), header.feed()),
            ReplayBreak.of(header.feed(), header.config(), result.trials(), result.lowestFailRate(), attribution),
            header.tuning(), proposal(header, result.trials(), result.lowestFailRate(), attribution), null);
    }

    /**
     * A report for a run that did not finish: no rate is confirmed (the search never got that far), so
     * {@code ndr} and {@code pdr} are null; the goals carry the bounds the trials show.
     *
     * @param header the header from {@code run.json}, or null when it is missing.
     * @param trials the complete trials from {@code trials.jsonl}.
     * @param reason why the report is rebuilt, one line.
     * @return the report, with outcome {@value Outcome#INTERRUPTED}.
     */
    public static RunReport rebuilt(final RunHeader header, final List<TrialRecord> trials, final String reason)
    {
        final RateHistory history = new RateHistory();
        trials.forEach(history::add);
        final List<GoalResult> goals = new ArrayList<>();
        goals.add(unconfirmed(LossGoal.ndr(), history));
        Double pdrRatio = null;
        if (header != null && header.config() != null && header.config().pdrRatio() != null)
        {
            pdrRatio = header.config().pdrRatio();
            goals.add(unconfirmed(LossGoal.pdr(pdrRatio), history));
        }
        final Long lowestFail = history.lowestFailRate();
        final List<AttributionEntry> attribution = BreakAttribution.at(trials, lowestFail);
        final FeedReport feed = header == null ? null : header.feed();
        return new RunReport(RunReport.FORMAT_VERSION,
            header == null ? List.of() : header.commandLine(), header == null ? null : header.startedAt(), null,
            new Outcome(Outcome.INTERRUPTED, reason), header == null ? null : header.config(),
            header == null ? null : header.environment(), header == null ? null : header.tunables(),
            null, null, pdrRatio, history.firstFailRate(), lowestFail, null, null, false, goals, null,
            attribution, history.summaries(), trials, header == null ? null : header.harnessCeiling(), feed, null,
            ReplayBreak.of(feed, header == null ? null : header.config(), trials, lowestFail, attribution),
            header == null ? null : header.tuning(), proposal(header, trials, lowestFail, attribution), null);
    }

    /**
     * @return the fix for the layer that broke first, from the failed trials at the lowest failing rate; null when
     *     nothing failed.
     */
    private static Proposal proposal(final RunHeader header, final List<TrialRecord> trials, final Long rate,
        final List<AttributionEntry> attribution)
    {
        if (rate == null || attribution.isEmpty())
        {
            return null;
        }
        final AttributionEntry first = attribution.get(0);
        long worst = 0;
        ReceiveBuffer buffer = null;
        Long squeeze = null;
        for (final TrialRecord record : trials)
        {
            if (record.judgement().verdict() != Verdict.FAIL || record.request().targetRate() != rate)
            {
                continue;
            }
            final long lost = LayerLoss.UNEXPLAINED.equals(first.layer()) ? Math.max(0L, record.unexplained()) :
                record.result().dropsByLayer().entrySet().stream().filter(e -> e.getKey().label().equals(first.layer()))
                    .mapToLong(Map.Entry::getValue).sum();
            worst = Math.max(worst, lost);
            buffer = record.result().receiveBuffer() != null ? record.result().receiveBuffer() : buffer;
            if (record.result().timeSqueeze() != null)
            {
                squeeze = Math.max(squeeze == null ? 0 : squeeze, record.result().timeSqueeze());
            }
        }
        final Long granted = buffer != null ? Long.valueOf(buffer.rcvbufBytes()) : header == null ? null :
            header.environment().rcvbufGrantedBytes();
        final BreakFigures figures = new BreakFigures(first.layer(), first.fellBehind(), rate, worst,
            buffer == null ? null : buffer.datagrams(), buffer == null ? null : buffer.truesizeBytes(), granted,
            squeeze, first.kernelReasons().stream().map(DropReasonCount::reason).distinct().toList());
        final List<String> commandLine = new ArrayList<>(header == null ? List.of() : header.commandLine());
        if (header != null && header.environment().details().containsKey("sandbox") &&
            !commandLine.contains("--sandbox"))
        {
            // inside its sandbox a ramp's own arguments no longer say --sandbox; the sweep must
            commandLine.add("--sandbox");
        }
        return Proposals.of(figures, header == null ? Map.of() : header.tunables(), commandLine);
    }

    private static GoalResult unconfirmed(final LossGoal goal, final RateHistory history)
    {
        final Long upper = history.lowestBad(goal);
        final Long lower = history.highestGood(goal, upper);
        return new GoalResult(goal.name(), goal.maxLossRatio(), GoalStatus.NOT_REACHED, null, lower, upper,
            lower == null ? 0 : history.measuredNsAt(lower));
    }
}
