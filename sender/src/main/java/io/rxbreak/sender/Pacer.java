package io.rxbreak.sender;

import io.rxbreak.sender.schedule.Schedule;

/**
 * Which messages of a trial are due at a given instant: the sender's bookkeeping over a {@link Schedule}, driven
 * by the time passed in (a test passes its own). Everything due goes out in one batch of at most
 * {@code maxBatch}; a duration ends the trial at its wall-clock end even when the sender is behind (the shortfall
 * then shows), while a count ends it only when every message has gone.
 */
final class Pacer
{
    /** Why the trial ended. */
    enum End
    {
        /** Not ended. */
        NONE("none"),
        /** All {@code --count} messages went. */
        COUNT("count"),
        /** The duration ran out. */
        DURATION("duration"),
        /** A finite pattern (steps, replay) ran out. */
        PATTERN("pattern-end"),
        /** Stopped from outside. */
        STOPPED("stopped");

        private final String label;

        End(final String label)
        {
            this.label = label;
        }

        String label()
        {
            return label;
        }
    }

    private final Schedule schedule;
    private final long endIndex;
    private final long endOffsetNs;
    private final int maxBatch;
    private long startNs;
    private long nextIndex;
    private long nextOffsetNs;

    /**
     * @param schedule when each message is due.
     * @param endIndex the index after the last message to send, or {@link Long#MAX_VALUE} for no count.
     * @param endOffsetNs the offset at which the trial ends, or {@link Schedule#END} for no duration.
     * @param maxBatch the most messages in one batch.
     */
    Pacer(final Schedule schedule, final long endIndex, final long endOffsetNs, final int maxBatch)
    {
        this.schedule = schedule;
        this.endIndex = endIndex;
        this.endOffsetNs = endOffsetNs;
        this.maxBatch = maxBatch;
    }

    /**
     * @param nowNs the trial's start: message i is due at {@code nowNs + schedule.offsetNs(i)}.
     */
    void start(final long nowNs)
    {
        startNs = nowNs;
        nextIndex = 0;
        nextOffsetNs = schedule.offsetNs(0);
    }

    long startNs()
    {
        return startNs;
    }

    long nextIndex()
    {
        return nextIndex;
    }

    /**
     * @param nowNs the time now.
     * @return how many messages from {@link #nextIndex()} are due now, at most the batch limit.
     */
    int due(final long nowNs)
    {
        final long elapsedNs = nowNs - startNs;
        if (endOffsetNs != Schedule.END && elapsedNs >= endOffsetNs)
        {
            return 0;
        }
        int count = 0;
        long offsetNs = nextOffsetNs;
        while (count < maxBatch && offsetNs <= elapsedNs && offsetNs < endOffsetNs && offsetNs != Schedule.END &&
            nextIndex + count < endIndex)
        {
            count++;
            offsetNs = schedule.offsetNs(nextIndex + count);
        }
        return count;
    }

    /**
     * @param messages how many of the due messages were sent.
     */
    void advance(final int messages)
    {
        nextIndex += messages;
        nextOffsetNs = schedule.offsetNs(nextIndex);
    }

    /**
     * @return the offset of the next message, or {@link Schedule#END}.
     */
    long nextOffsetNs()
    {
        return nextIndex >= endIndex ? Schedule.END : nextOffsetNs;
    }

    /**
     * @param nowNs the time now.
     * @return why the trial has ended by now, or {@link End#NONE}.
     */
    End end(final long nowNs)
    {
        if (endOffsetNs != Schedule.END && nowNs - startNs >= endOffsetNs)
        {
            return End.DURATION;
        }
        if (nextIndex >= endIndex)
        {
            return End.COUNT;
        }
        if (nextOffsetNs == Schedule.END)
        {
            return End.PATTERN;
        }
        return End.NONE;
    }

    /**
     * @return the time at which the pacer next has something to do: the next message's due time or the end of
     *     the duration, whichever comes first.
     */
    long nextEventNs()
    {
        final long offsetNs = Math.min(nextOffsetNs(), endOffsetNs);
        return offsetNs == Schedule.END ? Long.MAX_VALUE : startNs + offsetNs;
    }

    /**
     * @param nowNs the time now.
     * @return how far behind its schedule the sender is: now minus the due time of the first unsent message when
     *     that is due, else 0.
     */
    long lagNs(final long nowNs)
    {
        if (schedule.isMaxRate() || nextOffsetNs() == Schedule.END)
        {
            return 0;
        }
        return Math.max(0, nowNs - startNs - nextOffsetNs);
    }

    /**
     * @param end why the trial ended.
     * @param finishNs when it ended.
     * @return the window the trial's rates are computed over.
     */
    long windowNs(final End end, final long finishNs)
    {
        final long elapsedNs = finishNs - startNs;
        switch (end)
        {
            case DURATION:
                return endOffsetNs;
            case COUNT:
            {
                final long scheduledNs = schedule.offsetNs(endIndex);
                return Math.max(elapsedNs, scheduledNs == Schedule.END ? schedule.endOffsetNs() : scheduledNs);
            }
            case PATTERN:
                return Math.max(elapsedNs, Math.min(schedule.endOffsetNs(), endOffsetNs));
            default:
                return elapsedNs;
        }
    }
}
