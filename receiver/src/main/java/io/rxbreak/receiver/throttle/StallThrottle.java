package io.rxbreak.receiver.throttle;

import java.util.SplittableRandom;

import io.rxbreak.core.config.Units;
import io.rxbreak.receiver.accounting.Counters;

/**
 * Stops reading for PAUSE every PERIOD, like a garbage-collection pause or a page-fault storm: regularly, or at
 * random (stall starts form a Poisson process with the same mean period, never overlapping). A stall takes hold
 * at the first read that completes inside it (at most one recvmmsg batch late) and lasts until its end.
 */
public final class StallThrottle implements Throttle
{
    private final long pauseNs;
    private final long periodNs;
    private final boolean random;
    private final SplittableRandom draws;
    private long stallStartNs;
    private boolean started;
    private final Counters stalls = new Counters(2);

    /**
     * @param pauseNs how long each stall lasts.
     * @param periodNs the (mean) time from one stall's start to the next.
     * @param random whether stalls start at random.
     * @param seed the seed of the random starts.
     */
    public StallThrottle(final long pauseNs, final long periodNs, final boolean random, final long seed)
    {
        this.pauseNs = pauseNs;
        this.periodNs = periodNs;
        this.random = random;
        this.draws = new SplittableRandom(seed);
    }

    @Override
    public void onMessage()
    {
    }

    @Override
    public long nextReadAtNs(final long nowNs)
    {
        if (!started)
        {
            started = true;
            stallStartNs = nowNs + nextGapNs() - pauseNs;
        }
        while (nowNs - (stallStartNs + pauseNs) >= 0)
        {
            stallStartNs += nextGapNs();
        }
        if (nowNs - stallStartNs >= 0)
        {
            stalls.increment(0);
            stalls.add(1, stallStartNs + pauseNs - nowNs);
            final long endNs = stallStartNs + pauseNs;
            stallStartNs += nextGapNs();
            return endNs;
        }
        return nowNs;
    }

    private long nextGapNs()
    {
        if (!random)
        {
            return periodNs;
        }
        final long meanIdleNs = periodNs - pauseNs;
        return pauseNs + (long)(-Math.log(1.0 - draws.nextDouble()) * meanIdleNs);
    }

    /**
     * @return how many stalls took hold so far; any thread.
     */
    public long stallCount()
    {
        return stalls.get(0);
    }

    @Override
    public String state()
    {
        return "stall " + Units.formatDuration(pauseNs) + "/" + Units.formatDuration(periodNs) +
            (random ? " random" : "") + ", " + stalls.get(0) + " stalls, " + stalls.get(1) / 1_000_000 + "ms stalled";
    }
}
