package io.rxbreak.sender;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.sender.schedule.PatternParser;
import io.rxbreak.sender.schedule.Schedule;

/**
 * One trial: its id, schedule (pattern and rate), datagram size, how long it lasts, and its warm-up. Immutable;
 * {@link Builder#build()} validates it and names the option to change.
 * <p>
 * The warm-up comes first and is extra: {@code --count} and {@code --duration} measure what follows it. Messages
 * due during the warm-up are flagged {@link MessageHeader#FLAG_WARM_UP}; sequences run on across the boundary.
 * With neither count nor duration (nor a finite pattern) the trial runs until stopped.
 *
 * @param trialId the id written in every message's header.
 * @param schedule when each message is due.
 * @param sizeBytes every datagram's length, header included (a replayed feed sets its own per message).
 * @param count messages after the warm-up, or 0 for no limit.
 * @param durationNs the time after the warm-up, or 0 for no limit.
 * @param warmupNs the warm-up at the start, or 0.
 * @param endMarkers how many times the end-of-trial marker goes out on every stream; 0 for none (a receiver that
 *     is not rxbreak's has no use for them, and its socket would count the ones it drops as lost messages).
 * @param burstLimit count the late bursts of more messages than this (the receiver's buffer in datagrams, which a
 *     controller knows), or 0 for no count.
 */
public record TrialPlan(
    int trialId, Schedule schedule, int sizeBytes, long count, long durationNs, long warmupNs, int endMarkers,
    long burstLimit)
{
    /** The end-of-trial marker is sent this many times by default; nothing may depend on one datagram arriving. */
    public static final int DEFAULT_END_MARKERS = 5;
    /** The default datagram length. */
    public static final int DEFAULT_SIZE_BYTES = 64;

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return whether the trial ends by itself (a count, a duration or a finite pattern).
     */
    public boolean isBounded()
    {
        return count > 0 || durationNs > 0 || schedule.endOffsetNs() != Schedule.END;
    }

    /**
     * @param defaultLength ignored by most schedules.
     * @return the longest datagram in the trial.
     */
    public int maxMessageLength(final int defaultLength)
    {
        return schedule.maxMessageLength(defaultLength);
    }

    /**
     * Collects the trial's settings; {@link #build()} validates them.
     */
    public static final class Builder
    {
        private int trialId = 1;
        private Schedule schedule;
        private String pattern;
        private String rate;
        private long sizeBytes = DEFAULT_SIZE_BYTES;
        private long count;
        private long durationNs;
        private long warmupNs;
        private int endMarkers = DEFAULT_END_MARKERS;
        private long burstLimit;

        private Builder()
        {
        }

        public Builder trialId(final int id)
        {
            this.trialId = id;
            return this;
        }

        /**
         * @param schedule a schedule made directly (instead of pattern and rate).
         * @return this.
         */
        public Builder schedule(final Schedule schedule)
        {
            this.schedule = schedule;
            return this;
        }

        /**
         * @param text {@code --pattern} as typed, or null for constant.
         * @return this.
         */
        public Builder pattern(final String text)
        {
            this.pattern = text;
            return this;
        }

        /**
         * @param text {@code --rate} as typed ({@code 100000}, {@code 250k}, {@code max}), or null for the default.
         * @return this.
         */
        public Builder rate(final String text)
        {
            this.rate = text;
            return this;
        }

        public Builder sizeBytes(final long bytes)
        {
            this.sizeBytes = bytes;
            return this;
        }

        public Builder count(final long messages)
        {
            this.count = messages;
            return this;
        }

        public Builder durationNs(final long ns)
        {
            this.durationNs = ns;
            return this;
        }

        public Builder warmupNs(final long ns)
        {
            this.warmupNs = ns;
            return this;
        }

        public Builder endMarkers(final int markers)
        {
            this.endMarkers = markers;
            return this;
        }

        /**
         * @param messages count the late bursts of more messages than this; 0 for no count.
         * @return this.
         */
        public Builder burstLimit(final long messages)
        {
            this.burstLimit = messages;
            return this;
        }

        /**
         * @return the validated plan.
         * @throws BadInputException naming the option to change.
         */
        public TrialPlan build()
        {
            if (sizeBytes < MessageHeader.LENGTH || sizeBytes > MessageHeader.MAX_MESSAGE_LENGTH)
            {
                throw BadInputException.option("--size", sizeBytes + " B is out of range: use " + MessageHeader.LENGTH +
                    " (the rxbreak header) to " + MessageHeader.MAX_MESSAGE_LENGTH + " bytes");
            }
            if (count < 0)
            {
                throw BadInputException.option("--count", "must be at least 1, not " + count);
            }
            if (durationNs < 0)
            {
                throw BadInputException.option("--duration", "must be more than 0");
            }
            if (warmupNs < 0)
            {
                throw BadInputException.option("--warmup", "must be 0 or more");
            }
            if (endMarkers < 0 || endMarkers > 1_000)
            {
                throw BadInputException.option("--end-markers", "must be 0 to 1000, not " + endMarkers);
            }
            if (trialId < 0)
            {
                throw BadInputException.option("--trial-id", "must be 0 or more, not " + trialId);
            }
            if (burstLimit < 0)
            {
                throw BadInputException.option("burstLimit", "must be 0 or more, not " + burstLimit);
            }
            final Schedule effective = schedule != null ? schedule : PatternParser.parse(pattern, rate);
            return new TrialPlan(trialId, effective, (int)sizeBytes, count, durationNs, warmupNs, endMarkers,
                burstLimit);
        }
    }
}
