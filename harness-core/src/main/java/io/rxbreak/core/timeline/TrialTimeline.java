package io.rxbreak.core.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A trial's counter timeline, bounded: samples are added at a coarse step ({@link #STEP_NS}); when
 * {@link #MAX_POINTS} are held, each two neighbours are merged into one ({@link TimelineSample#plus}: counts added,
 * rx_queue peaks kept), so a trial of any length keeps at most that many points at a step that doubles as needed.
 * Not thread safe.
 */
public final class TrialTimeline
{
    /** The step a trial is sampled at. */
    public static final long STEP_NS = 250_000_000L;
    /** The most points a trial keeps (a minute at 250 ms; longer trials get a coarser step). */
    public static final int MAX_POINTS = 240;

    private final List<TimelineSample> samples = new ArrayList<>();
    private final int maxPoints;
    private TimelineSample pending;
    private int perPoint = 1;
    private int inPending;

    /**
     * A timeline of at most {@link #MAX_POINTS}.
     */
    public TrialTimeline()
    {
        this(MAX_POINTS);
    }

    /**
     * @param maxPoints the most points kept (even, at least 2).
     */
    TrialTimeline(final int maxPoints)
    {
        this.maxPoints = maxPoints;
    }

    /**
     * @param sample the next interval.
     */
    public void add(final TimelineSample sample)
    {
        pending = pending == null ? sample : pending.plus(sample);
        if (++inPending < perPoint)
        {
            return;
        }
        samples.add(pending);
        pending = null;
        inPending = 0;
        if (samples.size() == maxPoints)
        {
            final List<TimelineSample> merged = new ArrayList<>(maxPoints / 2);
            for (int i = 0; i + 1 < samples.size(); i += 2)
            {
                merged.add(samples.get(i).plus(samples.get(i + 1)));
            }
            samples.clear();
            samples.addAll(merged);
            perPoint *= 2;
        }
    }

    /**
     * @return the points so far, the last partial one included.
     */
    public List<TimelineSample> points()
    {
        final List<TimelineSample> points = new ArrayList<>(samples);
        if (pending != null)
        {
            points.add(pending);
        }
        return points;
    }
}
