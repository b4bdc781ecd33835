package io.rxbreak.controller.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RateSummary;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.tune.Proposal;
import io.rxbreak.controller.tune.Tuning;

/**
 * {@code report.json}: the whole run, complete or rebuilt from {@code trials.jsonl}. Rates are messages per second.
 * The contract is documented in {@code docs/ramp.md}.
 *
 * @param formatVersion              {@value #FORMAT_VERSION}.
 * @param commandLine                the arguments as typed.
 * @param startedAt                  ISO-8601 UTC, or null when unknown (rebuilt without {@code run.json}).
 * @param finishedAt                 ISO-8601 UTC, or null when unknown.
 * @param outcome                    complete, interrupted or failed, with the reason.
 * @param config                     the search configuration, or null when unknown.
 * @param environment                where it ran.
 * @param tunables                   kernel tunables by name.
 * @param ndr                        the confirmed no-drop rate, or null.
 * @param pdr                        the confirmed partial-drop rate, or null.
 * @param pdrRatio                   the loss ratio the PDR allows, or null when no PDR was searched.
 * @param firstFailRate              the rate of the first failed trial, or null.
 * @param lowestFailRate             the lowest rate that failed in any trial, or null.
 * @param breakPointAboveSenderLimit the highest rate the sender could offer, when even it passed; else null.
 * @param senderLimitRate            the lowest rate the sender could not offer, or null.
 * @param breakPointAboveMaxRate     true when even {@code --max-rate} passed.
 * @param goals                      each goal's result with its bounds; its {@code rate} repeats {@code ndr} or
 *                                   {@code pdr}, which win when a file read says otherwise (what a user reads at the
 *                                   top is what the gate and {@code compare} judge).
 * @param stop                       why the search stopped (a {@code SearchStop} name), or null when rebuilt.
 * @param attribution                the layers that lost at the lowest failing rate, largest first.
 * @param rates                      every rate tried, ascending, with its passes, fails and status.
 * @param trials                     every trial in the order run.
 * @param harnessCeiling             the most this harness can tell on this host ({@code --calibrate}), or null.
 * @param feed                       the feed a replay ramp played ({@code --replay}), or null.
 * @param headroom                   a replay's confirmed no-drop speed-up factor: {@code ndr} over the feed's mean
 *                                   rate (a lower bound when the NDR is one); null without a replay or an NDR.
 * @param replayBreak                where a replay broke: the lowest failing speed's loss on the feed's timeline,
 *                                   or null.
 * @param tuning                     what the tuning file set before the run ({@code --tune}), or null.
 * @param proposal                   the fix proposed for the layer that broke first, from the run's figures; null
 *                                   when nothing failed.
 * @param receivers                  a topology ramp's receivers, each judged on its own (the run's {@code ndr} and
 *                                   trials are the weakest's); null for a ramp of one receiver.
 */
public record RunReport(
    int formatVersion,
    List<String> commandLine,
    String startedAt,
    String finishedAt,
    Outcome outcome,
    RampConfig config,
    Environment environment,
    Map<String, String> tunables,
    Long ndr,
    Long pdr,
    Double pdrRatio,
    Long firstFailRate,
    Long lowestFailRate,
    Long breakPointAboveSenderLimit,
    Long senderLimitRate,
    boolean breakPointAboveMaxRate,
    List<GoalResult> goals,
    String stop,
    List<AttributionEntry> attribution,
    List<RateSummary> rates,
    List<TrialRecord> trials,
    HarnessCeiling harnessCeiling,
    @JsonInclude(JsonInclude.Include.NON_NULL) FeedReport feed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double headroom,
    @JsonInclude(JsonInclude.Include.NON_NULL) ReplayBreak replayBreak,
    @JsonInclude(JsonInclude.Include.NON_NULL) Tuning tuning,
    @JsonInclude(JsonInclude.Include.NON_NULL) Proposal proposal,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ReceiverResult> receivers)
{
    /** The format version of the run folder's files. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the collections.
     */
    public RunReport
    {
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        environment = environment == null ? Environment.unknown() : environment;
        tunables = tunables == null ? Map.of() : tunables;
        goals = goals == null ? List.of() : topLevelRates(goals, ndr, pdr);
        attribution = attribution == null ? List.of() : List.copyOf(attribution);
        rates = rates == null ? List.of() : List.copyOf(rates);
        trials = trials == null ? List.of() : List.copyOf(trials);
        receivers = receivers == null ? null : List.copyOf(receivers);
    }

    /**
     * @param receivers a topology ramp's receivers.
     * @return this report with them.
     */
    public RunReport withReceivers(final List<ReceiverResult> receivers)
    {
        return new RunReport(formatVersion, commandLine, startedAt, finishedAt, outcome, config, environment, tunables,
            ndr, pdr, pdrRatio, firstFailRate, lowestFailRate, breakPointAboveSenderLimit, senderLimitRate,
            breakPointAboveMaxRate, goals, stop, attribution, rates, trials, harnessCeiling, feed, headroom, replayBreak,
            tuning, proposal, receivers);
    }

    /**
     * @param ndr a no-drop rate, or null.
     * @param feed the feed replayed, or null.
     * @return the speed-up factor it is, or null.
     */
    public static Double headroomOf(final Long ndr, final FeedReport feed)
    {
        return ndr == null || feed == null || !(feed.profile().meanRatePerSecond() > 0) ? null :
            ndr / feed.profile().meanRatePerSecond();
    }

    private static List<GoalResult> topLevelRates(final List<GoalResult> goals, final Long ndr, final Long pdr)
    {
        final List<GoalResult> reconciled = new ArrayList<>(goals.size());
        for (final GoalResult goal : goals)
        {
            final Long rate = LossGoal.NDR.equals(goal.goal()) ? ndr : LossGoal.PDR.equals(goal.goal()) ? pdr : goal.rate();
            reconciled.add(Objects.equals(rate, goal.rate()) ? goal : new GoalResult(goal.goal(), goal.maxLossRatio(),
                goal.status(), rate, goal.lowerBound(), goal.upperBound(), goal.measuredNs()));
        }
        return List.copyOf(reconciled);
    }
}
