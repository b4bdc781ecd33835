package io.rxbreak.receiver;

/**
 * Reads at most N messages a second: a token bucket refilled at N a second, holding at most one token, spent by
 * each message read. A read (one recvmmsg batch) may overdraw the bucket; the next read then waits until it is
 * paid back, so the long-run rate is exact.
 */
public final class RateThrottle implements Throttle
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final long ratePerSecond;
    private final double nsPerMessage;
    private double tokens;
    private long lastNs;
    private boolean started;
    private final Counters heldOff = new Counters(1);

    /**
     * @param ratePerSecond the most messages a second.
     */
    public RateThrottle(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        this.nsPerMessage = (double)SECOND_NS / ratePerSecond;
    }

    @Override
    public void onMessage()
    {
        tokens -= 1.0;
    }

    @Override
    public long nextReadAtNs(final long nowNs)
    {
        if (!started)
        {
            started = true;
            lastNs = nowNs;
            tokens = 1.0;
        }
        tokens = Math.min(1.0, tokens + (nowNs - lastNs) / nsPerMessage);
        lastNs = nowNs;
        if (tokens >= 1.0)
        {
            return nowNs;
        }
        final long waitNs = (long)Math.ceil((1.0 - tokens) * nsPerMessage);
        heldOff.add(0, waitNs);
        return nowNs + waitNs;
    }

    @Override
    public String state()
    {
        return "rate " + ratePerSecond + "/s, held off " + heldOff.get(0) / 1_000_000 + "ms";
    }
}
