package io.rxbreak.receiver.throttle;

import io.rxbreak.receiver.accounting.Counters;

/**
 * Reads at most N messages a second: a token bucket refilled at N a second, spent by each message read. A read
 * (one recvmmsg batch) may overdraw the bucket; the next read then waits until it is paid back. The bucket holds
 * up to {@value #CATCH_UP_MS} ms of tokens, so that a wake-up the scheduler delivers late is made up by the
 * next reads instead of being lost: with a backlog in the socket the long-run rate is N, not N less the timer's
 * lateness, and after the thread was held off (descheduled, a GC pause) for up to that long it reads the backlog
 * it owes at once. (A bucket of one token lost every late microsecond and every pause: on a busy 2-core machine the
 * receiver then took well under N.)
 * <p>
 * That credit is only earned by time the receiver did not spend waiting for data: after a read the throttle let go
 * at once, the time from asking for the read until its first datagram arrived was idle (the receiver kept up; with a
 * backlog it is next to nothing), and it earns at most {@link #burstTokens} ({@value #BURST_MS} ms of the rate, at
 * least {@value #MIN_BURST} messages). The rest (reading, processing, a pause or a descheduled thread) earns in
 * full. Otherwise a receiver that idled before a trial would start it with 50 ms of reads in hand and, in a trial
 * of a few seconds, take visibly more than N a second.
 */
public final class RateThrottle implements Throttle
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long CATCH_UP_MS = 50;
    private static final double BURST_MS = 1.0;
    private static final double MIN_BURST = 16.0;

    private final long ratePerSecond;
    private final double nsPerMessage;
    private final double maxTokens;
    private final double burstTokens;
    private double tokens;
    private boolean lastReadImmediate;
    private long dataArrivedNs;
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
        this.maxTokens = Math.max(1.0, ratePerSecond * CATCH_UP_MS / 1000.0);
        this.burstTokens = Math.min(maxTokens, Math.max(MIN_BURST, ratePerSecond * BURST_MS / 1000.0));
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
        long busyNs = nowNs - lastNs;
        if (lastReadImmediate && dataArrivedNs - lastNs > 0)
        {
            final long idleNs = Math.min(nowNs, dataArrivedNs) - lastNs;
            busyNs -= idleNs;
            tokens = Math.min(Math.max(tokens, burstTokens), tokens + idleNs / nsPerMessage);
        }
        tokens = Math.min(maxTokens, tokens + busyNs / nsPerMessage);
        lastNs = nowNs;
        lastReadImmediate = tokens >= 1.0;
        if (lastReadImmediate)
        {
            return nowNs;
        }
        final long waitNs = (long)Math.ceil((1.0 - tokens) * nsPerMessage);
        heldOff.add(0, waitNs);
        return nowNs + waitNs;
    }

    @Override
    public void onDataArrived(final long nowNs)
    {
        dataArrivedNs = nowNs;
    }

    @Override
    public String state()
    {
        return "rate " + ratePerSecond + "/s, held off " + heldOff.get(0) / 1_000_000 + "ms";
    }
}
