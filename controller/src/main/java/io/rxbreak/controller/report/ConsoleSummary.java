package io.rxbreak.controller.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.search.RateSummary;
import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasonKind;
import io.rxbreak.core.protocol.SenderPacing;

/**
 * The end-of-run summary for a person, in a fixed order: outcome, configuration, environment, tunables, the table of
 * trials, the break point, the attribution, then the tuning file's settings and the proposal, when there are.
 * Rendered from a {@link RunReport} alone, so {@code rxbreak report} prints the same text from a run folder.
 */
public final class ConsoleSummary
{
    private static final String INDENT = "  ";

    private ConsoleSummary()
    {
    }

    /**
     * @param report the run.
     * @return the summary, lines ending in {@code \n}.
     */
    public static String render(final RunReport report)
    {
        final StringBuilder out = new StringBuilder();
        out.append("rxbreak ramp: ").append(report.outcome().status()).append(" (").append(report.outcome().reason())
            .append(")\n");
        configuration(out, report);
        environment(out, report);
        tunables(out, report.tunables());
        trials(out, report.trials());
        breakPoint(out, report);
        receivers(out, report);
        attribution(out, report);
        TuningText.appendTo(out, report, INDENT);
        return out.toString();
    }

    private static void configuration(final StringBuilder out, final RunReport report)
    {
        out.append("\nConfiguration\n");
        out.append(INDENT).append(report.config() == null ? "unknown (run.json missing)" : report.config().describe())
            .append('\n');
        if (!report.commandLine().isEmpty())
        {
            out.append(INDENT).append("command line: ").append(String.join(" ", report.commandLine())).append('\n');
        }
        out.append(INDENT).append("started ").append(orUnknown(report.startedAt()))
            .append(", finished ").append(orUnknown(report.finishedAt())).append('\n');
    }

    private static void environment(final StringBuilder out, final RunReport report)
    {
        final Environment environment = report.environment();
        out.append("\nEnvironment\n");
        final TextTable table = new TextTable(new String[] {"", ""}, new boolean[] {false, false});
        table.row("kernel", orUnknown(environment.kernel()));
        table.row("CPUs", environment.cpus() == null ? "unknown" : environment.cpus().toString());
        table.row("JVM", orUnknown(environment.jvm()));
        table.row("interface", orUnknown(environment.interfaceName()));
        String rcvbuf = "requested " + bytes(environment.rcvbufRequestedBytes()) + ", granted "
            + bytes(environment.rcvbufGrantedBytes());
        if (environment.rcvbufClamped())
        {
            rcvbuf += "  CLAMPED by the kernel: raise net.core.rmem_max";
        }
        table.row("rcvbuf", rcvbuf);
        environment.details().forEach((key, value) -> table.row(key, orUnknown(value)));
        environment.autoTuners().forEach(tuner -> table.row(tuner.kind().label(), tuner.detail() + ": " +
            tuner.kind().effect()));
        appendWithoutHeader(out, table);
    }

    private static void tunables(final StringBuilder out, final Map<String, String> tunables)
    {
        out.append("\nTunables\n");
        if (tunables.isEmpty())
        {
            out.append(INDENT).append("none read\n");
            return;
        }
        final TextTable table = new TextTable(new String[] {"", ""}, new boolean[] {false, false});
        tunables.forEach((key, value) -> table.row(key, orUnknown(value)));
        appendWithoutHeader(out, table);
    }

    private static void trials(final StringBuilder out, final List<TrialRecord> trials)
    {
        out.append("\nTrials\n");
        if (trials.isEmpty())
        {
            out.append(INDENT).append("none\n");
            return;
        }
        final TextTable table = new TextTable(
            new String[] {"#", "phase", "goal", "target/s", "achieved/s", "sent", "received", "lost", "loss",
                "unexplained", "p99", "sender lag", "rx wait/steal", "verdict", "lost by layer / reason"},
            new boolean[] {true, false, false, true, true, true, true, true, true, true, true, true, true, false, false});
        for (final TrialRecord record : trials)
        {
            table.row(Integer.toString(record.request().trial()), record.request().phase().name().toLowerCase(Locale.ROOT),
                orUnknown(record.request().goal()), count(record.request().targetRate()),
                String.format(Locale.ROOT, "%,.0f", record.result().achievedRate()), count(record.result().sent()),
                count(record.result().received()), count(record.lost()), percent(record.lossRatio()),
                count(record.unexplained()),
                record.result().latency() == null ? "-" : Units.formatDuration(record.result().latency().p99Ns()),
                senderLag(record), receiverWait(record),
                record.judgement().verdict().name(),
                record.isValid() ? ProgressLine.lossByLayer(record) : record.judgement().detail());
        }
        table.appendTo(out, INDENT);
    }

    /**
     * @param report a run.
     * @return what the harness can tell on this host, and whether the break point is near it.
     */
    public static String ceilingLine(final RunReport report)
    {
        final HarnessCeiling ceiling = report.harnessCeiling();
        if (ceiling == null)
        {
            return "harness ceiling: not measured (--calibrate measures what an unthrottled rxbreak receiver takes here)";
        }
        final String measured = ceiling.ndr() != null ? "an unthrottled rxbreak receiver's NDR is " + rate(ceiling.ndr())
            : ceiling.atLeast() != null ? "at least " + rate(ceiling.atLeast()) + ", delivered whole; no further: " +
                ceiling.limitedBy() : "not found: " + ceiling.limitedBy();
        final String line = "harness ceiling: " + measured + " (same size, buffer and placement, " + ceiling.trials() +
            " trials)";
        return ceiling.isNear(report.ndr()) ? line + "; the break point is within " +
            Math.round((1 - HarnessCeiling.NEAR) * 100) + "% of it: at the harness's limit on this host, not only the " +
            "receiver's" : line;
    }

    /**
     * @param record a trial.
     * @return the sender's lag at the 99.9th percentile of its batches and at worst, like {@code 0.12/1.9ms}, or
     *     {@code -} when unknown.
     */
    public static String senderLag(final TrialRecord record)
    {
        final SenderPacing pacing = record.result().senderPacing();
        if (pacing == null)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f/%.1fms", pacing.lagP999Ns() / 1e6, pacing.lagMaxNs() / 1e6);
    }

    /**
     * @param record a trial.
     * @return the share of the trial the receiver waited for a CPU and the share a hypervisor took from its CPUs,
     *     like {@code 0.3/12%} ({@code -} for what is unknown).
     */
    public static String receiverWait(final TrialRecord record)
    {
        if (record.receiverWaitShare() == null && record.receiverStealShare() == null)
        {
            return "-";
        }
        return (record.receiverWaitShare() == null ? "-" :
            String.format(Locale.ROOT, "%.1f", record.receiverWaitShare() * 100.0)) + "/" +
            (record.receiverStealShare() == null ? "-" :
            String.format(Locale.ROOT, "%.1f", record.receiverStealShare() * 100.0)) + "%";
    }

    private static void breakPoint(final StringBuilder out, final RunReport report)
    {
        out.append("\nBreak point\n");
        for (final GoalResult goal : report.goals())
        {
            out.append(INDENT).append(goalLine(goal, report)).append('\n');
        }
        if (report.firstFailRate() != null)
        {
            out.append(INDENT).append("first failure at ").append(rate(report.firstFailRate()))
                .append(" (").append(rateStatus(report, report.firstFailRate())).append(")");
            if (!report.firstFailRate().equals(report.lowestFailRate()))
            {
                out.append("; lowest failing rate ").append(rate(report.lowestFailRate())).append(" (")
                    .append(rateStatus(report, report.lowestFailRate())).append(")");
            }
            out.append('\n');
        }
        else
        {
            out.append(INDENT).append("no trial lost anything\n");
        }
        if (report.senderLimitRate() != null)
        {
            out.append(INDENT).append("the sender could not offer ").append(rate(report.senderLimitRate()))
                .append('\n');
        }
        final String replay = replayLine(report);
        if (replay != null)
        {
            out.append(INDENT).append(replay).append('\n');
        }
        out.append(INDENT).append(ceilingLine(report)).append('\n');
    }

    /**
     * A topology ramp's receivers, each with its own break point, where it first failed and the layer that lost; the
     * weakest, the run's break point, marked. Nothing for a ramp of one receiver.
     */
    private static void receivers(final StringBuilder out, final RunReport report)
    {
        if (report.receivers() == null)
        {
            return;
        }
        out.append("\nReceivers (each judged on its own; the break point is the weakest's)\n");
        final TextTable table = new TextTable(new String[] {"receiver", "NDR", "status", "first failure",
            "lowest failure", "layer", "trials", "agent"}, new boolean[] {false, true, false, true, true, false, true,
            false});
        for (final ReceiverResult receiver : report.receivers())
        {
            table.row((receiver.weakest() ? "* " : "  ") + receiver.name(), rate(receiver.ndr()),
                receiver.status().toLowerCase(Locale.ROOT).replace('_', ' '), rate(receiver.firstFailRate()),
                rate(receiver.lowestFailRate()), receiver.layer() == null ? "-" : receiver.layer(),
                Integer.toString(receiver.trials()), receiver.url());
        }
        table.appendTo(out, INDENT);
        for (final ReceiverResult receiver : report.receivers())
        {
            if (receiver.weakest())
            {
                out.append(INDENT).append("* the weakest: ").append(receiver.name()).append(" at ")
                    .append(receiver.url()).append(receiver.layer() == null ? "" : ", broken first in the " +
                        receiver.layer()).append(receiver.firstFailure() == null ? "" : " (" +
                        receiver.firstFailure() + ")").append('\n');
            }
            if (receiver.clock() != null)
            {
                final ClockFigures clock = receiver.clock();
                out.append(INDENT).append(receiver.name()).append(String.format(Locale.ROOT,
                    " clock: %+.3f ms from the controller's (± %.3f ms)", clock.offsetNs() / 1e6,
                    clock.uncertaintyNs() / 1e6)).append(clock.driftPpm() == null ? "" : String.format(
                    Locale.ROOT, ", drift %+.1f ppm", clock.driftPpm())).append(clock.latencyTrusted() ?
                    "" : "; its latency is smaller than the clocks' uncertainty: reported as measured, not trusted")
                    .append('\n');
            }
        }
    }

    /**
     * A replay's result in words: the headroom over the recorded feed and where it broke, as the summary and the
     * HTML report say it; for example {@code takes 3.2x the recorded feed (peak 1 ms rate 410,000 msgs/s); at 3.5x
     * the socket buffer lost 1,204, first in the burst at 12.381 s of the feed}.
     *
     * @param report the run.
     * @return the line, or null when the run replayed no feed.
     */
    public static String replayLine(final RunReport report)
    {
        final FeedReport feed = report.feed();
        if (feed == null || report.goals().isEmpty())
        {
            return null;
        }
        final GoalResult ndr = report.goals().get(0);
        final double peak = feed.profile().peak(1_000_000L).ratePerSecond();
        final StringBuilder line = new StringBuilder();
        if (ndr.status() == GoalStatus.NOT_HELD && report.config() != null && report.config().verifies())
        {
            line.append("did NOT hold ").append(speed(report.config().verifyRate() / feed.profile().meanRatePerSecond()))
                .append("x the recorded feed");
        }
        else if (report.headroom() != null)
        {
            final boolean atLeast = ndr.status() == GoalStatus.ABOVE_MAX_RATE || ndr.status() == GoalStatus.ABOVE_SENDER_LIMIT;
            line.append(ndr.status() == GoalStatus.HELD ? "held " : atLeast ? "takes at least " : "takes ")
                .append(speed(report.headroom())).append("x the recorded feed (peak 1 ms rate ")
                .append(String.format(Locale.ROOT, "%,.0f", peak * report.headroom())).append(" msgs/s)");
        }
        else if (ndr.status() == GoalStatus.NOTHING_PASSED)
        {
            line.append("takes no speed of the recorded feed: every speed tried lost messages");
        }
        else
        {
            line.append("headroom over the recorded feed unknown (").append(ndr.status().name().toLowerCase(Locale.ROOT))
                .append(')');
        }
        final ReplayBreak broke = report.replayBreak();
        if (broke != null)
        {
            line.append("; at ").append(speed(broke.speed())).append("x ");
            if (broke.lost() == 0)
            {
                line.append("the receiver fell behind, the ").append(broke.layer().replace('-', ' ')).append(" filling");
            }
            else
            {
                line.append(LayerLoss.UNEXPLAINED.equals(broke.layer()) ? "loss no counter explains" :
                    "the " + broke.layer().replace('-', ' '))
                    .append(LayerLoss.UNEXPLAINED.equals(broke.layer()) ? " took " : " lost ").append(count(broke.lost()));
            }
            if (broke.firstLossAtNs() != null)
            {
                line.append(feed.profile().steady() ? ", first at " : ", first in the burst at ")
                    .append(seconds(broke.firstLossAtNs())).append(" of the feed");
                if (broke.busiestLossAtNs() != null &&
                    Math.abs(broke.busiestLossAtNs() - broke.firstLossAtNs()) > feed.binNs())
                {
                    line.append(", most at ").append(seconds(broke.busiestLossAtNs()));
                }
            }
            else if (broke.inLeadIn() > 0)
            {
                line.append(", in the lead-in (the warm-up before the feed)");
            }
        }
        return line.toString();
    }

    private static String speed(final double factor)
    {
        return java.math.BigDecimal.valueOf(Math.round(factor * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    private static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /**
     * A goal's result in words, one line, as the summary and the HTML report say it.
     *
     * @param goal   the goal.
     * @param report the run (for the sender's limit).
     * @return the line, without a newline.
     */
    public static String goalLine(final GoalResult goal, final RunReport report)
    {
        final String name = LossGoal.NDR.equals(goal.goal()) ? "NDR (no drop)"
            : String.format(Locale.ROOT, "PDR (loss <= %s)", percent(goal.maxLossRatio()));
        final String confirmed = goal.rate() == null ? ""
            : ", confirmed over " + Units.formatDuration(goal.measuredNs());
        switch (goal.status())
        {
            case FOUND:
                return String.format(Locale.ROOT, "%s: %s%s; the next rate up, %s, %s (+%s)", name,
                    rate(goal.rate()), confirmed, rate(goal.upperBound()),
                    upperBoundFailure(goal, report),
                    percent((goal.upperBound() - goal.rate()) / (double)goal.rate()));
            case ABOVE_MAX_RATE:
                return String.format(Locale.ROOT, "%s: at least %s%s: even --max-rate passed, the break point lies "
                    + "above it", name, rate(goal.rate()), confirmed);
            case ABOVE_SENDER_LIMIT:
                if (report.lowestFailRate() != null && report.senderLimitRate() != null
                    && report.lowestFailRate() > report.senderLimitRate())
                {
                    return String.format(Locale.ROOT, "%s: at least %s%s, below %s (which lost): %s between could not "
                        + "be offered, so the break point is known to %s, not to the precision asked", name,
                        rate(goal.rate()), confirmed, rate(report.lowestFailRate()), rate(report.senderLimitRate()),
                        percent((report.lowestFailRate() - goal.rate()) / (double)goal.rate()));
                }
                return String.format(Locale.ROOT, "%s: at least %s%s: the break point lies above what this sender "
                    + "can offer (%s could not be offered)", name, rate(goal.rate()), confirmed,
                    rate(report.senderLimitRate()));
            case NOTHING_PASSED:
                return name + ": none: every rate tried lost messages, down to 1 msg/s";
            case SENDER_CANNOT_SEND:
                return report.config() != null && report.config().verifies() ?
                    name + ": unknown: the sender could not offer " + rate(report.config().verifyRate()) :
                    name + ": unknown: the sender could not offer any rate tried, down to 1 msg/s";
            case HELD:
                return String.format(Locale.ROOT, "%s: %s held%s (verify gate)", name, rate(goal.rate()), confirmed);
            case NOT_HELD:
                return String.format(Locale.ROOT, "%s: %s did NOT hold: %s (verify gate)", name,
                    rate(report.config() == null ? null : report.config().verifyRate()), upperBoundFailure(goal, report));
            default:
                return String.format(Locale.ROOT, "%s: not reached%s", name, bounds(goal));
        }
    }

    private static String bounds(final GoalResult goal)
    {
        if (goal.lowerBound() == null && goal.upperBound() == null)
        {
            return "";
        }
        final StringBuilder text = new StringBuilder(" (");
        if (goal.lowerBound() != null)
        {
            text.append("unconfirmed pass at ").append(rate(goal.lowerBound()));
        }
        if (goal.upperBound() != null)
        {
            text.append(goal.lowerBound() != null ? ", " : "").append("lost at ").append(rate(goal.upperBound()));
        }
        return text.append(')').toString();
    }

    private static String rateStatus(final RunReport report, final long rate)
    {
        for (final RateSummary summary : report.rates())
        {
            if (summary.rate() == rate)
            {
                return String.format(Locale.ROOT, "%s: %d failed, %d passed", summary.status(), summary.fails(),
                    summary.passes());
            }
        }
        return "unknown";
    }

    private static void attribution(final StringBuilder out, final RunReport report)
    {
        out.append("\nAttribution");
        if (report.attribution().isEmpty())
        {
            out.append("\n").append(INDENT).append("nothing lost: no layer to name\n");
            return;
        }
        out.append(" (at ").append(rate(report.lowestFailRate())).append(", the lowest failing rate; largest first)\n");
        out.append(INDENT).append(brokeFirst(report)).append('\n');
        for (final AttributionEntry entry : report.attribution())
        {
            out.append(INDENT).append(entry.layer()).append(": ").append(entry.lostText()).append(" (")
                .append(percent(entry.share())).append(")\n");
            out.append(INDENT).append(INDENT).append("means: ").append(entry.meaning()).append('\n');
            if (!entry.knob().isEmpty())
            {
                out.append(INDENT).append(INDENT).append("knob:  ").append(entry.knob()).append('\n');
            }
            for (final DropReasonCount reason : entry.kernelReasons())
            {
                out.append(INDENT).append(INDENT).append(kernelReason(reason)).append('\n');
            }
        }
    }

    /**
     * @param reason a kernel drop reason's count.
     * @return it in words: {@code kernel reason IP_RPFILTER in ip_rcv_finish_core: 999 (machine-wide): MEANING; to
     *     change: KNOB}, or {@code ...: not mapped by rxbreak} for a reason it does not know.
     */
    public static String kernelReason(final DropReasonCount reason)
    {
        final DropReasonKind kind = reason.kind();
        return "kernel reason " + reason.reason() + " in " + reason.function() + ": " + count(reason.count()) +
            " (machine-wide): " + (kind == null ? "not mapped by rxbreak" : kind.meaning() + "; to change: " + kind.knob());
    }

    /**
     * @return how the rate above a found goal failed: {@code lost} (or {@code lost more} for a PDR), or
     *     {@code fell behind} when every failure there lost nothing yet.
     */
    private static String upperBoundFailure(final GoalResult goal, final RunReport report)
    {
        boolean anyFailure = false;
        boolean onlyBehind = true;
        for (final TrialRecord record : report.trials())
        {
            if (record.judgement().verdict() == Verdict.FAIL && goal.upperBound() != null && record.request().targetRate() == goal.upperBound())
            {
                anyFailure = true;
                onlyBehind &= record.fellBehind();
            }
        }
        if (anyFailure && onlyBehind)
        {
            return "fell behind";
        }
        return goal.maxLossRatio() == 0.0 ? "lost" : "lost more";
    }

    /**
     * The attribution's headline: which layer broke first, in words.
     *
     * @param report the run.
     * @return one sentence, or {@code nothing lost: no layer to name} when nothing failed.
     */
    public static String brokeFirst(final RunReport report)
    {
        if (report.attribution().isEmpty())
        {
            return "nothing lost: no layer to name";
        }
        final AttributionEntry first = report.attribution().get(0);
        if (first.fellBehind())
        {
            return String.format(Locale.ROOT, "broke first: %s (the receiver fell behind at %s before it lost anything: "
                + "its backlog was filling there)", first.layer(), rate(report.lowestFailRate()));
        }
        return String.format(Locale.ROOT, "broke first: %s (%s of the loss at %s)", first.layer(),
            percent(first.share()), rate(report.lowestFailRate()));
    }

    private static void appendWithoutHeader(final StringBuilder out, final TextTable table)
    {
        final StringBuilder text = new StringBuilder();
        table.appendTo(text, INDENT);
        out.append(text.substring(text.indexOf("\n") + 1));
    }

    /**
     * @param ratePerSecond a rate, or null.
     * @return {@code 19,893 msgs/s}, or {@code unknown}.
     */
    public static String rate(final Long ratePerSecond)
    {
        return ratePerSecond == null ? "unknown" : String.format(Locale.ROOT, "%,d msgs/s", ratePerSecond);
    }

    private static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * @param fraction a ratio, 0.01 for one per cent.
     * @return it as a percentage with three significant digits, trailing zeros dropped: {@code 0.135%}.
     */
    public static String percent(final double fraction)
    {
        if (fraction == 0.0)
        {
            return "0%";
        }
        final String text = String.format(Locale.ROOT, "%.3g", fraction * 100.0);
        return (text.contains(".") && !text.contains("e") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text)
            + "%";
    }

    private static String bytes(final Long value)
    {
        return value == null ? "unknown" : Units.formatBytes(value) + (value % 1024 == 0 ? "" : " B");
    }

    private static String orUnknown(final String value)
    {
        return value == null ? "unknown" : value;
    }
}
