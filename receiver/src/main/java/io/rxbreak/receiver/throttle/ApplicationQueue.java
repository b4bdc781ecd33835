package io.rxbreak.receiver.throttle;

import java.util.concurrent.atomic.AtomicLong;

import io.rxbreak.receiver.accounting.Accountant;

/**
 * The bounded queue of the {@code queue} throttle between the reading thread (the only producer) and the worker
 * (the only consumer): a ring of decoded header fields in primitive arrays, so nothing is allocated per message.
 * It holds exactly the capacity asked for.
 */
public final class ApplicationQueue
{
    private final int capacity;
    private final int mask;
    private final long[] streamTrialFlags;
    private final long[] sequences;
    private final long[] sendTimes;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private long cachedHead;

    /**
     * @param capacity how many messages it holds.
     */
    public ApplicationQueue(final int capacity)
    {
        this.capacity = capacity;
        final int slots = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.mask = slots - 1;
        this.streamTrialFlags = new long[slots * 2];
        this.sequences = new long[slots];
        this.sendTimes = new long[slots];
    }

    /**
     * Producer only.
     *
     * @return whether the message was queued (false: full).
     */
    public boolean offer(final int streamId, final int trialId, final int flags, final long sequence,
        final long sendTimeNs)
    {
        final long t = tail.get();
        if (t - cachedHead >= capacity)
        {
            cachedHead = head.get();
            if (t - cachedHead >= capacity)
            {
                return false;
            }
        }
        final int slot = (int)(t & mask);
        streamTrialFlags[slot * 2] = ((long)streamId << 32) | (trialId & 0xFFFF_FFFFL);
        streamTrialFlags[slot * 2 + 1] = flags;
        sequences[slot] = sequence;
        sendTimes[slot] = sendTimeNs;
        tail.lazySet(t + 1);
        return true;
    }

    /**
     * Consumer only: hand the oldest message to the accountant.
     *
     * @param accountant where it goes.
     * @return whether there was one.
     */
    public boolean poll(final Accountant accountant)
    {
        final long h = head.get();
        if (h == tail.get())
        {
            return false;
        }
        final int slot = (int)(h & mask);
        final long streamTrial = streamTrialFlags[slot * 2];
        accountant.onMessage((int)(streamTrial >>> 32), (int)streamTrial, (int)streamTrialFlags[slot * 2 + 1],
            sequences[slot], sendTimes[slot]);
        head.lazySet(h + 1);
        return true;
    }

    /**
     * @return how many messages wait now; any thread.
     */
    public int depth()
    {
        return (int)(tail.get() - head.get());
    }

    public int capacity()
    {
        return capacity;
    }
}
