package io.rxbreak.controller.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.core.config.Units;

/**
 * The one sentence a sweep ends with: how far the NDR moved with the knob, where it stopped moving, and which layer
 * breaks first there. Two NDRs are "the same" when they differ by no more than twice the ramp's precision (each is
 * within the precision of its own break point); the NDR "no longer moves" from the first value (in the knob's
 * order) on which every NDR after it is the same as every other.
 */
public final class SweepSentence
{
    private SweepSentence()
    {
    }

    /**
     * @param knob the knob.
     * @param points the points run, in any order.
     * @param precision the ramp's precision, a fraction (0.02 for 2%).
     * @return the sentence.
     */
    public static String of(final SweepKnob knob, final List<SweepPoint> points, final double precision)
    {
        final List<SweepPoint> found = ordered(knob, points);
        final int left = points.size() - found.size();
        final String leftOut = left == 0 ? "" : " (" + left + " point" + (left == 1 ? "" : "s") + " without an NDR "
            + "left out)";
        if (found.isEmpty())
        {
            return "no point found an NDR: nothing to read against " + knob.name() + leftOut;
        }
        if (found.size() == 1)
        {
            return "only " + knob.name() + "=" + found.get(0).value() + " found an NDR (" + rate(found.get(0)) +
                " msgs/s): nothing to compare" + leftOut;
        }
        final double tolerance = 2 * precision;
        final int knee = knee(found, tolerance);
        final SweepPoint first = found.get(0);
        final SweepPoint last = found.get(found.size() - 1);
        final String tolerated = "within twice the ramp's precision, " + ConsoleSummary.percent(tolerance);
        if (knee == 0)
        {
            return "the NDR did not move with " + knob.name() + " from " + first.value() + " to " + last.value() +
                ": " + rate(first) + " to " + rate(last) + " msgs/s, " + tolerated + "; " + layer(last) + leftOut;
        }
        final String verb = knob.numeric() ? "raising " : "changing ";
        final SweepPoint stop = found.get(knee);
        if (knee == found.size() - 1)
        {
            final SweepPoint before = found.get(knee - 1);
            return verb + knob.name() + " from " + first.value() + " to " + last.value() + " " + moved(first, last) +
                " msgs/s, and it still moved at the last step (" + (last.ndr() >= before.ndr() ? "rose" : "fell") +
                " from " + rate(before) + " at " + before.value() + "): " + layer(last) + " at " + last.value() +
                "; sweep further to see where it stops" + leftOut;
        }
        return verb + knob.name() + " from " + first.value() + " to " + stop.value() + " " + moved(first, stop) +
            " msgs/s; " + (knob.numeric() ? "above " : "after ") + stop.value() + " it no longer moves (" + tolerated +
            "): " + layer(last) + clamp(knob, found.subList(knee, found.size())) + leftOut;
    }

    /**
     * @return the points with an NDR that completed, in the knob's order (by value when the values are numbers,
     *     else as given).
     */
    static List<SweepPoint> ordered(final SweepKnob knob, final List<SweepPoint> points)
    {
        final List<SweepPoint> found = new ArrayList<>();
        for (final SweepValue value : knob.values())
        {
            for (final SweepPoint point : points)
            {
                if (point.value().equals(value.text()) && point.ndr() != null && point.status() == PointStatus.COMPLETE)
                {
                    found.add(point);
                }
            }
        }
        if (knob.numeric())
        {
            found.sort(Comparator.comparingDouble(SweepPoint::numeric));
        }
        return found;
    }

    /**
     * @return the first index from which every NDR is within the tolerance of every other (the last index when
     *     the last step still moved).
     */
    static int knee(final List<SweepPoint> found, final double tolerance)
    {
        int knee = found.size() - 1;
        long low = found.get(knee).ndr();
        long high = low;
        for (int i = found.size() - 2; i >= 0; i--)
        {
            final long ndr = found.get(i).ndr();
            final long newLow = Math.min(low, ndr);
            final long newHigh = Math.max(high, ndr);
            if (newHigh - newLow > tolerance * newHigh)
            {
                break;
            }
            low = newLow;
            high = newHigh;
            knee = i;
        }
        return knee;
    }

    private static String moved(final SweepPoint from, final SweepPoint to)
    {
        return (to.ndr() >= from.ndr() ? "moved" : "lowered") + " the NDR from " + rate(from) + " to " + rate(to);
    }

    private static String layer(final SweepPoint point)
    {
        return point.layer() == null ? "nothing was lost at its lowest failing rate" : "the " + point.layer() +
            " layer breaks first";
    }

    /**
     * @return for a socket buffer that the kernel granted the same at every point from the knee on although more
     *     was asked: the reason the NDR stopped there.
     */
    private static String clamp(final SweepKnob knob, final List<SweepPoint> flat)
    {
        if (knob.kind() != SweepKnob.Kind.RCVBUF || flat.size() < 2 || flat.get(0).rcvbufGrantedBytes() == null)
        {
            return "";
        }
        for (final SweepPoint point : flat)
        {
            if (!Objects.equals(point.rcvbufGrantedBytes(), flat.get(0).rcvbufGrantedBytes()))
            {
                return "";
            }
        }
        return ", and the kernel granted each of these the same buffer, " +
            Units.formatBytes(flat.get(0).rcvbufGrantedBytes()) + " (net.core.rmem_max caps it; --rcvbuf-force "
            + "passes it)";
    }

    private static String rate(final SweepPoint point)
    {
        return String.format(Locale.ROOT, "%,d", point.ndr());
    }
}
