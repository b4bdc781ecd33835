package io.rxbreak.controller.report.html;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import io.rxbreak.core.counters.Layer;

/**
 * The charts of a counter timeline, one above the other on the same time axis: drops per second per layer (the
 * layer colours of the ramp report; the socket-buffer layer counts the whole namespace, so the selected sockets'
 * own drops are dashed beside it), time_squeeze, rx_queue per socket, NET_RX softirqs per CPU and ksoftirqd's
 * CPU use per CPU (with its wait for the CPU dashed). Every point where something was lost is marked by a red band
 * across all of them.
 */
final class TimelineCharts
{
    /** The colour of the moments of loss. */
    static final String LOSS_MARK = "#c92a2a";
    private static final String[] CPU_COLOURS = {"#4263eb", "#f08c00", "#2f9e44", "#ae3ec9", "#1098ad", "#e8590c",
        "#5c940d", "#d6336c"};
    private static final String[] SOCKET_COLOURS = {"#364fc7", "#c2255c", "#087f5b", "#e67700", "#5f3dc4", "#495057"};

    private TimelineCharts()
    {
    }

    /**
     * @param html where to write the panels.
     * @param series the timeline.
     * @param width the charts' width.
     * @param idPrefix a prefix for the panels' ids (unique on the page).
     */
    static void render(final StringBuilder html, final TimelineSeries series, final int width, final String idPrefix)
    {
        final int points = series.points();
        final IntFunction<String> tick = i -> elapsed(series.pointEpochMs[i] - series.startEpochMs);
        final String axis = "time since the start (each point the largest of " + series.bucket + " sample"
            + (series.bucket == 1 ? "" : "s") + ")";

        double most = series.selectedSocketDropsPerSecond == null ? 0 : max(series.selectedSocketDropsPerSecond);
        for (final double[] values : series.dropsPerSecond.values())
        {
            most = Math.max(most, max(values));
        }
        final SvgChart drops = new SvgChart(width, 300, points, axis, "drops per second", AxisFormat.COUNT)
            .linear(most * 1.1).xTicks(tick);
        for (final Map.Entry<Layer, double[]> layer : series.dropsPerSecond.entrySet())
        {
            drops.trace(layer.getKey().label(), LayerColours.of(layer.getKey()), layer.getValue(), false);
        }
        if (series.selectedSocketDropsPerSecond != null)
        {
            drops.trace("the selected sockets' drops", LayerColours.of(Layer.SOCKET_BUFFER),
                series.selectedSocketDropsPerSecond, true);
        }
        panel(html, idPrefix + "drops", marked(drops, series).render("drops per second per layer over time"));

        panel(html, idPrefix + "squeeze", marked(cpus(series.timeSqueezePerSecond, null, width, points, axis,
            "time_squeeze per second", tick), series).render("softnet time_squeeze per CPU over time"));

        double queue = 0;
        for (final double[] values : series.rxQueueBytes.values())
        {
            queue = Math.max(queue, max(values));
        }
        final SvgChart rx = new SvgChart(width, 260, points, axis, "rx_queue (bytes)", AxisFormat.BYTES)
            .linear(queue * 1.1).xTicks(tick);
        int s = 0;
        for (final Map.Entry<Long, double[]> socket : series.rxQueueBytes.entrySet())
        {
            rx.trace("inode " + socket.getKey(), SOCKET_COLOURS[s++ % SOCKET_COLOURS.length], socket.getValue(), false);
        }
        panel(html, idPrefix + "rxqueue", marked(rx, series).render("socket rx_queue over time"));

        panel(html, idPrefix + "netrx", marked(cpus(series.netRxPerSecond, null, width, points, axis,
            "NET_RX softirqs per second", tick), series).render("NET_RX softirqs per CPU over time"));

        panel(html, idPrefix + "ksoftirqd", marked(cpus(series.ksoftirqdCpu, series.ksoftirqdWait, width, points,
            axis, "% of one CPU", tick), series).render("ksoftirqd CPU time and wait per CPU over time"));
    }

    private static SvgChart cpus(final Map<Integer, double[]> values, final Map<Integer, double[]> dashed,
        final int width, final int points, final String axis, final String yLabel, final IntFunction<String> tick)
    {
        double most = 0;
        for (final double[] cpu : values.values())
        {
            most = Math.max(most, max(cpu));
        }
        if (dashed != null)
        {
            for (final double[] cpu : dashed.values())
            {
                most = Math.max(most, max(cpu));
            }
        }
        final SvgChart chart = new SvgChart(width, 240, points, axis, yLabel, AxisFormat.COUNT).linear(most * 1.1)
            .xTicks(tick);
        for (final Map.Entry<Integer, double[]> cpu : values.entrySet())
        {
            chart.trace(dashed == null ? "CPU " + cpu.getKey() : "ksoftirqd/" + cpu.getKey() + " ran",
                CPU_COLOURS[cpu.getKey() % CPU_COLOURS.length], cpu.getValue(), false);
        }
        if (dashed != null)
        {
            for (final Map.Entry<Integer, double[]> cpu : dashed.entrySet())
            {
                chart.trace("ksoftirqd/" + cpu.getKey() + " waited", CPU_COLOURS[cpu.getKey() % CPU_COLOURS.length],
                    cpu.getValue(), true);
            }
        }
        return chart;
    }

    private static SvgChart marked(final SvgChart chart, final TimelineSeries series)
    {
        boolean any = false;
        for (int i = 0; i < series.lostPerPoint.length; i++)
        {
            if (series.lostPerPoint[i] > 0)
            {
                chart.vmark(i, LOSS_MARK, String.format(Locale.ROOT, "%,d lost at %s", series.lostPerPoint[i],
                    elapsed(series.pointEpochMs[i] - series.startEpochMs)));
                any = true;
            }
        }
        if (any)
        {
            chart.legendEntry("loss", LOSS_MARK);
        }
        return chart;
    }

    private static void panel(final StringBuilder html, final String id, final String svg)
    {
        html.append("<div class=\"panel\" id=\"").append(Html.escape(id)).append("\">").append(svg).append("</div>\n");
    }

    /**
     * @param ms a time since the start.
     * @return it as {@code 12.3s}, {@code 4m05s} or {@code 2h03m}.
     */
    static String elapsed(final long ms)
    {
        if (ms < 60_000)
        {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000)
        {
            return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, ms / 1000 % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", ms / 3_600_000, ms / 60_000 % 60);
    }

    private static double max(final double[] values)
    {
        double most = 0;
        for (final double value : values)
        {
            if (Double.isFinite(value))
            {
                most = Math.max(most, value);
            }
        }
        return most;
    }
}
