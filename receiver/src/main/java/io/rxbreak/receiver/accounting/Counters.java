package io.rxbreak.receiver.accounting;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of counters with one writer thread and any number of reader threads: the writer adds with a
 * release store (a plain store on x86, no fence, no allocation), readers load with acquire semantics. Each value
 * on its own is exact; values read together may come from slightly different moments while the writer runs, and
 * are exact together once the writer has stopped.
 */
public final class Counters
{
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;

    /**
     * @param size how many counters.
     */
    public Counters(final int size)
    {
        this.values = new long[size];
    }

    /**
     * Writer thread only.
     *
     * @param index the counter.
     * @param delta what to add.
     */
    public void add(final int index, final long delta)
    {
        VALUES.setRelease(values, index, values[index] + delta);
    }

    /**
     * Writer thread only.
     *
     * @param index the counter.
     */
    public void increment(final int index)
    {
        VALUES.setRelease(values, index, values[index] + 1);
    }

    /**
     * Writer thread only.
     *
     * @param index the counter.
     * @param value its new value.
     */
    public void set(final int index, final long value)
    {
        VALUES.setRelease(values, index, value);
    }

    /**
     * Any thread.
     *
     * @param index the counter.
     * @return its value.
     */
    public long get(final int index)
    {
        return (long)VALUES.getAcquire(values, index);
    }

    /**
     * @return how many counters.
     */
    public int size()
    {
        return values.length;
    }
}
