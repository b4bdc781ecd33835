package io.rxbreak.sender;

import java.util.List;

import io.rxbreak.core.config.Units;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.SenderPacing;
import io.rxbreak.core.protocol.SenderTrialReport;

/**
 * Turns a finished trial's counters into its {@link SenderTrialReport}, and decides honestly whether the sender kept
 * its schedule: a shortfall over {@link #MAX_SHORTFALL} or an end lag over the limit makes the trial
 * sender-limited.
 */
final class TrialResultBuilder
{
    /** A trial is sender-limited when more than this part of its schedule was not sent. */
    static final double MAX_SHORTFALL = 0.005;

    private final List<String> groups;
    private final int streamsPerGroup;
    private final int gsoSegments;
    private final IdleMode idleMode;

    TrialResultBuilder(final List<String> groups, final int streamsPerGroup, final int gsoSegments, final IdleMode idleMode)
    {
        this.groups = List.copyOf(groups);
        this.streamsPerGroup = streamsPerGroup;
        this.gsoSegments = gsoSegments;
        this.idleMode = idleMode;
    }

    SenderTrialReport build(
        final TrialPlan plan,
        final String stopReason,
        final long windowNs,
        final long expected,
        final long endLagNs,
        final SendCounters counters,
        final long maxLagLimitNs,
        final Long sndbufErrorsDelta,
        final long allocatedBytes,
        final Double lagGrowth,
        final SenderPacing pacing,
        final Long startEpochNs)
    {
        final long failed = counters.get(SendCounters.FAILED);
        final long attempted = counters.get(SendCounters.ATTEMPTED);
        final long sent = attempted - failed;
        final long batches = counters.get(SendCounters.BATCHES);
        final boolean maxRate = plan.schedule().isMaxRate();
        final double target = plan.schedule().targetRatePerSecond();
        final double achieved = windowNs <= 0 ? 0 : sent * 1e9 / windowNs;
        final double shortfall = expected <= 0 ? 0 : Math.max(0, 1.0 - (double)sent / expected);
        String reason = null;
        if (!maxRate && shortfall > MAX_SHORTFALL)
        {
            reason = String.format(java.util.Locale.ROOT,
                "sent %d of the %d messages due (%.2f %% short; the limit is %.1f %%)", sent, expected,
                shortfall * 100, MAX_SHORTFALL * 100);
        }
        else if (!maxRate && endLagNs > maxLagLimitNs)
        {
            reason = "still " + Units.formatDuration(endLagNs) + " behind schedule at the end (the limit is " +
                Units.formatDuration(maxLagLimitNs) + ")";
        }
        else if (failed > 0 && maxRate)
        {
            reason = failed + " messages failed to send";
        }
        return new SenderTrialReport(
            plan.trialId(),
            plan.schedule().describe(),
            groups,
            streamsPerGroup,
            plan.maxMessageLength(plan.sizeBytes()),
            gsoSegments,
            idleMode.name().toLowerCase(java.util.Locale.ROOT),
            stopReason,
            windowNs,
            sent,
            failed,
            counters.get(SendCounters.WARMUP),
            expected,
            Double.isNaN(target) ? null : Double.valueOf(target),
            achieved,
            shortfall,
            counters.get(SendCounters.LAG_MAX),
            endLagNs,
            reason != null,
            reason,
            batches,
            batches == 0 ? 0 : (double)attempted / batches,
            counters.get(SendCounters.PACKETS),
            counters.get(SendCounters.STALLS),
            counters.errors(),
            sndbufErrorsDelta,
            counters.get(SendCounters.END_MARKERS),
            allocatedBytes,
            lagGrowth,
            pacing,
            startEpochNs);
    }
}
