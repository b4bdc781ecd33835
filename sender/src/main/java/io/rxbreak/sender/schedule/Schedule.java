package io.rxbreak.sender.schedule;

/**
 * When each message of a trial is due, as a pure function of its index: no clock, no state, so a test can check
 * every instant exactly. Offsets are nanoseconds from the trial's start and never decrease with the index.
 */
public interface Schedule
{
    /** The offset of an index past the schedule's last message. */
    long END = Long.MAX_VALUE;

    /**
     * @param index the message's index in the trial, from 0.
     * @return when the message is due, in nanoseconds from the trial's start, or {@link #END} when the schedule
     *     has no such message.
     */
    long offsetNs(long index);

    /**
     * @param index the message's index.
     * @param defaultLength the trial's configured datagram length.
     * @return the message's datagram length in bytes.
     */
    default int messageLength(final long index, final int defaultLength)
    {
        return defaultLength;
    }

    /**
     * @return how many destinations the schedule routes its messages to ({@link #destination}), or 0 when it does
     *     not route them (then message i goes to stream {@code i % streams}, round robin).
     */
    default int destinationCount()
    {
        return 0;
    }

    /**
     * @param index the message's index in the trial.
     * @return the destination it goes to, from 0 to {@link #destinationCount()} - 1 (only for routed schedules).
     */
    default int destination(final long index)
    {
        return 0;
    }

    /**
     * @return whether messages differ in length (then GSO, which needs equal segments, is not used).
     */
    default boolean variableLength()
    {
        return false;
    }

    /**
     * @param defaultLength the trial's configured datagram length.
     * @return the longest datagram this schedule sends.
     */
    default int maxMessageLength(final int defaultLength)
    {
        return defaultLength;
    }

    /**
     * @return the offset at which a finite schedule ends (after its last message), or {@link #END} when it goes on.
     */
    default long endOffsetNs()
    {
        return END;
    }

    /**
     * @return whether every message is due at once: send as fast as possible, no pacing.
     */
    default boolean isMaxRate()
    {
        return false;
    }

    /**
     * @return the average rate the schedule asks for, messages per second ({@link Double#NaN} for max rate).
     */
    double targetRatePerSecond();

    /**
     * @return the schedule as the user would type it, like {@code constant 100000/s} or {@code burst:64/1ms}.
     */
    String describe();

    /**
     * @param offsetNs an offset from the trial's start.
     * @return how many messages are due before that offset: the first index whose offset is at or after it.
     */
    default long countBefore(final long offsetNs)
    {
        if (isMaxRate())
        {
            return Long.MAX_VALUE;
        }
        long low = 0;
        long high = 1;
        while (offsetNs(high - 1) < offsetNs)
        {
            low = high;
            if (high > Long.MAX_VALUE / 4)
            {
                return Long.MAX_VALUE;
            }
            high <<= 1;
        }
        // offsetNs(low - 1) < offsetNs (or low == 0) and offsetNs(high - 1) >= offsetNs
        while (low < high)
        {
            final long mid = low + (high - low) / 2;
            if (offsetNs(mid) < offsetNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
