package io.rxbreak.receiver.throttle;

import java.util.SplittableRandom;

import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * Busy work on the calling thread: spins on {@link System#nanoTime()} (never sleeps, so the thread stays on the
 * CPU the way a real per-message cost keeps it).
 */
public final class Spin
{
    private Spin()
    {
    }

    /**
     * @param durationNs how long to spin.
     */
    public static void forNs(final long durationNs)
    {
        if (durationNs <= 0)
        {
            return;
        }
        final long end = System.nanoTime() + durationNs;
        while (System.nanoTime() - end < 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * @param meanNs the mean.
     * @param distribution how to draw.
     * @param random the random source.
     * @return a duration drawn from the distribution.
     */
    public static long draw(final long meanNs, final ThrottleSpec.CostDistribution distribution,
        final SplittableRandom random)
    {
        switch (distribution)
        {
            case UNIFORM: return (long)(random.nextDouble() * 2.0 * meanNs);
            case EXPONENTIAL: return (long)(-Math.log(1.0 - random.nextDouble()) * meanNs);
            default: return meanNs;
        }
    }
}
