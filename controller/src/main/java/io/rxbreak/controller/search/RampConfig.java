package io.rxbreak.controller.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;

/**
 * The search's configuration, immutable and validated once when built: a bad value throws
 * {@link BadInputException} naming the option to change. Rates are messages per second; durations are
 * nanoseconds.
 *
 * @param startRate              {@code --start-rate}: the first trial's rate.
 * @param step                   {@code --step}: how the ramp grows the rate.
 * @param maxRate                {@code --max-rate}: the ramp never offers more.
 * @param precision              {@code --precision}: refinement stops when the bounds are closer than this
 *                               fraction of the lower bound.
 * @param trialDurationNs        {@code --duration}: the measured window of a ramp or refinement trial.
 * @param warmUpNs               {@code --warm-up}: load before the measured window, not counted.
 * @param drainBoundNs           {@code --drain}: the longest wait for the tail of a trial to arrive.
 * @param confirmDurationNs      {@code --confirm-duration}: the total measured time at a rate before it is
 *                               reported as the no-drop (or partial-drop) rate; trials already run at that
 *                               rate count towards it.
 * @param confirmTrialDurationNs {@code --confirm-trial-duration}: the measured window of each confirming trial.
 * @param pdrRatio               {@code --pdr}: the loss ratio the partial-drop rate may have; null when no PDR
 *                               is searched.
 * @param tolerance              {@code --tolerance}: the fraction by which the sender may miss its target rate
 *                               before a trial is invalid.
 * @param maxInvalidRetries      {@code --max-invalid-retries}: how often an invalid trial is run again.
 * @param maxTrials              {@code --max-trials}: the search stops after this many trials.
 * @param maxSenderLagNs         {@code --max-sender-lag}: a trial that lost messages while the sender fell this
 *                               far behind its schedule (and then sent the due messages back to back) is invalid;
 *                               0 turns the check off.
 * @param maxBacklogGrowth       {@code --max-backlog-growth}: a trial that lost nothing, but whose receiver fell
 *                               behind the offered load by more than this fraction of it, fails (a longer trial
 *                               would lose); null turns the check off (loss alone decides, as in RFC 2544).
 * @param verifyRate             {@code --verify-rate} (or {@code --verify-speed}): no search, only the
 *                               confirmation at this rate, as a pipeline's gate; null for a search.
 */
public record RampConfig(
    long startRate,
    StepRule step,
    long maxRate,
    double precision,
    long trialDurationNs,
    long warmUpNs,
    long drainBoundNs,
    long confirmDurationNs,
    long confirmTrialDurationNs,
    Double pdrRatio,
    double tolerance,
    int maxInvalidRetries,
    int maxTrials,
    long maxSenderLagNs,
    Double maxBacklogGrowth,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long verifyRate)
{
    /** Option names, as the command line spells them and as validation messages name them. */
    public static final String START_RATE = "--start-rate";
    /** @see #START_RATE */
    public static final String STEP = "--step";
    /** @see #START_RATE */
    public static final String MAX_RATE = "--max-rate";
    /** @see #START_RATE */
    public static final String PRECISION = "--precision";
    /** @see #START_RATE */
    public static final String DURATION = "--duration";
    /** @see #START_RATE */
    public static final String WARM_UP = "--warm-up";
    /** @see #START_RATE */
    public static final String DRAIN = "--drain";
    /** @see #START_RATE */
    public static final String CONFIRM_DURATION = "--confirm-duration";
    /** @see #START_RATE */
    public static final String CONFIRM_TRIAL_DURATION = "--confirm-trial-duration";
    /** @see #START_RATE */
    public static final String PDR = "--pdr";
    /** @see #START_RATE */
    public static final String TOLERANCE = "--tolerance";
    /** @see #START_RATE */
    public static final String MAX_INVALID_RETRIES = "--max-invalid-retries";
    /** @see #START_RATE */
    public static final String MAX_TRIALS = "--max-trials";
    /** @see #START_RATE */
    public static final String MAX_SENDER_LAG = "--max-sender-lag";
    /** @see #START_RATE */
    public static final String MAX_BACKLOG_GROWTH = "--max-backlog-growth";
    /** @see #START_RATE */
    public static final String VERIFY_RATE = "--verify-rate";

    private static final long SECOND_NS = 1_000_000_000L;
    private static final long DAY_NS = 86_400L * SECOND_NS;

    /**
     * The defaults, once, as the command line spells them: {@code rxbreak ramp}'s options show them (picocli's
     * {@code defaultValue}) and {@link Builder} starts from them, so the two cannot differ.
     */
    public static final class Defaults
    {
        /** {@value} messages/s. */
        public static final String START_RATE = "10000";
        /** {@value}. */
        public static final String STEP = "x1.5";
        /** {@value} messages/s. */
        public static final String MAX_RATE = "10000000";
        /** {@value}. */
        public static final String PRECISION = "1%";
        /** {@value}. */
        public static final String DURATION = "5s";
        /** {@value}. */
        public static final String WARM_UP = "1s";
        /** {@value}: a trial's tail has this long to arrive. */
        public static final String DRAIN = "2s";
        /** {@value}. */
        public static final String CONFIRM_DURATION = "30s";
        /** {@value}. */
        public static final String CONFIRM_TRIAL_DURATION = "10s";
        /** {@value}. */
        public static final String TOLERANCE = "1%";
        /**
         * {@value}: a late burst over a small buffer invalidates a trial now and then on a busy host, and a rate that
         * stays invalid ends the run.
         */
        public static final String MAX_INVALID_RETRIES = "4";
        /** {@value}. */
        public static final String MAX_TRIALS = "200";
        /** {@value}. */
        public static final String MAX_SENDER_LAG = "5ms";
        /** {@value}. */
        public static final String MAX_BACKLOG_GROWTH = "0.2%";

        private Defaults()
        {
        }
    }

    /**
     * Validates every value.
     *
     * @throws BadInputException naming the option to change.
     */
    public RampConfig
    {
        if (startRate < 1)
        {
            throw BadInputException.option(START_RATE, "'" + startRate + "' must be at least 1 message per second");
        }
        if (step == null)
        {
            throw BadInputException.option(STEP, "missing: use xF with F > 1 or +N");
        }
        if (maxRate < startRate)
        {
            throw BadInputException.option(MAX_RATE,
                "'" + maxRate + "' must be at least " + START_RATE + " (" + startRate + ")");
        }
        if (!(precision > 0.0 && precision < 1.0))
        {
            throw BadInputException.option(PRECISION,
                "'" + precision + "' must be a fraction above 0 and below 1, like 1% or 0.01");
        }
        positiveDuration(DURATION, trialDurationNs);
        if (warmUpNs < 0 || warmUpNs > DAY_NS)
        {
            throw BadInputException.option(WARM_UP, "'" + warmUpNs + "ns' must be between 0 and 24h");
        }
        positiveDuration(DRAIN, drainBoundNs);
        positiveDuration(CONFIRM_TRIAL_DURATION, confirmTrialDurationNs);
        if (confirmDurationNs < trialDurationNs || confirmDurationNs > DAY_NS)
        {
            throw BadInputException.option(CONFIRM_DURATION, "'" + Units.formatDuration(confirmDurationNs)
                + "' must be at least " + DURATION + " (" + Units.formatDuration(trialDurationNs)
                + "): it is the total measured time at the reported rate");
        }
        if (pdrRatio != null && !(pdrRatio > 0.0 && pdrRatio < 1.0))
        {
            throw BadInputException.option(PDR,
                "'" + pdrRatio + "' must be a loss ratio above 0 and below 1, like 0.1% or 0.001");
        }
        if (!(tolerance > 0.0 && tolerance < 0.5))
        {
            throw BadInputException.option(TOLERANCE,
                "'" + tolerance + "' must be a fraction above 0 and below 0.5, like 1% or 0.01");
        }
        if (maxInvalidRetries < 0 || maxInvalidRetries > 100)
        {
            throw BadInputException.option(MAX_INVALID_RETRIES, "'" + maxInvalidRetries + "' must be 0 to 100");
        }
        if (maxTrials < 1 || maxTrials > 100_000)
        {
            throw BadInputException.option(MAX_TRIALS, "'" + maxTrials + "' must be 1 to 100000");
        }
        if (maxSenderLagNs < 0 || maxSenderLagNs > DAY_NS)
        {
            throw BadInputException.option(MAX_SENDER_LAG, "'" + Units.formatDuration(maxSenderLagNs)
                + "' must be between 0 (no check) and 24h");
        }
        if (maxBacklogGrowth != null && !(maxBacklogGrowth >= 0.0 && maxBacklogGrowth < 1.0))
        {
            throw BadInputException.option(MAX_BACKLOG_GROWTH,
                "'" + maxBacklogGrowth + "' must be a fraction from 0 to below 1, like 0.2% or 0.002, or 'off'");
        }
        if (verifyRate != null && verifyRate < 1)
        {
            throw BadInputException.option(VERIFY_RATE, "'" + verifyRate + "' must be at least 1 message per second");
        }
    }

    /**
     * @return whether this is a verify gate (no search, the confirmation at {@link #verifyRate()} only).
     */
    public boolean verifies()
    {
        return verifyRate != null;
    }

    /**
     * @return the judge of this configuration's trials.
     */
    public TrialJudge judge()
    {
        return new TrialJudge(tolerance, maxSenderLagNs,
            maxBacklogGrowth == null ? Double.POSITIVE_INFINITY : maxBacklogGrowth);
    }

    /**
     * @return a builder with the defaults: start 10,000 msgs/s, step x1.5, max 10,000,000 msgs/s, precision 1 %,
     *         trials of 5 s after 1 s of warm-up with at most 1 s of drain, 30 s confirmed in trials of 10 s, no PDR,
     *         tolerance 1 %, 2 retries of an invalid trial, at most 200 trials, a sender lag of at most 5 ms, a
     *         backlog growth of at most 0.2 %.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a builder holding these values.
     */
    public Builder toBuilder()
    {
        return new Builder()
            .startRate(startRate).step(step).maxRate(maxRate).precision(precision)
            .trialDurationNs(trialDurationNs).warmUpNs(warmUpNs).drainBoundNs(drainBoundNs)
            .confirmDurationNs(confirmDurationNs).confirmTrialDurationNs(confirmTrialDurationNs)
            .pdrRatio(pdrRatio).tolerance(tolerance).maxInvalidRetries(maxInvalidRetries).maxTrials(maxTrials)
            .maxSenderLagNs(maxSenderLagNs).maxBacklogGrowth(maxBacklogGrowth).verifyRate(verifyRate);
    }

    /**
     * Parse a ratio typed as a percentage ({@code 1%}) or a fraction ({@code 0.01}).
     *
     * @param option the option, to name in the error.
     * @param text   the value as typed.
     * @return the fraction.
     * @throws BadInputException naming the option.
     */
    public static double parseRatio(final String option, final String text)
    {
        final String value = text == null ? "" : text.trim();
        final boolean percent = value.endsWith("%");
        final String number = percent ? value.substring(0, value.length() - 1).trim() : value;
        try
        {
            final double parsed = Double.parseDouble(number);
            if (Double.isNaN(parsed) || Double.isInfinite(parsed))
            {
                throw BadInputException.option(option, "'" + text + "' is not a ratio: use a percentage like 1% "
                    + "or a fraction like 0.01");
            }
            return percent ? parsed / 100.0 : parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(option, "'" + text + "' is not a ratio: use a percentage like 1% "
                + "or a fraction like 0.01");
        }
    }

    /**
     * @return how many confirming trials a rate with no earlier trial needs.
     */
    public int confirmTrials()
    {
        return (int)((confirmDurationNs + confirmTrialDurationNs - 1) / confirmTrialDurationNs);
    }

    /**
     * @return the configuration as options, one line, for the console summary.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder();
        text.append(START_RATE).append(' ').append(startRate)
            .append(' ').append(STEP).append(' ').append(step)
            .append(' ').append(MAX_RATE).append(' ').append(maxRate)
            .append(' ').append(PRECISION).append(' ').append(percent(precision))
            .append(' ').append(DURATION).append(' ').append(Units.formatDuration(trialDurationNs))
            .append(' ').append(WARM_UP).append(' ').append(Units.formatDuration(warmUpNs))
            .append(' ').append(DRAIN).append(' ').append(Units.formatDuration(drainBoundNs))
            .append(' ').append(CONFIRM_DURATION).append(' ').append(Units.formatDuration(confirmDurationNs))
            .append(' ').append(CONFIRM_TRIAL_DURATION).append(' ')
            .append(Units.formatDuration(confirmTrialDurationNs));
        if (pdrRatio != null)
        {
            text.append(' ').append(PDR).append(' ').append(percent(pdrRatio));
        }
        text.append(' ').append(TOLERANCE).append(' ').append(percent(tolerance))
            .append(' ').append(MAX_INVALID_RETRIES).append(' ').append(maxInvalidRetries)
            .append(' ').append(MAX_TRIALS).append(' ').append(maxTrials)
            .append(' ').append(MAX_SENDER_LAG).append(' ').append(Units.formatDuration(maxSenderLagNs))
            .append(' ').append(MAX_BACKLOG_GROWTH).append(' ')
            .append(maxBacklogGrowth == null ? "off" : percent(maxBacklogGrowth));
        if (verifyRate != null)
        {
            text.append(' ').append(VERIFY_RATE).append(' ').append(verifyRate);
        }
        return text.toString();
    }

    private static String percent(final double fraction)
    {
        final String text = String.format(Locale.ROOT, "%.6f", fraction * 100.0);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "") + "%";
    }

    private static void positiveDuration(final String option, final long durationNs)
    {
        if (durationNs <= 0 || durationNs > DAY_NS)
        {
            throw BadInputException.option(option,
                "'" + Units.formatDuration(durationNs) + "' must be above 0 and at most 24h");
        }
    }

    /**
     * Collects values and validates them all in {@link #build()}.
     */
    public static final class Builder
    {
        private long startRate = Long.parseLong(Defaults.START_RATE);
        private StepRule step = StepRule.parse(Defaults.STEP);
        private long maxRate = Long.parseLong(Defaults.MAX_RATE);
        private double precision = parseRatio(PRECISION, Defaults.PRECISION);
        private long trialDurationNs = Units.parseDurationNs(Defaults.DURATION);
        private long warmUpNs = Units.parseDurationNs(Defaults.WARM_UP);
        private long drainBoundNs = Units.parseDurationNs(Defaults.DRAIN);
        private long confirmDurationNs = Units.parseDurationNs(Defaults.CONFIRM_DURATION);
        private long confirmTrialDurationNs = Units.parseDurationNs(Defaults.CONFIRM_TRIAL_DURATION);
        private Double pdrRatio;
        private double tolerance = parseRatio(TOLERANCE, Defaults.TOLERANCE);
        private int maxInvalidRetries = Integer.parseInt(Defaults.MAX_INVALID_RETRIES);
        private int maxTrials = Integer.parseInt(Defaults.MAX_TRIALS);
        private long maxSenderLagNs = Units.parseDurationNs(Defaults.MAX_SENDER_LAG);
        private Double maxBacklogGrowth = parseRatio(MAX_BACKLOG_GROWTH, Defaults.MAX_BACKLOG_GROWTH);
        private Long verifyRate;

        private Builder()
        {
        }

        /** @param value {@link RampConfig#startRate()}. @return this. */
        public Builder startRate(final long value)
        {
            startRate = value;
            return this;
        }

        /** @param value {@link RampConfig#step()}. @return this. */
        public Builder step(final StepRule value)
        {
            step = value;
            return this;
        }

        /** @param value {@link RampConfig#step()} as typed, parsed with {@link StepRule#parse(String)}. @return this. */
        public Builder step(final String value)
        {
            step = StepRule.parse(value);
            return this;
        }

        /** @param value {@link RampConfig#maxRate()}. @return this. */
        public Builder maxRate(final long value)
        {
            maxRate = value;
            return this;
        }

        /** @param value {@link RampConfig#precision()}. @return this. */
        public Builder precision(final double value)
        {
            precision = value;
            return this;
        }

        /** @param value {@link RampConfig#trialDurationNs()}. @return this. */
        public Builder trialDurationNs(final long value)
        {
            trialDurationNs = value;
            return this;
        }

        /** @param value {@link RampConfig#warmUpNs()}. @return this. */
        public Builder warmUpNs(final long value)
        {
            warmUpNs = value;
            return this;
        }

        /** @param value {@link RampConfig#drainBoundNs()}. @return this. */
        public Builder drainBoundNs(final long value)
        {
            drainBoundNs = value;
            return this;
        }

        /** @param value {@link RampConfig#confirmDurationNs()}. @return this. */
        public Builder confirmDurationNs(final long value)
        {
            confirmDurationNs = value;
            return this;
        }

        /** @param value {@link RampConfig#confirmTrialDurationNs()}. @return this. */
        public Builder confirmTrialDurationNs(final long value)
        {
            confirmTrialDurationNs = value;
            return this;
        }

        /** @param value {@link RampConfig#pdrRatio()}, null for no PDR. @return this. */
        public Builder pdrRatio(final Double value)
        {
            pdrRatio = value;
            return this;
        }

        /** @param value {@link RampConfig#tolerance()}. @return this. */
        public Builder tolerance(final double value)
        {
            tolerance = value;
            return this;
        }

        /** @param value {@link RampConfig#maxInvalidRetries()}. @return this. */
        public Builder maxInvalidRetries(final int value)
        {
            maxInvalidRetries = value;
            return this;
        }

        /** @param value {@link RampConfig#maxTrials()}. @return this. */
        public Builder maxTrials(final int value)
        {
            maxTrials = value;
            return this;
        }

        /** @param value {@link RampConfig#maxSenderLagNs()}, 0 for no check. @return this. */
        public Builder maxSenderLagNs(final long value)
        {
            maxSenderLagNs = value;
            return this;
        }

        /** @param value {@link RampConfig#verifyRate()}, null for a search. @return this. */
        public Builder verifyRate(final Long value)
        {
            verifyRate = value;
            return this;
        }

        /** @param value {@link RampConfig#maxBacklogGrowth()}, null for no check. @return this. */
        public Builder maxBacklogGrowth(final Double value)
        {
            maxBacklogGrowth = value;
            return this;
        }

        /**
         * @return the validated configuration.
         * @throws BadInputException naming the option to change.
         */
        public RampConfig build()
        {
            return new RampConfig(startRate, step, maxRate, precision, trialDurationNs, warmUpNs, drainBoundNs,
                confirmDurationNs, confirmTrialDurationNs, pdrRatio, tolerance, maxInvalidRetries, maxTrials, maxSenderLagNs,
                maxBacklogGrowth, verifyRate);
        }
    }
}
