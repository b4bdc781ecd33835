package io.rxbreak.core.time;

/**
 * CLOCK_REALTIME in epoch nanoseconds, read cheaply: the wall clock is sampled once and advanced with the
 * monotonic clock, so reading it allocates nothing and never steps backwards within a run. Latency between hosts
 * is only as good as their clock synchronisation (PTP, chrony), or as a controller's measurement of each agent's
 * clock: every agent serves the one instance that stamps its datagrams on {@code GET /clock}. On one host both ends
 * read the same clock.
 */
public final class EpochClock
{
    private final NanoClock nanoClock;
    private final long baseEpochNs;
    private final long baseNanoTime;

    /**
     * @param nanoClock the monotonic clock to advance with.
     * @param epochNs the wall-clock time now, in epoch nanoseconds.
     */
    public EpochClock(final NanoClock nanoClock, final long epochNs)
    {
        this(nanoClock, epochNs, nanoClock.nanoTime());
    }

    private EpochClock(final NanoClock nanoClock, final long epochNs, final long baseNanoTime)
    {
        this.nanoClock = nanoClock;
        this.baseNanoTime = baseNanoTime;
        this.baseEpochNs = epochNs;
    }

    /**
     * @return an epoch clock based on the system's clocks now.
     */
    public static EpochClock system()
    {
        // Pair the two clocks tightly: read the monotonic clock on both sides of the wall clock and keep the
        // closest of a few tries. Anything between the two readings (class loading, a lambda's first link, a
        // preemption) would otherwise shift every epoch reading by as much: a receiver that ran slow here saw most
        // latencies come out negative by milliseconds.
        long bestSpanNs = Long.MAX_VALUE;
        long bestEpochNs = 0;
        long bestNanoTime = 0;
        for (int i = 0; i < CALIBRATION_TRIES; i++)
        {
            final long before = System.nanoTime();
            final java.time.Instant now = java.time.Instant.now();
            final long after = System.nanoTime();
            if (after - before < bestSpanNs)
            {
                bestSpanNs = after - before;
                bestEpochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                bestNanoTime = before + (after - before) / 2;
            }
        }
        return new EpochClock(NanoClock.SYSTEM, bestEpochNs, bestNanoTime);
    }

    private static final int CALIBRATION_TRIES = 16;

    /**
     * @return CLOCK_REALTIME now, epoch nanoseconds.
     */
    public long epochNs()
    {
        return baseEpochNs + (nanoClock.nanoTime() - baseNanoTime);
    }

    /**
     * @param nanoTime a reading of this clock's monotonic clock.
     * @return the epoch nanoseconds at that reading.
     */
    public long toEpochNs(final long nanoTime)
    {
        return baseEpochNs + (nanoTime - baseNanoTime);
    }
}
