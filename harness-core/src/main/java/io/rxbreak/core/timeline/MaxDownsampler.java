package io.rxbreak.core.timeline;

import java.util.Arrays;

/**
 * Reduces a series of points to at most a given number by keeping, of each run of {@code bucket} consecutive
 * points, the largest value (and its time): a spike is never averaged away, a recording of hours still draws. The
 * bucket size is chosen up front from the number of points, so it streams: nothing is kept beyond the output.
 */
public final class MaxDownsampler
{
    private final int bucket;
    private final long[] times;
    private final double[] values;
    private int size;
    private int inBucket;

    /**
     * @param points how many points will be added.
     * @param maxPoints the most to keep (at least 1).
     */
    public MaxDownsampler(final long points, final int maxPoints)
    {
        if (maxPoints < 1)
        {
            throw new IllegalArgumentException("maxPoints must be 1 or more, not " + maxPoints);
        }
        this.bucket = (int)Math.max(1, (points + maxPoints - 1) / maxPoints);
        final int capacity = (int)Math.min(maxPoints, Math.max(1, points));
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    /**
     * @return how many input points each output point stands for.
     */
    public int bucket()
    {
        return bucket;
    }

    /**
     * @param time the point's time (any unit).
     * @param value its value; NaN (unknown) loses to any number.
     */
    public void add(final long time, final double value)
    {
        if (inBucket == 0)
        {
            if (size == times.length)
            {
                return; // more points than announced: the rest is beyond the chart
            }
            times[size] = time;
            values[size] = value;
            size++;
        }
        else if (value > values[size - 1] || Double.isNaN(values[size - 1]) && !Double.isNaN(value))
        {
            times[size - 1] = time;
            values[size - 1] = value;
        }
        inBucket = (inBucket + 1) % bucket;
    }

    /**
     * @return the kept points' times.
     */
    public long[] times()
    {
        return Arrays.copyOf(times, size);
    }

    /**
     * @return the kept points' values.
     */
    public double[] values()
    {
        return Arrays.copyOf(values, size);
    }
}
