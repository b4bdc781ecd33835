package io.rxbreak.controller.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.rxbreak.controller.report.AttributionEntry;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.Environment;
import io.rxbreak.controller.report.ReportJson;
import io.rxbreak.controller.report.ReceiverResult;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.cli.VersionProvider;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.timeline.AppLossEvents;
import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.core.timeline.TrialTimeline;

/**
 * {@code report.html}: one self-contained page (inline SVG charts and style, no script, no network) that shows a
 * run to a person: the break point, the layer that broke first with what it means and the knob that moves it,
 * the charts per trial, the trials, the environment and tunables, and the command that reproduces the run. The
 * whole report is embedded as JSON in {@code <script type="application/json" id="rxbreak-report">}.
 */
public final class HtmlReport
{
    /** The id of the embedded JSON block. */
    public static final String DATA_ID = "rxbreak-report";
    /** The most failing trials whose counter timeline the page draws (those of the lowest rates). */
    static final int MAX_TRIAL_TIMELINES = 4;

    private HtmlReport()
    {
    }

    /**
     * @param report the run.
     * @return the page.
     */
    public static String render(final RunReport report)
    {
        return render(report, null);
    }

    /**
     * @param report the run.
     * @param appLoss the application's own loss events to lay on the trials' counter timelines, or null.
     * @return the page.
     */
    public static String render(final RunReport report, final AppLossEvents appLoss)
    {
        final StringBuilder html = new StringBuilder(64 * 1024);
        HtmlPage.open(html, "rxbreak report: " + headline(report));
        header(html, report);
        cards(html, report);
        breakPoint(html, report);
        receivers(html, report);
        charts(html, report);
        trialTimelines(html, report, appLoss);
        trials(html, report);
        TuningHtml.append(html, report);
        setup(html, report);
        data(html, report);
        HtmlPage.close(html, "rxbreak " + VersionProvider.version() + ". Rates are target rates in messages per "
            + "second; a valid trial's achieved rate is within the tolerance of it. Hover a mark for its figure.");
        return html.toString();
    }

    private static String headline(final RunReport report)
    {
        if (report.ndr() != null)
        {
            return "NDR " + ConsoleSummary.rate(report.ndr());
        }
        return report.outcome().status();
    }

    private static void header(final StringBuilder html, final RunReport report)
    {
        final String status = report.outcome().status();
        html.append("<h1>rxbreak ramp report<span class=\"badge ").append(Html.escape(status)).append("\">")
            .append(Html.escape(status)).append("</span></h1>\n");
        html.append("<p class=\"sub\">").append(Html.escape(report.outcome().reason())).append(" &middot; started ")
            .append(Html.escape(orUnknown(report.startedAt()))).append(", finished ")
            .append(Html.escape(orUnknown(report.finishedAt()))).append(" &middot; ").append(report.trials().size())
            .append(" trials</p>\n");
    }

    private static void cards(final StringBuilder html, final RunReport report)
    {
        html.append("<div class=\"cards\">\n");
        if (report.feed() != null)
        {
            card(html, "Headroom over the feed", report.headroom() == null ? "none" :
                String.format(Locale.ROOT, "%.2fx", report.headroom()), String.format(Locale.ROOT,
                    "the recorded feed's speed with nothing lost (mean %,.0f msgs/s at 1x)",
                    report.feed().profile().meanRatePerSecond()));
        }
        for (final GoalResult goal : report.goals())
        {
            final boolean ndr = "ndr".equals(goal.goal());
            card(html, ndr ? "NDR (no drop)" : "PDR (loss &le; " + Html.escape(ConsoleSummary.percent(
                goal.maxLossRatio())) + ")", goal.rate() == null ? "none" : ConsoleSummary.rate(goal.rate()),
                goal.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        card(html, "Lowest failing rate", ConsoleSummary.rate(report.lowestFailRate()),
            report.lowestFailRate() == null ? "no trial lost anything" : "no reported rate lies at or above it");
        if (report.attribution().isEmpty())
        {
            card(html, "Broke first", "nothing", "no layer lost anything");
        }
        else
        {
            final AttributionEntry first = report.attribution().get(0);
            html.append("<div class=\"card\"><div class=\"k\">Broke first</div><div class=\"v\">")
                .append(swatch(first.layer())).append(Html.escape(first.layer())).append("</div><div class=\"n\">")
                .append(first.fellBehind() ? "fell behind (nothing lost yet) at "
                    : Html.escape(ConsoleSummary.percent(first.share())) + " of the loss at ")
                .append(Html.escape(ConsoleSummary.rate(report.lowestFailRate()))).append("</div></div>\n");
        }
        html.append("</div>\n");
    }

    private static void card(final StringBuilder html, final String keyHtml, final String value, final String note)
    {
        html.append("<div class=\"card\"><div class=\"k\">").append(keyHtml).append("</div><div class=\"v\">")
            .append(Html.escape(value)).append("</div><div class=\"n\">").append(Html.escape(note))
            .append("</div></div>\n");
    }

    private static void breakPoint(final StringBuilder html, final RunReport report)
    {
        html.append("<h2>Break point and what broke</h2>\n<div class=\"panel\" id=\"break-point\">\n<ul>\n");
        for (final GoalResult goal : report.goals())
        {
            html.append("<li>").append(Html.escape(ConsoleSummary.goalLine(goal, report))).append("</li>\n");
        }
        if (report.senderLimitRate() != null)
        {
            html.append("<li>the sender could not offer ").append(Html.escape(ConsoleSummary.rate(
                report.senderLimitRate()))).append("</li>\n");
        }
        final String replay = ConsoleSummary.replayLine(report);
        if (replay != null)
        {
            html.append("<li id=\"headroom\">").append(Html.escape(replay)).append("</li>\n");
        }
        html.append("</ul>\n<p id=\"broke-first\"><strong>").append(Html.escape(capitalised(
            ConsoleSummary.brokeFirst(report)))).append("</strong></p>\n");
        for (final AttributionEntry entry : report.attribution())
        {
            html.append("<div class=\"layer\"><span class=\"name\">").append(swatch(entry.layer()))
                .append(Html.escape(entry.layer())).append("</span>: ")
                .append(Html.escape(entry.lostText())).append(" (")
                .append(Html.escape(ConsoleSummary.percent(entry.share()))).append(")")
                .append("<div class=\"bar\"><span style=\"width:")
                .append(String.format(Locale.ROOT, "%.1f", Math.max(0.5, entry.share() * 100)))
                .append("%;background:").append(LayerColours.ofLabel(entry.layer())).append("\"></span></div>")
                .append("<div class=\"why\"><b>means</b>").append(Html.escape(entry.meaning())).append("</div>");
            if (!entry.knob().isEmpty())
            {
                html.append("<div class=\"why\"><b>knob</b>").append(Html.escape(entry.knob())).append("</div>");
            }
            for (final DropReasonCount reason : entry.kernelReasons())
            {
                html.append("<div class=\"why\"><b>kernel</b>").append(Html.escape(ConsoleSummary.kernelReason(reason)))
                    .append("</div>");
            }
            html.append("</div>\n");
        }
        html.append("</div>\n");
    }

    /**
     * A topology ramp's receivers: a table and a chart of each one's break point, each linked to its own report
     * (its trials and charts). Nothing for a ramp of one receiver.
     */
    private static void receivers(final StringBuilder html, final RunReport report)
    {
        if (report.receivers() == null)
        {
            return;
        }
        html.append("<h2>Receivers</h2>\n<p class=\"sub\">Every receiver was judged in every trial and has a break "
            + "point of its own; the run's is the weakest's (marked). The trials and charts below are the weakest's; "
            + "each receiver's own report has its own.</p>\n<div class=\"panel\" style=\"padding:0\">"
            + "<table id=\"receivers\">\n<tr><th>receiver</th><th class=\"num\">NDR/s</th><th>status</th>"
            + "<th class=\"num\">first failure/s</th><th class=\"num\">lowest failure/s</th><th>layer</th>"
            + "<th>first failure</th><th class=\"num\">trials</th><th>agent</th><th>report</th></tr>\n");
        for (final ReceiverResult receiver : report.receivers())
        {
            html.append("<tr").append(receiver.weakest() ? " class=\"FAIL\"" : "").append(">")
                .append(cell((receiver.weakest() ? "* " : "") + receiver.name()))
                .append(num(count(receiver.ndr()))).append(cell(receiver.status().toLowerCase(Locale.ROOT)))
                .append(num(count(receiver.firstFailRate()))).append(num(count(receiver.lowestFailRate())))
                .append(cell(receiver.layer() == null ? "-" : receiver.layer()))
                .append(cell(receiver.firstFailure() == null ? "-" : receiver.firstFailure()))
                .append(num(Integer.toString(receiver.trials()))).append(cell(receiver.url()))
                .append("<td><a href=\"receivers/").append(Html.escape(receiver.name())).append("/report.html\">")
                .append(Html.escape(receiver.name())).append("</a></td></tr>\n");
        }
        html.append("</table></div>\n<div class=\"panel\" id=\"chart-receivers\">")
            .append(ReportCharts.receivers(report)).append("</div>\n");
    }

    private static String count(final Long value)
    {
        return value == null ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    private static void charts(final StringBuilder html, final RunReport report)
    {
        if (report.feed() != null)
        {
            html.append("<h2>The feed and where it broke</h2>\n<p class=\"sub\">").append(Html.escape(report.feed().file()))
                .append(": its rate over one play at 1x; shaded, the bins where the lowest failing speed lost messages "
                    + "(placed by the receiver's sequence gaps), and below, how many.</p>\n")
                .append("<div class=\"panel\" id=\"chart-feed\">").append(ReportCharts.feed(report)).append("</div>\n");
        }
        html.append("<h2>Rates per trial</h2>\n<p class=\"sub\">What was asked of the sender (offered), what it "
            + "achieved, and what arrived. Red bands are failed trials; the lines mark the break point.</p>\n")
            .append("<div class=\"panel\" id=\"chart-rates\">").append(ReportCharts.rates(report)).append("</div>\n");
        html.append("<h2>Loss per layer per trial</h2>\n<p class=\"sub\">Messages lost in each trial's window, by "
            + "the layer whose counters saw them, stacked; unexplained is loss no counter accounts for.</p>\n")
            .append("<div class=\"panel\" id=\"chart-loss\">").append(ReportCharts.loss(report)).append("</div>\n");
        html.append("<h2>Latency per trial</h2>\n<p class=\"sub\">From the intended send time to receipt (the "
            + "coordinated-omission-free measure), percentiles of each trial's window.</p>\n")
            .append("<div class=\"panel\" id=\"chart-latency\">").append(ReportCharts.latency(report))
            .append("</div>\n");
        html.append("<h2>Receive queue and softirq</h2>\n<p class=\"sub\">The largest socket rx_queue seen (a queue "
            + "at the granted buffer means the socket buffer was full) and softnet time_squeeze (the softirq ran "
            + "out of budget with work left; not a loss by itself).</p>\n<div class=\"pair\">")
            .append("<div class=\"panel\" id=\"chart-rxqueue\"><h3>Peak rx_queue per trial</h3>")
            .append(ReportCharts.rxQueue(report)).append("</div>")
            .append("<div class=\"panel\" id=\"chart-squeeze\"><h3>time_squeeze per trial</h3>")
            .append(ReportCharts.timeSqueeze(report)).append("</div></div>\n");
    }

    private static void trialTimelines(final StringBuilder html, final RunReport report, final AppLossEvents appLoss)
    {
        final List<TrialRecord> failed = new ArrayList<>();
        for (final TrialRecord record : report.trials())
        {
            if (record.judgement().verdict() == Verdict.FAIL && record.result().counterTimeline() != null
                && !record.result().counterTimeline().isEmpty())
            {
                failed.add(record);
            }
        }
        if (failed.isEmpty())
        {
            return;
        }
        failed.sort(java.util.Comparator.comparingLong((TrialRecord r) -> r.request().targetRate())
            .thenComparingInt(r -> r.request().trial()));
        html.append("<h2 id=\"trial-timelines\">When in the trial it broke</h2>\n<p class=\"sub\">The receive-path "
            + "counters through the failing trials of the lowest rates, sampled on the receiving host from the start "
            + "of the warm-up; a red band marks each moment of loss.</p>\n");
        for (int i = 0; i < Math.min(MAX_TRIAL_TIMELINES, failed.size()); i++)
        {
            final TrialRecord record = failed.get(i);
            final int trial = record.request().trial();
            html.append("<h3>Trial ").append(trial).append(String.format(Locale.ROOT, ": %,d msgs/s, %s, %,d lost",
                record.request().targetRate(), record.request().phase().name().toLowerCase(Locale.ROOT),
                record.lost())).append("</h3>\n<div id=\"trial-").append(trial).append("-timeline\">\n");
            final List<TimelineSample> samples = record.result().counterTimeline();
            try
            {
                TimelineCharts.render(html, TimelineSeries.of(each -> samples.forEach(each), appLoss,
                    TrialTimeline.MAX_POINTS), 1240, "trial-" + trial + "-");
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex); // a list in memory: never
            }
            html.append("</div>\n");
        }
        if (failed.size() > MAX_TRIAL_TIMELINES)
        {
            html.append("<p class=\"sub\">").append(failed.size() - MAX_TRIAL_TIMELINES)
                .append(" more failing trials keep their timeline in trials.jsonl (counterTimeline).</p>\n");
        }
    }

    private static void trials(final StringBuilder html, final RunReport report)
    {
        html.append("<h2>Trials</h2>\n<div class=\"panel\" style=\"max-height:560px;overflow:auto;padding:0\">"
            + "<table id=\"trials\">\n<tr><th class=\"num\">#</th><th>phase</th><th>goal</th>"
            + "<th class=\"num\">target/s</th><th class=\"num\">achieved/s</th><th class=\"num\">sent</th>"
            + "<th class=\"num\">received</th><th class=\"num\">lost</th><th class=\"num\">loss</th>"
            + "<th class=\"num\">unexplained</th><th class=\"num\">p99</th><th class=\"num\">sender lag p99.9/max</th>"
            + "<th class=\"num\">rx CPU wait/steal</th><th>verdict</th><th>detail</th></tr>\n");
        for (final TrialRecord record : report.trials())
        {
            html.append("<tr class=\"").append(record.judgement().verdict().name()).append("\">")
                .append(num(Integer.toString(record.request().trial())))
                .append(cell(record.request().phase().name().toLowerCase(Locale.ROOT))).append(cell(orUnknown(record.request().goal())))
                .append(num(String.format(Locale.ROOT, "%,d", record.request().targetRate())))
                .append(num(String.format(Locale.ROOT, "%,.0f", record.result().achievedRate())))
                .append(num(String.format(Locale.ROOT, "%,d", record.result().sent())))
                .append(num(String.format(Locale.ROOT, "%,d", record.result().received())))
                .append(num(String.format(Locale.ROOT, "%,d", record.lost())))
                .append(num(ConsoleSummary.percent(record.lossRatio())))
                .append(num(String.format(Locale.ROOT, "%,d", record.unexplained())))
                .append(num(record.result().latency() == null ? "-" : Units.formatDuration(record.result().latency().p99Ns())))
                .append(num(ConsoleSummary.senderLag(record))).append(num(ConsoleSummary.receiverWait(record)))
                .append(cell(record.judgement().verdict().name())).append(cell(record.judgement().detail())).append("</tr>\n");
        }
        html.append("</table></div>\n");
    }

    private static void setup(final StringBuilder html, final RunReport report)
    {
        html.append("<h2>Reproduce</h2>\n<pre id=\"command-line\">")
            .append(Html.escape(report.commandLine().isEmpty() ? "unknown (run.json missing)"
                : ShellWords.join("rxbreak", report.commandLine()))).append("</pre>\n");
        html.append("<p class=\"sub\">Effective configuration: <code>")
            .append(Html.escape(report.config() == null ? "unknown (run.json missing)" : report.config().describe()))
            .append("</code></p>\n");
        html.append("<div class=\"pair\"><div><h2>Environment</h2><table class=\"kv\">\n");
        final Environment environment = report.environment();
        kv(html, "kernel", orUnknown(environment.kernel()));
        kv(html, "CPUs", environment.cpus() == null ? "unknown" : environment.cpus().toString());
        kv(html, "JVM", orUnknown(environment.jvm()));
        kv(html, "interface", orUnknown(environment.interfaceName()));
        kv(html, "rcvbuf requested", bytes(environment.rcvbufRequestedBytes()));
        kv(html, "rcvbuf granted", bytes(environment.rcvbufGrantedBytes())
            + (environment.rcvbufClamped() ? "  CLAMPED by the kernel: raise net.core.rmem_max" : ""));
        for (final Map.Entry<String, String> entry : environment.details().entrySet())
        {
            kv(html, entry.getKey(), orUnknown(entry.getValue()));
        }
        environment.autoTuners().forEach(tuner -> kv(html, tuner.kind().label(), tuner.detail() + ": " +
            tuner.kind().effect()));
        html.append("</table></div><div><h2>Tunables</h2><table class=\"kv\">\n");
        if (report.tunables().isEmpty())
        {
            kv(html, "none read", "");
        }
        for (final Map.Entry<String, String> entry : report.tunables().entrySet())
        {
            kv(html, entry.getKey(), orUnknown(entry.getValue()));
        }
        html.append("</table></div></div>\n");
    }

    private static void data(final StringBuilder html, final RunReport report)
    {
        final String json;
        try
        {
            json = ReportJson.mapper().writeValueAsString(report);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("the report cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
        html.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
            .append(Html.scriptJson(json)).append("</script>\n");
    }

    private static void kv(final StringBuilder html, final String key, final String value)
    {
        html.append("<tr><td>").append(Html.escape(key)).append("</td><td>").append(Html.escape(value))
            .append("</td></tr>\n");
    }

    private static String cell(final String text)
    {
        return "<td>" + Html.escape(text) + "</td>";
    }

    private static String num(final String text)
    {
        return "<td class=\"num\">" + Html.escape(text) + "</td>";
    }

    static String swatch(final String layer)
    {
        return "<span class=\"swatch\" style=\"background:" + LayerColours.ofLabel(layer) + "\"></span>";
    }

    private static String capitalised(final String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
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
