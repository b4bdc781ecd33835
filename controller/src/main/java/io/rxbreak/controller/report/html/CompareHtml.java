package io.rxbreak.controller.report.html;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.report.compare.CompareText;
import io.rxbreak.controller.report.compare.ComparedRun;

/**
 * The comparison page of {@code rxbreak compare --html FILE}: one self-contained page with the runs' break points
 * as bars (NDR and PDR per run, the change from the first written on each), the layer that broke first in each
 * run in its colour, and the tunables and environment that differ.
 */
public final class CompareHtml
{
    private static final int WIDTH = 1240;
    private static final int LABEL_WIDTH = 220;
    private static final int ROW_HEIGHT = 26;

    private CompareHtml()
    {
    }

    /**
     * @param runs the runs, the first being the reference.
     * @return the page.
     */
    public static String render(final List<ComparedRun> runs)
    {
        final StringBuilder html = new StringBuilder(32 * 1024);
        HtmlPage.open(html, "rxbreak compare: " + runs.size() + " runs");
        html.append("<h1>rxbreak compare</h1>\n<p class=\"sub\">").append(runs.size())
            .append(" runs; changes are from the first, ").append(Html.escape(runs.get(0).name()))
            .append(".</p>\n");
        html.append("<h2>Break points</h2>\n<div class=\"panel\" id=\"chart-compare\">").append(bars(runs))
            .append("</div>\n");
        table(html, runs);
        differences(html, "Tunables that differ", CompareText.differing(runs, true), runs);
        differences(html, "Environment that differs", CompareText.differing(runs, false), runs);
        HtmlPage.close(html, "Rates are messages per second. A rate written >= is a lower bound: even --max-rate "
            + "or the sender's limit passed.");
        return html.toString();
    }

    private static String bars(final List<ComparedRun> runs)
    {
        double max = 1;
        for (final ComparedRun run : runs)
        {
            max = Math.max(max, value(run.rate(LossGoal.NDR)));
            max = Math.max(max, value(run.rate(LossGoal.PDR)));
        }
        final int height = 50 + runs.size() * (2 * ROW_HEIGHT + 14);
        final double scale = (WIDTH - LABEL_WIDTH - 170) / max;
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
            + "aria-label=\"NDR and PDR per run\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, height));
        legend(svg, 0, "NDR (no drop)", ReportCharts.NDR);
        legend(svg, 170, "PDR", ReportCharts.PDR);
        int y = 44;
        final ComparedRun first = runs.get(0);
        for (final ComparedRun run : runs)
        {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"axis\">%s"
                + "</text>", LABEL_WIDTH - 10, y + ROW_HEIGHT + 4, Html.escape(shorten(run.name()))));
            bar(svg, y, run, first, LossGoal.NDR, ReportCharts.NDR, scale);
            bar(svg, y + ROW_HEIGHT, run, first, LossGoal.PDR, ReportCharts.PDR, scale);
            y += 2 * ROW_HEIGHT + 14;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void bar(final StringBuilder svg, final int y, final ComparedRun run, final ComparedRun first,
        final String goal, final String colour, final double scale)
    {
        final Long rate = run.rate(goal);
        final String change = run == first ? "" : " (" + ComparedRun.changeText(run.changePct(goal, first)) + ")";
        final String label = goal.toUpperCase(Locale.ROOT) + " " + run.rateText(goal) + change;
        final double widthPx = rate == null ? 0 : Math.max(2, rate * scale);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" "
            + "fill=\"%s\"><title>%s</title></rect>", LABEL_WIDTH, y + 2, widthPx, ROW_HEIGHT - 6, colour,
            Html.escape(run.name() + ": " + label)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"legend\">%s</text>",
            LABEL_WIDTH + widthPx + 8, y + ROW_HEIGHT - 8, Html.escape(label)));
    }

    private static void legend(final StringBuilder svg, final int x, final String name, final String colour)
    {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"12\" fill=\"%s\"/>"
            + "<text x=\"%d\" y=\"19\" class=\"legend\">%s</text>", LABEL_WIDTH + x, colour, LABEL_WIDTH + x + 20,
            Html.escape(name)));
    }

    private static void table(final StringBuilder html, final List<ComparedRun> runs)
    {
        final ComparedRun first = runs.get(0);
        html.append("<h2>Side by side</h2>\n<table id=\"compare\">\n<tr><th>run</th><th>outcome</th>"
            + "<th class=\"num\">NDR msgs/s</th><th class=\"num\">change</th><th class=\"num\">PDR msgs/s</th>"
            + "<th class=\"num\">change</th><th class=\"num\">lowest failing</th><th>broke first</th>"
            + "<th>attribution</th></tr>\n");
        for (final ComparedRun run : runs)
        {
            final Double ndrChange = run == first ? null : run.changePct(LossGoal.NDR, first);
            final Double pdrChange = run == first ? null : run.changePct(LossGoal.PDR, first);
            html.append("<tr><td>").append(Html.escape(run.name())).append("</td><td>")
                .append(Html.escape(run.report().outcome().status())).append("</td><td class=\"num\">")
                .append(Html.escape(run.rateText(LossGoal.NDR))).append("</td>").append(change(ndrChange))
                .append("<td class=\"num\">").append(Html.escape(run.rateText(LossGoal.PDR))).append("</td>")
                .append(change(pdrChange)).append("<td class=\"num\">")
                .append(run.report().lowestFailRate() == null ? "-"
                    : String.format(Locale.ROOT, "%,d", run.report().lowestFailRate()))
                .append("</td><td>");
            if (run.report().attribution().isEmpty())
            {
                html.append("nothing lost");
            }
            else
            {
                final String layer = run.report().attribution().get(0).layer();
                html.append(HtmlReport.swatch(layer)).append(Html.escape(layer));
            }
            html.append("</td><td>").append(Html.escape(run.attributionText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String change(final Double changePct)
    {
        final String css = changePct == null ? "" : changePct >= 0 ? " up" : " down";
        return "<td class=\"num" + css + "\">" + Html.escape(ComparedRun.changeText(changePct)) + "</td>";
    }

    private static void differences(final StringBuilder html, final String title, final Map<String, String[]> rows,
        final List<ComparedRun> runs)
    {
        html.append("<h2>").append(Html.escape(title)).append("</h2>\n");
        if (rows.isEmpty())
        {
            html.append("<p class=\"sub\">none</p>\n");
            return;
        }
        html.append("<table class=\"kv\"><tr><th></th>");
        for (final ComparedRun run : runs)
        {
            html.append("<th>").append(Html.escape(run.name())).append("</th>");
        }
        html.append("</tr>\n");
        rows.forEach((key, values) ->
        {
            html.append("<tr><td>").append(Html.escape(key)).append("</td>");
            for (final String value : values)
            {
                html.append("<td>").append(Html.escape(value)).append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    private static double value(final Long rate)
    {
        return rate == null ? 0 : rate;
    }

    private static String shorten(final String name)
    {
        return name.length() <= 28 ? name : "..." + name.substring(name.length() - 25);
    }
}
