package io.rxbreak.core.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A least-squares line through points {@code (x, y)} given in nanoseconds, kept as running sums: constant memory and
 * a few floating-point operations a point, no allocation. Its slope is how fast {@code y} grows per unit of
 * {@code x}: fed each message's intended send time and its latency, the slope is how fast the receiver falls
 * behind the offered load, as a fraction of it (a receiver of capacity C offered R &gt; C falls behind by
 * {@code R / C - 1}: every second of sending adds that many seconds of queueing).
 * <p>
 * Exactly one thread adds (two writers would corrupt the sums and could leave a reader spinning); any thread takes
 * a {@link #snapshot()}: the writer brackets each update with an odd and an even version (a sequence lock), and a
 * reader retries until it read one consistent state. Points may come in any order of x.
 */
public final class LinearTrend
{
    private static final VarHandle VERSION;

    static
    {
        try
        {
            VERSION = MethodHandles.lookup().findVarHandle(LinearTrend.class, "version", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused")
    private long version;
    private long originX;
    private boolean hasOrigin;
    private long count;
    private double sumX;
    private double sumY;
    private double sumXX;
    private double sumXY;
    private double minX;
    private double maxX;

    /**
     * Writer only.
     *
     * @param xNs the point's x, nanoseconds (an epoch time: only differences matter).
     * @param yNs the point's y, nanoseconds.
     */
    public void add(final long xNs, final long yNs)
    {
        final long v = (long)VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        if (count == 0 && !hasOrigin)
        {
            originX = xNs;
            hasOrigin = true;
        }
        final double x = (xNs - originX) * 1e-9;
        final double y = yNs * 1e-9;
        if (count == 0)
        {
            minX = x;
            maxX = x;
        }
        count++;
        sumX += x;
        sumY += y;
        sumXX += x * x;
        sumXY += x * y;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        VERSION.setRelease(this, v + 2);
    }

    /**
     * Writer only: add a batch of points gathered with {@link Points}, under one version bump (cheaper than one
     * {@link #add} per point on a hot path).
     *
     * @param points the points; cleared afterwards.
     */
    public void add(final Points points)
    {
        if (points.count == 0)
        {
            return;
        }
        final long v = (long)VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        if (count == 0)
        {
            minX = points.minX;
            maxX = points.maxX;
        }
        count += points.count;
        sumX += points.sumX;
        sumY += points.sumY;
        sumXX += points.sumXX;
        sumXY += points.sumXY;
        minX = Math.min(minX, points.minX);
        maxX = Math.max(maxX, points.maxX);
        VERSION.setRelease(this, v + 2);
        points.clear();
    }

    /**
     * @return a gatherer of points for this line, for its writer thread.
     */
    public Points points()
    {
        return new Points(this);
    }

    /**
     * Points gathered by the writer thread and added to the line together ({@link LinearTrend#add(Points)}).
     * Allocates nothing.
     */
    public static final class Points
    {
        private final LinearTrend trend;
        private long count;
        private double sumX;
        private double sumY;
        private double sumXX;
        private double sumXY;
        private double minX;
        private double maxX;

        private Points(final LinearTrend trend)
        {
            this.trend = trend;
        }

        /**
         * @param xNs the point's x, nanoseconds.
         * @param yNs the point's y, nanoseconds.
         */
        public void add(final long xNs, final long yNs)
        {
            if (trend.count == 0 && count == 0 && !trend.hasOrigin)
            {
                trend.originX = xNs;
                trend.hasOrigin = true;
            }
            final double x = (xNs - trend.originX) * 1e-9;
            final double y = yNs * 1e-9;
            if (count == 0)
            {
                minX = x;
                maxX = x;
            }
            count++;
            sumX += x;
            sumY += y;
            sumXX += x * x;
            sumXY += x * y;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }

        /**
         * @return how many points wait to be added.
         */
        public long count()
        {
            return count;
        }

        private void clear()
        {
            count = 0;
            sumX = 0;
            sumY = 0;
            sumXX = 0;
            sumXY = 0;
        }
    }

    /**
     * @return the line so far; any thread.
     */
    public Snapshot snapshot()
    {
        while (true)
        {
            final long before = (long)VERSION.getAcquire(this);
            final long n = count;
            final double sx = sumX;
            final double sy = sumY;
            final double sxx = sumXX;
            final double sxy = sumXY;
            final double span = maxX - minX;
            VarHandle.loadLoadFence();
            if ((before & 1) == 0 && (long)VERSION.getOpaque(this) == before)
            {
                final double denominator = n * sxx - sx * sx;
                final double slope = n >= 2 && denominator > 0 ? (n * sxy - sx * sy) / denominator : Double.NaN;
                return new Snapshot(n, span, slope);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * @param count        how many points.
     * @param spanSeconds  the x distance from the smallest to the largest x, seconds.
     * @param slope        the line's slope (dimensionless: y seconds per x second), NaN with fewer than two distinct
     *                     x values.
     */
    public record Snapshot(long count, double spanSeconds, double slope)
    {
        /**
         * @param minCount    the fewest points that make a trend.
         * @param minSpanSecs the shortest x span that makes one.
         * @return the slope when the points make a trend, else null.
         */
        public Double slopeIfAtLeast(final long minCount, final double minSpanSecs)
        {
            return count >= minCount && spanSeconds >= minSpanSecs && Double.isFinite(slope) ? slope : null;
        }
    }
}
