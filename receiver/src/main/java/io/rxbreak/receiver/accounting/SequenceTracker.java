package io.rxbreak.receiver.accounting;

import java.util.Arrays;

/**
 * Loss, duplicates and reordering of one stream in one trial, in bounded memory whatever the loss pattern: a
 * bitmap of the last {@link #WINDOW} sequence numbers below the highest one seen.
 *
 * <p>The rules, exactly:
 * <ul>
 *   <li>Sequences count from 0 in each trial. A message above the highest seen advances the highest; every
 *       number skipped on the way is a <b>gap</b> (so lost first messages count too). A jump of any size costs at
 *       most one clear of the bitmap, never an allocation.</li>
 *   <li>A message below the highest, within the window, not seen before, fills a gap: it is <b>unique</b> and
 *       <b>out of order</b>, and the gap count drops by one. So at the end {@code gaps} is the number missing.</li>
 *   <li>A message within the window already seen is a <b>duplicate</b>.</li>
 *   <li>A message more than {@link #WINDOW} below the highest is <b>late</b>: whether it fills a gap or repeats
 *       cannot be told any more, so it changes neither unique nor gaps.</li>
 *   <li>The end-of-trial marker carries the number of messages sent in the stream: messages missing at the tail
 *       (after the highest received) become gaps once, when the first marker arrives.</li>
 * </ul>
 * So always {@code unique + gaps == highest + 1} and {@code received == unique + duplicates + late}.
 * One writer thread; any thread may read the counters.
 */
public final class SequenceTracker
{
    /** How many sequence numbers below the highest are remembered. */
    public static final int WINDOW = 1 << 16;

    /** Counter: messages received (valid, of this stream and trial). */
    public static final int RECEIVED = 0;
    /** Counter: distinct sequence numbers received. */
    public static final int UNIQUE = 1;
    /** Counter: sequence numbers missing now. */
    public static final int GAPS = 2;
    /** Counter: sequence numbers received more than once. */
    public static final int DUPLICATES = 3;
    /** Counter: gaps filled by a message that came after a higher one. */
    public static final int OUT_OF_ORDER = 4;
    /** Counter: messages too far below the highest to tell. */
    public static final int LATE = 5;
    /** Counter: forward jumps (each a loss episode, however many messages it skipped). */
    public static final int LOSS_EVENTS = 6;
    /** Counter: the highest sequence number seen, or -1. */
    public static final int HIGHEST = 7;
    /** Counter: 1 once the end-of-trial marker was seen. */
    public static final int ENDED = 8;
    /** How many counters. */
    public static final int COUNTERS = 9;

    private static final int WORDS = WINDOW / Long.SIZE;
    private static final int MASK = WINDOW - 1;

    private final int streamId;
    private final long[] seen = new long[WORDS];
    private final Counters counters = new Counters(COUNTERS);
    private long highest = -1;

    /**
     * @param streamId the stream tracked.
     */
    public SequenceTracker(final int streamId)
    {
        this.streamId = streamId;
        counters.set(HIGHEST, -1);
    }

    public int streamId()
    {
        return streamId;
    }

    /**
     * Account one received message. Writer thread only.
     *
     * @param sequence its sequence number.
     * @return how many sequence numbers it skipped (a gap it opened), else 0.
     */
    public long onSequence(final long sequence)
    {
        counters.increment(RECEIVED);
        if (sequence > highest)
        {
            final long skipped = sequence - highest - 1;
            if (skipped > 0)
            {
                counters.add(GAPS, skipped);
                counters.increment(LOSS_EVENTS);
            }
            clearFrom(highest + 1, sequence);
            mark(sequence);
            highest = sequence;
            counters.set(HIGHEST, sequence);
            counters.increment(UNIQUE);
            return Math.max(skipped, 0);
        }
        else if (sequence < 0 || highest - sequence >= WINDOW)
        {
            counters.increment(LATE);
        }
        else if (isMarked(sequence))
        {
            counters.increment(DUPLICATES);
        }
        else
        {
            mark(sequence);
            counters.increment(UNIQUE);
            counters.increment(OUT_OF_ORDER);
            counters.add(GAPS, -1);
        }
        return 0;
    }

    /**
     * The stream's end-of-trial marker: the messages after the highest received, up to {@code sentCount}, are
     * missing. Only the first marker counts. Writer thread only.
     *
     * @param sentCount how many messages the sender sent in this stream and trial.
     * @return how many were missing after the highest received, else 0.
     */
    public long onEnd(final long sentCount)
    {
        if (counters.get(ENDED) != 0)
        {
            return 0;
        }
        counters.set(ENDED, 1);
        final long last = sentCount - 1;
        if (last > highest)
        {
            counters.add(GAPS, last - highest);
            counters.increment(LOSS_EVENTS);
            final long missing = last - highest;
            clearFrom(highest + 1, last);
            highest = last;
            counters.set(HIGHEST, last);
            return missing;
        }
        return 0;
    }

    /**
     * @param index one of this class's counter constants.
     * @return its value now; any thread.
     */
    public long get(final int index)
    {
        return counters.get(index);
    }

    public boolean isEnded()
    {
        return counters.get(ENDED) != 0;
    }

    private void mark(final long sequence)
    {
        final int bit = (int)(sequence & MASK);
        seen[bit >>> 6] |= 1L << bit;
    }

    private boolean isMarked(final long sequence)
    {
        final int bit = (int)(sequence & MASK);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    /**
     * Forget the slots of [from, to] that now stand for new sequence numbers (they held numbers one window older).
     */
    private void clearFrom(final long from, final long to)
    {
        if (to - from + 1 >= WINDOW)
        {
            Arrays.fill(seen, 0L);
            return;
        }
        long sequence = from;
        while (sequence <= to)
        {
            final int bit = (int)(sequence & MASK);
            final int word = bit >>> 6;
            final int offset = bit & 63;
            final long bitsInWord = Math.min(64 - offset, to - sequence + 1);
            final long mask = bitsInWord == 64 ? -1L : ((1L << bitsInWord) - 1) << offset;
            seen[word] &= ~mask;
            sequence += bitsInWord;
        }
    }
}
