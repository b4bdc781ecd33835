package io.rxbreak.receiver.accounting;

import io.rxbreak.core.wire.DecodeResult;

/**
 * What one socket's reading thread counts since the socket opened, whatever the trial: datagrams read, batches
 * (one per recvmmsg/recvmsg call), datagrams that are not valid rxbreak messages by reason, and messages the
 * application dropped from a full queue. One writer (the socket's event-loop thread); any thread reads.
 */
public final class SocketCounters
{
    /** Datagrams read from the kernel. */
    public static final int DATAGRAMS = 0;
    /** Read calls that returned datagrams (a recvmmsg call returning 20 datagrams counts once). */
    public static final int BATCHES = 1;
    /** Valid rxbreak messages that the application dropped (queue throttle, drop mode). */
    public static final int APPLICATION_DROPS = 2;
    /** Bytes read (payload). */
    public static final int BYTES = 3;
    /** The first of the foreign-datagram counters, one per {@link DecodeResult} (OK's slot stays 0). */
    public static final int FOREIGN_BASE = 4;
    /** How many counters. */
    public static final int COUNT = FOREIGN_BASE + DecodeResult.values().length;

    private final Counters counters = new Counters(COUNT);

    public Counters counters()
    {
        return counters;
    }

    /**
     * @return a copy of every counter now.
     */
    public long[] copy()
    {
        final long[] values = new long[COUNT];
        for (int i = 0; i < COUNT; i++)
        {
            values[i] = counters.get(i);
        }
        return values;
    }

    /**
     * @param result why a datagram was not valid.
     * @return its counter's index.
     */
    public static int foreign(final DecodeResult result)
    {
        return FOREIGN_BASE + result.ordinal();
    }
}
