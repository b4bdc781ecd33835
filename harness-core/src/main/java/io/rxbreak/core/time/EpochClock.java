package io.rxbreak.core.time;

/**
 * CLOCK_REALTIME in epoch nanoseconds, read cheaply: the wall clock is sampled once and advanced with the
 * monotonic clock, so reading it allocates nothing and never steps backwards within a run. Latency between hosts
 * is only as good as their clock synchronisation (PTP, chrony); on one host both ends read the same clock.
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
        this.nanoClock = nanoClock;
        this.baseNanoTime = nanoClock.nanoTime();
        this.baseEpochNs = epochNs;
    }

    /**
     * @return an epoch clock based on the system's clocks now.
     */
    public static EpochClock system()
    {
        final java.time.Instant now = java.time.Instant.now();
        return new EpochClock(NanoClock.SYSTEM, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

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
