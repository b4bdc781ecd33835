package io.rxbreak.controller.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * One chart drawn as inline SVG, with trials along the x axis (one band per trial) and one value axis, linear
 * from zero or logarithmic. Lines, bars, stacked bars, shaded trials and labelled horizontal marks are added in
 * drawing order; a legend is drawn on top. Every text from data is escaped; every mark carries a {@code <title>}
 * so the browser shows the exact figure on hover.
 */
final class SvgChart
{
    private static final int LEFT = 84;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 52;
    private static final double MIN_SEGMENT_PX = 2.0;

    private final int width;
    private final int height;
    private final int trials;
    private final String xLabel;
    private final String yLabel;
    private final AxisFormat format;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> legend = new ArrayList<>();
    private final List<double[]> markLabels = new ArrayList<>();
    private final StringBuilder marks = new StringBuilder();
    private final StringBuilder underlay = new StringBuilder();
    private IntFunction<String> xTick = i -> Integer.toString(i + 1);
    private boolean log;
    private double yMin;
    private double yMax = 1.0;

    SvgChart(final int width, final int height, final int trials, final String xLabel, final String yLabel,
        final AxisFormat format)
    {
        this.width = width;
        this.height = height;
        this.trials = Math.max(1, trials);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.format = format;
    }

    /**
     * @param label the x axis's tick label of band {@code i} (by default the trial number, {@code i + 1}).
     * @return this.
     */
    SvgChart xTicks(final IntFunction<String> label)
    {
        xTick = label;
        return this;
    }

    /**
     * A linear axis from 0 to a round number at or above {@code max}.
     */
    SvgChart linear(final double max)
    {
        log = false;
        yMin = 0;
        final double top = max > 0 && Double.isFinite(max) ? max : 1.0;
        final double step = step(top, format);
        yMax = Math.ceil(top / step - 1e-9) * step;
        return this;
    }

    /**
     * A logarithmic axis over whole decades around {@code min} to {@code max} (both above 0).
     */
    SvgChart logarithmic(final double min, final double max)
    {
        log = true;
        final double low = min > 0 && Double.isFinite(min) ? min : 1.0;
        final double high = max > low && Double.isFinite(max) ? max : low * 10;
        yMin = Math.pow(10, Math.floor(Math.log10(low)));
        yMax = Math.pow(10, Math.ceil(Math.log10(high)));
        if (yMax <= yMin)
        {
            yMax = yMin * 10;
        }
        return this;
    }

    double yMax()
    {
        return yMax;
    }

    /** Shade a trial's band (failed or invalid trials). */
    SvgChart shade(final int index, final String colour, final String title)
    {
        body.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
            bandLeft(index), TOP, bandWidth(), plotHeight(), colour, Html.escape(title)));
        return this;
    }

    /** A line through the trials' values, with a dot at each; NaN leaves a gap. */
    SvgChart line(final String name, final String colour, final double[] values, final String[] titles,
        final boolean dashed)
    {
        final StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.length; i++)
        {
            if (!drawable(values[i]))
            {
                pen = false;
                continue;
            }
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", bandCentre(i),
                y(values[i])));
            pen = true;
        }
        body.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(colour)
            .append("\" stroke-width=\"2.2\"").append(dashed ? " stroke-dasharray=\"7 4\"" : "").append("/>");
        final double radius = Math.max(2.0, Math.min(4.0, bandWidth() / 4));
        for (int i = 0; i < values.length; i++)
        {
            if (drawable(values[i]))
            {
                body.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>%s</title></circle>",
                    bandCentre(i), y(values[i]), radius, colour, Html.escape(titles[i])));
            }
        }
        legend.add(new String[] {name, colour, dashed ? "dash" : "line"});
        return this;
    }

    /**
     * A line through many points (a timeline), without a dot per point: one {@code <title>} for the whole line
     * (its name and largest value). NaN leaves a gap.
     */
    SvgChart trace(final String name, final String colour, final double[] values, final boolean dashed)
    {
        final StringBuilder path = new StringBuilder();
        boolean pen = false;
        double most = Double.NaN;
        for (int i = 0; i < values.length; i++)
        {
            if (!drawable(values[i]))
            {
                pen = false;
                continue;
            }
            most = Double.isNaN(most) ? values[i] : Math.max(most, values[i]);
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", bandCentre(i),
                y(values[i])));
            pen = true;
        }
        body.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(colour)
            .append("\" stroke-width=\"1.6\"").append(dashed ? " stroke-dasharray=\"5 3\"" : "")
            .append("><title>").append(Html.escape(name + ": at most " + format.format(Double.isNaN(most) ? 0 : most)))
            .append("</title></path>");
        legend.add(new String[] {name, colour, dashed ? "dash" : "line"});
        return this;
    }

    /**
     * A vertical mark across the plot over band {@code index} (a moment of loss), with its exact figure on hover;
     * drawn under the series, so that they stay readable through it.
     */
    SvgChart vmark(final int index, final String colour, final String title)
    {
        final double xPx = bandCentre(index);
        underlay.append(String.format(Locale.ROOT,
            "<line class=\"loss-mark\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-opacity=\"0.3\" stroke-width=\"%.1f\"><title>%s</title></line>",
            xPx, xPx, TOP, TOP + plotHeight(), colour, Math.max(1.5, bandWidth()), Html.escape(title)));
        return this;
    }

    /** Bars, one per trial; NaN or 0 draws nothing. */
    SvgChart bars(final String name, final String colour, final double[] values, final String[] titles)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (drawable(values[i]) && values[i] > 0)
            {
                segment(i, yMin, values[i], colour, titles[i]);
            }
        }
        legend.add(new String[] {name, colour, "box"});
        return this;
    }

    /**
     * Stacked bars: {@code values[series][trial]}, stacked in series order from the bottom. A segment above 0 is
     * at least two pixels high, so a small loss stays visible; its title holds the exact figure.
     */
    SvgChart stacked(final String[] names, final String[] colours, final double[][] values, final String[][] titles)
    {
        for (int i = 0; i < trials; i++)
        {
            double base = 0;
            double basePx = y(0);
            for (int s = 0; s < names.length; s++)
            {
                final double value = values[s][i];
                if (!drawable(value) || value <= 0)
                {
                    continue;
                }
                final double top = base + value;
                final double topPx = Math.min(y(top), basePx - MIN_SEGMENT_PX);
                rect(i, topPx, basePx - topPx, colours[s], titles[s][i]);
                base = top;
                basePx = topPx;
            }
        }
        for (int s = 0; s < names.length; s++)
        {
            legend.add(new String[] {names[s], colours[s], "box"});
        }
        return this;
    }

    /** A labelled horizontal mark across the plot (a break point, a buffer size). */
    SvgChart mark(final double value, final String colour, final String label, final boolean dashed)
    {
        if (!drawable(value) || value > yMax)
        {
            return this;
        }
        final double yPx = y(value);
        marks.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>",
            LEFT, width - RIGHT, yPx, yPx, colour, dashed ? " stroke-dasharray=\"10 5\"" : ""));
        double labelY = yPx - 6;
        for (final double[] taken : markLabels)
        {
            if (Math.abs(taken[0] - labelY) < 16)
            {
                labelY = taken[0] - 16;
            }
        }
        markLabels.add(new double[] {labelY});
        final double textWidth = label.length() * 7.2 + 10;
        marks.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"mark\" fill=\"%s\">%s</text>",
            width - RIGHT - textWidth - 4, labelY - 12, textWidth, width - RIGHT - 8, labelY, colour,
            Html.escape(label)));
        return this;
    }

    /** A legend entry that is not a series (a shading). */
    SvgChart legendEntry(final String name, final String colour)
    {
        legend.add(new String[] {name, colour, "box"});
        return this;
    }

    String render(final String ariaLabel)
    {
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" "
                + "xmlns=\"http://www.w3.org/2000/svg\">", width, height, Html.escape(ariaLabel)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfbfd\" "
            + "stroke=\"#d0d4dc\"/>", LEFT, TOP, plotWidth(), plotHeight()));
        gridAndAxes(svg);
        svg.append(underlay).append(body).append(marks);
        legend(svg);
        svg.append("</svg>");
        return svg.toString();
    }

    private void gridAndAxes(final StringBuilder svg)
    {
        for (final double tick : ticks())
        {
            final double yPx = y(tick);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6ec\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>",
                LEFT, width - RIGHT, yPx, yPx, LEFT - 6, yPx + 4, Html.escape(format.format(tick))));
        }
        final int widest = Math.max(2, xTick.apply(trials - 1).length());
        final int every = Math.max(1, (int)Math.ceil(trials / (plotWidth() / (17.0 * widest))));
        for (int i = 0; i < trials; i++)
        {
            if (i % every == 0)
            {
                svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>",
                    bandCentre(i), TOP + plotHeight() + 16, Html.escape(xTick.apply(i))));
            }
        }
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>",
            LEFT + plotWidth() / 2.0, height - 10, Html.escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
            "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">%s</text>",
            TOP + plotHeight() / 2.0, Html.escape(yLabel)));
    }

    private void legend(final StringBuilder svg)
    {
        double x = LEFT;
        final int yPx = 20;
        for (final String[] entry : legend)
        {
            final String name = entry[0];
            final String colour = entry[1];
            if ("box".equals(entry[2]))
            {
                svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"14\" height=\"12\" fill=\"%s\" stroke=\"#00000030\"/>",
                    x, yPx - 10, colour));
            }
            else
            {
                svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    x, x + 18, yPx - 4, yPx - 4, colour,
                    "dash".equals(entry[2]) ? " stroke-dasharray=\"5 3\"" : ""));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"legend\">%s</text>",
                x + 22, yPx, Html.escape(name)));
            x += 22 + name.length() * 7.4 + 18;
        }
    }

    private List<Double> ticks()
    {
        final List<Double> ticks = new ArrayList<>();
        if (log)
        {
            if (!(yMin > 0) || !Double.isFinite(yMax))
            {
                return ticks;
            }
            for (double tick = yMin; tick <= yMax * 1.0001; tick *= 10)
            {
                ticks.add(tick);
            }
            return ticks;
        }
        final double step = step(yMax, format);
        for (int i = 0; i * step <= yMax * 1.0001; i++)
        {
            ticks.add(i * step);
        }
        return ticks;
    }

    private void segment(final int index, final double from, final double to, final String colour,
        final String title)
    {
        final double top = y(to);
        final double bottom = y(from);
        rect(index, Math.min(top, bottom - MIN_SEGMENT_PX), Math.max(bottom - top, MIN_SEGMENT_PX), colour, title);
    }

    private void rect(final int index, final double top, final double heightPx, final String colour,
        final String title)
    {
        final double inset = bandWidth() * 0.15;
        body.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
            bandLeft(index) + inset, top, bandWidth() - 2 * inset, heightPx, colour, Html.escape(title)));
    }

    private boolean drawable(final double value)
    {
        return Double.isFinite(value) && (!log || value > 0);
    }

    private double y(final double value)
    {
        final double fraction;
        if (log)
        {
            final double clamped = Math.max(value, yMin);
            fraction = (Math.log10(clamped) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        }
        else
        {
            fraction = (value - yMin) / (yMax - yMin);
        }
        return TOP + plotHeight() * (1.0 - Math.min(1.0, Math.max(0.0, fraction)));
    }

    private double bandWidth()
    {
        return plotWidth() / (double)trials;
    }

    private double bandLeft(final int index)
    {
        return LEFT + index * bandWidth();
    }

    private double bandCentre(final int index)
    {
        return bandLeft(index) + bandWidth() / 2;
    }

    private int plotWidth()
    {
        return width - LEFT - RIGHT;
    }

    private int plotHeight()
    {
        return height - TOP - BOTTOM;
    }

    private static double step(final double max, final AxisFormat format)
    {
        if (format == AxisFormat.BYTES && max >= 1024)
        {
            double unit = 1024;
            while (unit * 1024 <= max / 5)
            {
                unit *= 1024;
            }
            return niceStep(max / 5 / unit) * unit;
        }
        return niceStep(max / 5);
    }

    private static double niceStep(final double raw)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (final double factor : new double[] {1, 2, 2.5, 5, 10})
        {
            if (factor * magnitude >= raw * 0.999)
            {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
