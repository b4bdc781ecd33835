package io.rxbreak.receiver.accounting;

/**
 * The streams of one trial on one socket: stream id to {@link SequenceTracker}, open addressing. A new stream
 * allocates its tracker once; finding a known stream allocates nothing. Bounded at {@link #MAX_STREAMS}; the
 * writer publishes each new stream so that other threads may walk the table while it grows.
 */
public final class StreamTable
{
    /** The most streams tracked per socket and trial; messages of further streams are counted and skipped. */
    public static final int MAX_STREAMS = 4096;

    private volatile SequenceTracker[] ordered = new SequenceTracker[8];
    private volatile int size;
    private SequenceTracker[] slots = new SequenceTracker[16];
    private int lastStreamId;
    private SequenceTracker last;

    /**
     * Writer thread only.
     *
     * @param streamId a stream.
     * @return its tracker, made on first sight; null when {@link #MAX_STREAMS} are tracked already.
     */
    public SequenceTracker tracker(final int streamId)
    {
        if (last != null && lastStreamId == streamId)
        {
            return last;
        }
        final int mask = slots.length - 1;
        int index = mix(streamId) & mask;
        SequenceTracker found;
        while ((found = slots[index]) != null)
        {
            if (found.streamId() == streamId)
            {
                lastStreamId = streamId;
                last = found;
                return found;
            }
            index = (index + 1) & mask;
        }
        if (size >= MAX_STREAMS)
        {
            return null;
        }
        final SequenceTracker tracker = new SequenceTracker(streamId);
        add(tracker);
        lastStreamId = streamId;
        last = tracker;
        return tracker;
    }

    private void add(final SequenceTracker tracker)
    {
        if ((size + 1) * 2 > slots.length)
        {
            final SequenceTracker[] grown = new SequenceTracker[slots.length * 2];
            for (final SequenceTracker existing : slots)
            {
                if (existing != null)
                {
                    insert(grown, existing);
                }
            }
            slots = grown;
        }
        insert(slots, tracker);
        SequenceTracker[] list = ordered;
        if (size == list.length)
        {
            list = java.util.Arrays.copyOf(list, list.length * 2);
        }
        list[size] = tracker;
        ordered = list;
        size = size + 1;
    }

    private static void insert(final SequenceTracker[] table, final SequenceTracker tracker)
    {
        final int mask = table.length - 1;
        int index = mix(tracker.streamId()) & mask;
        while (table[index] != null)
        {
            index = (index + 1) & mask;
        }
        table[index] = tracker;
    }

    private static int mix(final int key)
    {
        final int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * @return how many streams; any thread.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return the tracker; any thread.
     */
    public SequenceTracker get(final int index)
    {
        final int count = size;
        if (index >= count)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return ordered[index];
    }
}
