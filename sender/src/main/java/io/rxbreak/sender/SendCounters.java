package io.rxbreak.sender;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A trial's counters: written by the sending thread only (ordered stores, no locks, no allocation), read by
 * any thread for a snapshot. Errors are counted per errno.
 */
final class SendCounters
{
    /** Messages handed to the socket, failed ones included. */
    static final int ATTEMPTED = 0;
    /** Messages whose send failed with an error. */
    static final int FAILED = 1;
    /** Messages flagged warm-up that were handed to the socket. */
    static final int WARMUP = 2;
    /** Batches: each a set of due messages written and flushed together. */
    static final int BATCHES = 3;
    /** Datagram writes: one per message, or one per GSO send carrying many. */
    static final int PACKETS = 4;
    /** Times a flush left data queued (the socket would block) and the sender waited for it to drain. */
    static final int STALLS = 5;
    /** How far behind its schedule the sender was at its latest batch, ns. */
    static final int LAG_NOW = 6;
    /** The most it was behind, ns. */
    static final int LAG_MAX = 7;
    /** End-of-trial markers sent (every stream, every repeat). */
    static final int END_MARKERS = 8;
    /** Failed sends (datagram writes, not messages) per errno from here on. */
    static final int ERRORS_BASE = 9;
    private static final int SIZE = ERRORS_BASE + Errno.OTHER + 1;

    private final AtomicLongArray values = new AtomicLongArray(SIZE);

    void add(final int index, final long delta)
    {
        values.lazySet(index, values.get(index) + delta);
    }

    void set(final int index, final long value)
    {
        values.lazySet(index, value);
    }

    void max(final int index, final long value)
    {
        if (value > values.get(index))
        {
            values.lazySet(index, value);
        }
    }

    void error(final int errnoSlot)
    {
        add(ERRORS_BASE + errnoSlot, 1);
    }

    long get(final int index)
    {
        return values.get(index);
    }

    /**
     * @return the failed sends by errno name, only those that happened (allocates: not for the sending thread).
     */
    Map<String, Long> errors()
    {
        final Map<String, Long> errors = new LinkedHashMap<>();
        for (int slot = 0; slot <= Errno.OTHER; slot++)
        {
            final long count = values.get(ERRORS_BASE + slot);
            if (count != 0)
            {
                errors.put(Errno.name(slot), count);
            }
        }
        return errors;
    }
}
