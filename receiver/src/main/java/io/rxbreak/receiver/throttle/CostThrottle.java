package io.rxbreak.receiver.throttle;

import java.util.SplittableRandom;

import io.rxbreak.core.config.Units;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.receiver.accounting.Counters;

/**
 * Busy work per message on the reading thread: fixed, uniform (0 to twice the mean) or exponential.
 */
public final class CostThrottle implements Throttle
{
    private final long costNs;
    private final ThrottleSpec.CostDistribution distribution;
    private final SplittableRandom random;
    private final Counters spent = new Counters(1);

    /**
     * @param costNs the (mean) cost per message.
     * @param distribution how each message's cost is drawn.
     * @param seed the seed of the draws.
     */
    public CostThrottle(final long costNs, final ThrottleSpec.CostDistribution distribution, final long seed)
    {
        this.costNs = costNs;
        this.distribution = distribution;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void onMessage()
    {
        final long drawnNs = Spin.draw(costNs, distribution, random);
        Spin.forNs(drawnNs);
        spent.add(0, drawnNs);
    }

    @Override
    public long nextReadAtNs(final long nowNs)
    {
        return nowNs;
    }

    @Override
    public String state()
    {
        return "cost " + Units.formatDuration(costNs) + " " + distribution.name().toLowerCase(java.util.Locale.ROOT) +
            ", spent " + Units.formatDuration(spent.get(0));
    }
}
