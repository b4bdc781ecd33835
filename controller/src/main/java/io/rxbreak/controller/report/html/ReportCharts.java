package io.rxbreak.controller.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.FeedReport;
import io.rxbreak.controller.report.ReplayBreak;
import io.rxbreak.controller.report.ReceiverResult;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.Layer;

/**
 * The report's charts, each an SVG with trials along the x axis: rates with the break point, loss per layer
 * (stacked, in the layers' colours), latency percentiles, peak rx_queue against the granted buffer, time_squeeze.
 */
final class ReportCharts
{
    static final String FAILED_SHADE = "#fbe3e3";
    static final String INVALID_SHADE = "#ececec";
    static final String OFFERED = "#3b4a5a";
    static final String ACHIEVED = "#b07aa1";
    static final String RECEIVED = "#1f9e89";
    static final String NDR = "#2b8a3e";
    static final String PDR = "#d9480f";
    static final String LOWEST_FAIL = "#c92a2a";

    private static final int WIDE = 1240;
    private static final int HALF = 610;
    private static final String TRIAL_AXIS = "trial number (in the order run)";

    private ReportCharts()
    {
    }

    static String rates(final RunReport report)
    {
        final List<TrialRecord> trials = report.trials();
        double max = 1;
        for (final TrialRecord record : trials)
        {
            max = Math.max(max, Math.max(record.request().targetRate(), record.result().achievedRate()));
        }
        final SvgChart chart = new SvgChart(WIDE, 420, trials.size(), TRIAL_AXIS, "messages per second",
            AxisFormat.COUNT).linear(max * 1.05);
        shadeVerdicts(chart, trials);
        chart.line("achieved (sender)", ACHIEVED,
            TrialSeries.values(trials, record -> record.result().achievedRate()),
            TrialSeries.titles(trials, r -> "achieved " + TrialSeries.count(r.result().achievedRate()) + " msgs/s"), false);
        chart.line("offered (target)", OFFERED,
            TrialSeries.values(trials, record -> record.request().targetRate()),
            TrialSeries.titles(trials, r -> "offered " + TrialSeries.count(r.request().targetRate()) + " msgs/s"), true);
        chart.line("received", RECEIVED,
            TrialSeries.values(trials, TrialSeries::receivedRate),
            TrialSeries.titles(trials, r -> String.format(Locale.ROOT, "received %s msgs/s (%,d of %,d, lost %s)",
                TrialSeries.count(TrialSeries.receivedRate(r)), r.result().received(), r.result().sent(),
                ConsoleSummary.percent(r.lossRatio()))), false);
        chart.legendEntry("failed trial", FAILED_SHADE).legendEntry("invalid trial", INVALID_SHADE);
        if (report.ndr() != null && report.ndr().equals(report.pdr()))
        {
            chart.mark(report.ndr(), NDR, "NDR = PDR " + ConsoleSummary.rate(report.ndr()), false);
        }
        else
        {
            if (report.ndr() != null)
            {
                chart.mark(report.ndr(), NDR, "NDR " + ConsoleSummary.rate(report.ndr()), false);
            }
            if (report.pdr() != null)
            {
                chart.mark(report.pdr(), PDR, "PDR " + ConsoleSummary.rate(report.pdr()), false);
            }
        }
        if (report.lowestFailRate() != null)
        {
            chart.mark(report.lowestFailRate(), LOWEST_FAIL,
                "lowest failing rate " + ConsoleSummary.rate(report.lowestFailRate()), true);
        }
        return chart.render("offered, achieved and received rate per trial, with the break point");
    }

    /**
     * A topology ramp's receivers side by side: each one's break point (NDR) as a bar, its lowest failing rate as a
     * point above it; the run's break point (the weakest's) marked.
     *
     * @param report a topology ramp's run ({@link RunReport#receivers()} not null).
     * @return the chart.
     */
    static String receivers(final RunReport report)
    {
        final List<ReceiverResult> receivers = report.receivers();
        final double[] ndr = new double[receivers.size()];
        final double[] fail = new double[receivers.size()];
        final String[] ndrTitles = new String[receivers.size()];
        final String[] failTitles = new String[receivers.size()];
        double max = 1;
        for (int i = 0; i < receivers.size(); i++)
        {
            final ReceiverResult receiver = receivers.get(i);
            ndr[i] = receiver.ndr() == null ? 0 : receiver.ndr();
            fail[i] = receiver.lowestFailRate() == null ? Double.NaN : receiver.lowestFailRate();
            ndrTitles[i] = receiver.name() + ": NDR " + ConsoleSummary.rate(receiver.ndr());
            failTitles[i] = receiver.name() + ": lowest failing rate " + ConsoleSummary.rate(receiver.lowestFailRate())
                + (receiver.layer() == null ? "" : ", lost in the " + receiver.layer());
            max = Math.max(max, Math.max(ndr[i], Double.isNaN(fail[i]) ? 0 : fail[i]));
        }
        final SvgChart chart = new SvgChart(WIDE, 360, receivers.size(), "receiver", "messages per second",
            AxisFormat.COUNT).linear(max * 1.05).xTicks(i -> receivers.get(i).name());
        chart.bars("NDR (no drop)", NDR, ndr, ndrTitles);
        chart.line("lowest failing rate", LOWEST_FAIL, fail, failTitles, false);
        if (report.ndr() != null)
        {
            chart.mark(report.ndr(), OFFERED, "break point (the weakest) " + ConsoleSummary.rate(report.ndr()), true);
        }
        return chart.render("each receiver's break point, with its lowest failing rate");
    }

    /**
     * A replayed feed's rate over one play of it (at 1x), with the bins where the lowest failing speed lost
     * messages shaded, and that loss per bin below it.
     *
     * @param report a replay's run ({@link RunReport#feed()} not null).
     * @return the two charts.
     */
    static String feed(final RunReport report)
    {
        final FeedReport feed = report.feed();
        final int bins = feed.messagesPerBin().size();
        final double binSeconds = feed.binNs() / 1e9;
        final double[] rate = new double[bins];
        final String[] titles = new String[bins];
        double max = 1;
        for (int i = 0; i < bins; i++)
        {
            rate[i] = feed.messagesPerBin().get(i) / binSeconds;
            max = Math.max(max, rate[i]);
            titles[i] = String.format(Locale.ROOT, "%.3f s: %,d messages, %,.0f msgs/s at 1x", i * binSeconds,
                feed.messagesPerBin().get(i), rate[i]);
        }
        final IntFunction<String> seconds = i -> secondsLabel(i * binSeconds, bins * binSeconds);
        final String axis = "feed time, s (bins of " + Units.formatDuration(feed.binNs()) + ")";
        final SvgChart chart = new SvgChart(WIDE, 360, bins, axis, "messages per second at 1x", AxisFormat.COUNT)
            .linear(max * 1.05).xTicks(seconds);
        final ReplayBreak broke = report.replayBreak();
        final double[] lost = new double[bins];
        final String[] lostTitles = new String[bins];
        double maxLost = 1;
        for (int i = 0; i < bins; i++)
        {
            final long count = broke == null || i >= broke.lossPerBin().size() ? 0 : broke.lossPerBin().get(i);
            lost[i] = count;
            maxLost = Math.max(maxLost, count);
            lostTitles[i] = String.format(Locale.ROOT, "%.3f s: %,d lost at %sx", i * binSeconds, count,
                broke == null ? "-" : String.format(Locale.ROOT, "%.2f", broke.speed()));
            if (count > 0)
            {
                chart.shade(i, FAILED_SHADE, lostTitles[i]);
            }
        }
        chart.line("feed rate (1x)", OFFERED, rate, titles, false);
        if (broke != null)
        {
            chart.legendEntry(String.format(Locale.ROOT, "lost at %.2fx (trial %d)", broke.speed(), broke.trial()),
                FAILED_SHADE);
        }
        final SvgChart loss = new SvgChart(WIDE, 240, bins, axis, "messages lost", AxisFormat.COUNT)
            .linear(maxLost * 1.05).xTicks(seconds);
        loss.bars(broke == null ? "nothing lost" : String.format(Locale.ROOT, "lost at %.2fx", broke.speed()),
            LOWEST_FAIL, lost, lostTitles);
        return chart.render("the recorded feed's rate over time, with the bins where the lowest failing speed lost")
            + loss.render("messages lost per bin of the feed at the lowest failing speed");
    }

    private static String secondsLabel(final double at, final double span)
    {
        return span >= 10 ? String.format(Locale.ROOT, "%.0f", at) : span >= 1 ? String.format(Locale.ROOT, "%.1f", at) :
            String.format(Locale.ROOT, "%.3f", at);
    }

    static String loss(final RunReport report)
    {
        final List<TrialRecord> trials = report.trials();
        final List<String> names = new ArrayList<>();
        final List<String> colours = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<String[]> titles = new ArrayList<>();
        double max = 0;
        final double[] totals = new double[trials.size()];
        for (final Layer layer : Layer.values())
        {
            if (trials.stream().noneMatch(r -> r.result().dropsByLayer().getOrDefault(layer, 0L) > 0))
            {
                continue;
            }
            names.add(layer.label());
            colours.add(LayerColours.of(layer));
            final double[] drops = TrialSeries.values(trials, r -> r.result().dropsByLayer().getOrDefault(layer, 0L));
            values.add(drops);
            titles.add(TrialSeries.titles(trials, r -> layer.label() + ": "
                + TrialSeries.count(r.result().dropsByLayer().getOrDefault(layer, 0L)) + " lost of "
                + TrialSeries.count(r.result().sent()) + " sent"));
        }
        if (trials.stream().anyMatch(r -> r.unexplained() > 0))
        {
            names.add(LayerLoss.UNEXPLAINED);
            colours.add(LayerColours.UNEXPLAINED);
            values.add(TrialSeries.values(trials, r -> Math.max(0, r.unexplained())));
            titles.add(TrialSeries.titles(trials, r -> "unexplained (no counter): "
                + TrialSeries.count(Math.max(0, r.unexplained())) + " lost of " + TrialSeries.count(r.result().sent())));
        }
        for (final double[] series : values)
        {
            for (int i = 0; i < series.length; i++)
            {
                totals[i] += series[i];
                max = Math.max(max, totals[i]);
            }
        }
        final SvgChart chart = new SvgChart(WIDE, 380, trials.size(), TRIAL_AXIS, "messages lost (per layer)",
            AxisFormat.COUNT).linear(max * 1.05);
        shadeVerdicts(chart, trials);
        if (names.isEmpty())
        {
            chart.legendEntry("no layer lost anything", "#ffffff");
        }
        else
        {
            chart.stacked(names.toArray(new String[0]), colours.toArray(new String[0]),
                values.toArray(new double[0][]), titles.toArray(new String[0][]));
        }
        return chart.render("messages lost per layer per trial, stacked");
    }

    static String latency(final RunReport report)
    {
        final List<TrialRecord> trials = report.trials();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final TrialRecord record : trials)
        {
            if (record.result().latency() != null)
            {
                min = Math.min(min, Math.max(1, record.result().latency().p50Ns()));
                max = Math.max(max, record.result().latency().maxNs());
            }
        }
        if (max <= 0)
        {
            // no trial measured latency (observe mode: the application's latency is out of sight): empty axes
            min = 1_000;
            max = 1_000_000;
        }
        final SvgChart chart = new SvgChart(WIDE, 380, trials.size(), TRIAL_AXIS,
            "latency, intended send to receipt (log scale)", AxisFormat.NANOS).logarithmic(min, max);
        shadeVerdicts(chart, trials);
        percentile(chart, trials, "p50", "#74c0fc", 0);
        percentile(chart, trials, "p99", "#1c7ed6", 2);
        percentile(chart, trials, "p99.9", "#5f3dc4", 3);
        percentile(chart, trials, "max", "#c2255c", 4);
        return chart.render("latency percentiles per trial");
    }

    static String rxQueue(final RunReport report)
    {
        final List<TrialRecord> trials = report.trials();
        double max = 1;
        for (final TrialRecord record : trials)
        {
            max = Math.max(max, TrialSeries.orNaN(record.result().peakRxQueueBytes()) > 0 ? record.result().peakRxQueueBytes() : 0);
        }
        final Long granted = report.environment().rcvbufGrantedBytes();
        if (granted != null)
        {
            max = Math.max(max, granted);
        }
        final SvgChart chart = new SvgChart(HALF, 340, trials.size(), "trial number", "peak socket rx_queue (bytes)",
            AxisFormat.BYTES).linear(max * 1.1);
        shadeVerdicts(chart, trials);
        chart.bars("peak rx_queue", "#4263eb", TrialSeries.values(trials, r -> TrialSeries.orNaN(r.result().peakRxQueueBytes())),
            TrialSeries.titles(trials, r -> r.result().peakRxQueueBytes() == null ? "rx_queue not read"
                : "peak rx_queue " + TrialSeries.count(r.result().peakRxQueueBytes()) + " bytes"));
        if (granted != null)
        {
            chart.mark(granted, LOWEST_FAIL, "rcvbuf granted " + Units.formatBytes(granted), true);
        }
        return chart.render("peak socket rx_queue per trial");
    }

    static String timeSqueeze(final RunReport report)
    {
        final List<TrialRecord> trials = report.trials();
        double max = 1;
        for (final TrialRecord record : trials)
        {
            max = Math.max(max, record.result().timeSqueeze() == null ? 0 : record.result().timeSqueeze());
        }
        final SvgChart chart = new SvgChart(HALF, 340, trials.size(), "trial number", "time_squeeze (count)",
            AxisFormat.COUNT).linear(max * 1.1);
        shadeVerdicts(chart, trials);
        chart.bars("time_squeeze", LayerColours.of(Layer.SOFTIRQ_BACKLOG),
            TrialSeries.values(trials, r -> TrialSeries.orNaN(r.result().timeSqueeze())),
            TrialSeries.titles(trials, r -> r.result().timeSqueeze() == null ? "time_squeeze not read"
                : "time_squeeze " + TrialSeries.count(r.result().timeSqueeze())));
        return chart.render("softnet time_squeeze per trial");
    }

    private static void percentile(final SvgChart chart, final List<TrialRecord> trials, final String name,
        final String colour, final int which)
    {
        chart.line(name, colour, TrialSeries.values(trials, r -> r.result().latency() == null ? Double.NaN
            : pick(r, which)), TrialSeries.titles(trials, r -> r.result().latency() == null ? "latency not measured"
                : name + " " + Units.formatDuration((long)pick(r, which))), false);
    }

    private static double pick(final TrialRecord record, final int which)
    {
        switch (which)
        {
            case 0:
                return record.result().latency().p50Ns();
            case 2:
                return record.result().latency().p99Ns();
            case 3:
                return record.result().latency().p999Ns();
            default:
                return record.result().latency().maxNs();
        }
    }

    private static void shadeVerdicts(final SvgChart chart, final List<TrialRecord> trials)
    {
        for (int i = 0; i < trials.size(); i++)
        {
            final TrialRecord record = trials.get(i);
            if (record.judgement().verdict() == Verdict.FAIL)
            {
                chart.shade(i, FAILED_SHADE, "trial " + record.request().trial() + " failed: " + record.judgement().detail());
            }
            else if (record.judgement().verdict() == Verdict.INVALID)
            {
                chart.shade(i, INVALID_SHADE, "trial " + record.request().trial() + " invalid: " + record.judgement().detail());
            }
        }
    }
}
