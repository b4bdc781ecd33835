package io.rxbreak.controller.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.core.cli.VersionProvider;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.timeline.AppLossEvents;
import io.rxbreak.core.timeline.RecordingHeader;
import io.rxbreak.core.timeline.RecordingReader;

/**
 * The timeline page of a recording ({@code counters watch --record FILE}, then {@code rxbreak report FILE}): one
 * self-contained page, read from the file in two streaming passes, with at most {@link #MAX_POINTS} points per
 * series, so that a recording of hours still draws and never hides a spike.
 */
public final class TimelineHtml
{
    /** The most points a series of the page has. */
    public static final int MAX_POINTS = 1_500;

    private TimelineHtml()
    {
    }

    /**
     * @param recording the recording file.
     * @param events the application's own loss events to lay on it, or null.
     * @return the page.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException when it is not a recording (naming the line).
     */
    public static String render(final Path recording, final AppLossEvents events) throws IOException
    {
        final RecordingHeader[] read = new RecordingHeader[1];
        final TimelineSeries series = TimelineSeries.of(each -> read[0] = RecordingReader.read(recording, each), events,
            MAX_POINTS);
        final RecordingHeader header = read[0];
        final StringBuilder html = new StringBuilder(256 * 1024);
        HtmlPage.open(html, "rxbreak timeline: " + recording.getFileName());
        html.append("<h1>rxbreak counter timeline</h1>\n<p class=\"sub\">").append(Html.escape(recording.toString()))
            .append(" &middot; ").append(series.samples).append(" samples every ")
            .append(Html.escape(Units.formatDuration(header.intervalNs()))).append(" &middot; ")
            .append(Html.escape(TimelineCharts.elapsed(series.samples == 0 ? 0
                : Math.max(0, lastMs(series) - series.startEpochMs)))).append("</p>\n");
        html.append("<div class=\"cards\">\n");
        long lost = 0;
        for (final long count : series.lostByLayer.values())
        {
            lost += count;
        }
        card(html, "Lost", String.format(Locale.ROOT, "%,d", lost), lostText(series.lostByLayer));
        long moments = 0;
        for (final long count : series.lostPerPoint)
        {
            moments += count > 0 ? 1 : 0;
        }
        card(html, "Moments of loss", String.format(Locale.ROOT, "%,d", moments), "points of the charts with loss, "
            + "marked across every chart");
        card(html, "Sockets", header.selection(), header.appLossMetric() == null ? "no application counter"
            : "application loss: " + header.appLossMetric() + " at " + header.appLossUrl());
        html.append("</div>\n");
        if (series.appLossOutside > 0)
        {
            html.append("<p class=\"sub\">").append(String.format(Locale.ROOT, "%,d", series.appLossOutside))
                .append(" messages of the application's loss events fall outside the recording's time.</p>\n");
        }
        TimelineCharts.render(html, series, 1240, "timeline-");
        html.append("<h2>Recording</h2>\n<table class=\"kv\">");
        kv(html, "host", header.host());
        kv(html, "kernel", header.kernel());
        kv(html, "boot id", header.bootId());
        kv(html, "started", Instant.ofEpochMilli(header.startEpochMs()).toString());
        kv(html, "interval", Units.formatDuration(header.intervalNs()));
        kv(html, "schema version", Integer.toString(header.schemaVersion()));
        html.append("</table>\n");
        HtmlPage.close(html, "rxbreak " + VersionProvider.version() + ". Each point is the largest value of the "
            + "samples it stands for. Hover a line or a mark for its figure.");
        return html.toString();
    }

    private static long lastMs(final TimelineSeries series)
    {
        return series.pointEpochMs[series.pointEpochMs.length - 1];
    }

    private static String lostText(final Map<Layer, Long> byLayer)
    {
        if (byLayer.isEmpty())
        {
            return "nothing lost";
        }
        final StringBuilder text = new StringBuilder();
        byLayer.forEach((layer, count) -> text.append(text.length() == 0 ? "" : ", ").append(layer.label())
            .append(' ').append(String.format(Locale.ROOT, "%,d", count)));
        return text.toString();
    }

    private static void card(final StringBuilder html, final String key, final String value, final String note)
    {
        html.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(key)).append("</div><div class=\"v\">")
            .append(Html.escape(value)).append("</div><div class=\"n\">").append(Html.escape(note))
            .append("</div></div>\n");
    }

    private static void kv(final StringBuilder html, final String key, final String value)
    {
        html.append("<tr><td>").append(Html.escape(key)).append("</td><td>")
            .append(Html.escape(value == null ? "unknown" : value)).append("</td></tr>");
    }
}
