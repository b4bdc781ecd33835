package io.rxbreak.controller.report.html;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.sweep.SweepKnob;
import io.rxbreak.controller.sweep.SweepPoint;
import io.rxbreak.controller.sweep.SweepReport;

/**
 * {@code sweep.html}: one self-contained page (the ramp report's look) with the NDR, and the PDR when searched,
 * against the sweep's knob: one band per value in the knob's order (a size's doubling steps are equal steps, as
 * on a logarithmic axis), each band shaded in the colour of the layer that broke first there; a table of the
 * points with a link to each point's {@code report.html}; and the sentence.
 */
public final class SweepHtml
{
    private static final int WIDTH = 1240;
    private static final int HEIGHT = 420;
    private static final String LAYER_ALPHA = "40";

    private SweepHtml()
    {
    }

    /**
     * @param report the sweep.
     * @param knob its knob.
     * @param points its points in the knob's order.
     * @return the page.
     */
    public static String render(final SweepReport report, final SweepKnob knob, final List<SweepPoint> points)
    {
        final StringBuilder html = new StringBuilder(32 * 1024);
        HtmlPage.open(html, "rxbreak sweep: " + report.knob());
        html.append("<h1>rxbreak sweep: ").append(Html.escape(report.knob())).append("<span class=\"badge ")
            .append(Html.escape(report.status())).append("\">").append(Html.escape(report.status()))
            .append("</span></h1>\n<p class=\"sub\">").append(points.size()).append(" of ")
            .append(report.values().size()).append(" points (").append(Html.escape(report.option()))
            .append("); started ").append(Html.escape(String.valueOf(report.startedAt()))).append("</p>\n");
        html.append("<div class=\"panel\"><p id=\"sentence\">").append(Html.escape(capitalised(report.sentence())))
            .append(".</p></div>\n");
        html.append("<h2>NDR against ").append(Html.escape(report.knob())).append("</h2>\n")
            .append("<div class=\"panel\" id=\"chart-sweep\">").append(chart(report, knob, points)).append("</div>\n");
        table(html, points);
        html.append("<h2>Command</h2>\n<pre>").append(Html.escape(ShellWords.join("rxbreak", report.commandLine())))
            .append("</pre>\n");
        HtmlPage.close(html, "Rates are messages per second. Each point is a whole ramp; its run folder holds its "
            + "report. A band's shade is the layer that broke first at that value.");
        return html.toString();
    }

    private static String chart(final SweepReport report, final SweepKnob knob, final List<SweepPoint> points)
    {
        final double[] ndr = new double[points.size()];
        final double[] pdr = new double[points.size()];
        final String[] ndrTitles = new String[points.size()];
        final String[] pdrTitles = new String[points.size()];
        double max = 1;
        boolean anyPdr = false;
        for (int i = 0; i < points.size(); i++)
        {
            final SweepPoint point = points.get(i);
            ndr[i] = point.ndr() == null ? Double.NaN : point.ndr();
            pdr[i] = point.pdr() == null ? Double.NaN : point.pdr();
            anyPdr |= point.pdr() != null;
            max = Math.max(max, point.ndr() == null ? 0 : point.ndr());
            max = Math.max(max, point.pdr() == null ? 0 : point.pdr());
            ndrTitles[i] = report.knob() + "=" + point.value() + ": NDR " + rate(point.ndr());
            pdrTitles[i] = report.knob() + "=" + point.value() + ": PDR " + rate(point.pdr());
        }
        final SvgChart chart = new SvgChart(WIDTH, HEIGHT, points.size(), axisLabel(report, knob), "msgs/s",
            AxisFormat.COUNT).linear(max * 1.1).xTicks(i -> points.get(i).value());
        final Set<String> layers = new LinkedHashSet<>();
        for (int i = 0; i < points.size(); i++)
        {
            final SweepPoint point = points.get(i);
            if (point.layer() != null)
            {
                layers.add(point.layer());
                chart.shade(i, LayerColours.ofLabel(point.layer()) + LAYER_ALPHA, report.knob() + "=" + point.value()
                    + ": " + point.layer() + " broke first (" + String.format(Locale.ROOT, "%,d", point.layerLoss())
                    + " lost, " + ConsoleSummary.percent(point.layerShare()) + ")");
            }
        }
        chart.line("NDR", ReportCharts.NDR, ndr, ndrTitles, false);
        if (anyPdr)
        {
            chart.line("PDR", ReportCharts.PDR, pdr, pdrTitles, true);
        }
        for (final String layer : layers)
        {
            chart.legendEntry(layer + " broke first", LayerColours.ofLabel(layer) + LAYER_ALPHA);
        }
        return chart.render("NDR against " + report.knob());
    }

    private static String axisLabel(final SweepReport report, final SweepKnob knob)
    {
        return report.knob() + (knob.kind().unit() == SweepKnob.Unit.BYTES ? " (one band per value: doubling "
            + "steps are equal, a logarithmic scale)" : knob.numeric() ? " (one band per value, ascending)" :
            " (one band per value, as given)");
    }

    private static void table(final StringBuilder html, final List<SweepPoint> points)
    {
        html.append("<h2>Points</h2>\n<table id=\"points\">\n<tr><th>value</th><th>status</th><th class=\"num\">exit"
            + "</th><th class=\"num\">NDR msgs/s</th><th class=\"num\">PDR msgs/s</th><th>broke first</th>"
            + "<th class=\"num\">its loss</th><th class=\"num\">granted buffer</th><th class=\"num\">wall time</th>"
            + "<th>report</th></tr>\n");
        for (final SweepPoint point : points)
        {
            html.append("<tr><td>").append(Html.escape(point.value())).append("</td><td>")
                .append(Html.escape(point.status().text())).append("</td><td class=\"num\">").append(point.exitCode())
                .append("</td><td class=\"num\">").append(rate(point.ndr())).append("</td><td class=\"num\">")
                .append(rate(point.pdr())).append("</td><td>");
            if (point.layer() == null)
            {
                html.append("-");
            }
            else
            {
                html.append(HtmlReport.swatch(point.layer())).append(Html.escape(point.layer()));
            }
            html.append("</td><td class=\"num\">").append(point.layer() == null ? "-" : String.format(Locale.ROOT,
                "%,d (%s)", point.layerLoss(), ConsoleSummary.percent(point.layerShare())))
                .append("</td><td class=\"num\">").append(point.rcvbufGrantedBytes() == null ? "-" :
                    String.format(Locale.ROOT, "%,d", point.rcvbufGrantedBytes()))
                .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f s", point.wallTimeS()))
                .append("</td><td><a href=\"").append(Html.escape(point.runFolder() + "/report.html")).append("\">")
                .append(Html.escape(point.runFolder())).append("</a></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String rate(final Long rate)
    {
        return rate == null ? "-" : String.format(Locale.ROOT, "%,d", rate);
    }

    private static String capitalised(final String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
