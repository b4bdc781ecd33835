package io.rxbreak.receiver.throttle;

/**
 * Reads as fast as the kernel delivers.
 */
public final class NoThrottle implements Throttle
{
    /** The one instance: it has no state. */
    public static final NoThrottle INSTANCE = new NoThrottle();

    private NoThrottle()
    {
    }

    @Override
    public void onMessage()
    {
    }

    @Override
    public long nextReadAtNs(final long nowNs)
    {
        return nowNs;
    }

    @Override
    public String state()
    {
        return "none";
    }
}
