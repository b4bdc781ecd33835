package io.rxbreak.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;

/**
 * The sender's pattern, parsed once from {@code --pattern} and immutable: a pure description, which the sender
 * turns into its schedule (with {@code --rate}) and the controller reads (a ramp's {@code --pattern}, validated
 * before anything starts; whether its load is steady). Nothing is read here: a playback file is named, not opened
 * (it lives on the sender's host).
 *
 * <ul>
 *   <li>{@code constant} (the default): evenly spaced at {@code --rate}, or as fast as possible with {@code max}.</li>
 *   <li>{@code burst:N/PERIOD}: N messages back to back every PERIOD.</li>
 *   <li>{@code onoff:ON/OFF}: {@code --rate} for ON, silence for OFF, repeated.</li>
 *   <li>{@code steps:RATE@DURATION,...}: each rate for its duration, in turn.</li>
 *   <li>{@code replay:FILE}: a recorded feed (pcap, pcapng or CSV) at its own offsets, sizes and groups, sped up by
 *   {@code --speed}.</li>
 *   <li>{@code playback:FILE}: the same (the name older scripts use).</li>
 * </ul>
 * Burst, steps and replay carry their own rate ({@link #setsOwnRate()}).
 *
 * @param kind which pattern.
 * @param burstMessages the {@code burst} size N, else 0.
 * @param burstPeriodNs the {@code burst} PERIOD, else 0.
 * @param onNs the {@code onoff} ON window, else 0.
 * @param offNs the {@code onoff} OFF window (may be 0), else 0.
 * @param steps the {@code steps}, in order; empty for the other kinds.
 * @param file the {@code replay} (or {@code playback}) file as given, else null.
 */
public record PatternSpec(
    Kind kind,
    long burstMessages,
    long burstPeriodNs,
    long onNs,
    long offNs,
    List<Step> steps,
    String file)
{
    /** The option a pattern is given with. */
    public static final String OPTION = "--pattern";
    /** The option the rate of {@code constant} and {@code onoff} is given with. */
    public static final String RATE_OPTION = "--rate";
    /** The rate of {@code constant} and {@code onoff} when {@code --rate} is not given, messages per second. */
    public static final long DEFAULT_RATE_PER_SECOND = 10_000;
    /** The option a replay's speed-up factor is given with. */
    public static final String SPEED_OPTION = "--speed";
    /** The highest speed-up factor accepted. */
    public static final double MAX_SPEED = 10_000;
    /** The highest rate accepted: one message a nanosecond. */
    public static final long MAX_RATE_PER_SECOND = 1_000_000_000L;

    /** The default pattern. */
    public static final PatternSpec CONSTANT = new PatternSpec(Kind.CONSTANT, 0, 0, 0, 0, List.of(), null);

    /** The pattern kinds, by the name typed before the first ':'. */
    public enum Kind
    {
        /** Evenly spaced messages. */
        CONSTANT("constant", true, false),
        /** Bursts of a fixed size at a fixed period. */
        BURST("burst", true, true),
        /** A rate switched on and off. */
        ONOFF("onoff", false, false),
        /** A rate that changes step by step. */
        STEPS("steps", false, true),
        /** A recorded feed replayed. */
        REPLAY("replay", false, true),
        /** A recorded feed replayed: the older name of {@link #REPLAY}. */
        PLAYBACK("playback", false, true);

        private final String label;
        private final boolean steadyLoad;
        private final boolean setsOwnRate;

        Kind(final String label, final boolean steadyLoad, final boolean setsOwnRate)
        {
            this.label = label;
            this.steadyLoad = steadyLoad;
            this.setsOwnRate = setsOwnRate;
        }

        /**
         * @return the name as typed, like {@code onoff}.
         */
        public String label()
        {
            return label;
        }

        /**
         * @return whether the load is the same on average over any stretch of a trial (constant, or bursts of a
         *     fixed period), so that a receiver's latency growing over the trial says it falls behind; with
         *     {@code onoff}, {@code steps} or {@code playback} the load itself changes, and the growth says nothing
         *     by itself.
         */
        public boolean steadyLoad()
        {
            return steadyLoad;
        }

        /**
         * @return whether the pattern carries its own rate, so that {@code --rate} is refused with it.
         */
        public boolean setsOwnRate()
        {
            return setsOwnRate;
        }

        /**
         * @param pattern {@code --pattern} as typed; null means constant.
         * @return the kind it names, its arguments not yet read.
         * @throws BadInputException naming {@code --pattern} when it names no pattern.
         */
        public static Kind of(final String pattern)
        {
            final String text = pattern == null ? "constant" : pattern.trim();
            final int colon = text.indexOf(':');
            final String name = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            for (final Kind kind : values())
            {
                if (kind.label.equals(name))
                {
                    return kind;
                }
            }
            throw BadInputException.option(OPTION, "'" + text + "' is not a pattern: use constant, " +
                "burst:N/PERIOD, onoff:ON/OFF, steps:RATE@DURATION,... or replay:FILE");
        }
    }

    /**
     * One step of a {@code steps} pattern.
     *
     * @param ratePerSecond the step's rate.
     * @param durationNs how long it lasts.
     */
    public record Step(long ratePerSecond, long durationNs)
    {
    }

    /**
     * @param pattern {@code --pattern} as typed; null means constant.
     * @return the pattern.
     * @throws BadInputException naming {@code --pattern} and what was expected (exit code 2).
     */
    public static PatternSpec parse(final String pattern)
    {
        final Kind kind = Kind.of(pattern);
        final String text = pattern == null ? "constant" : pattern.trim();
        final int colon = text.indexOf(':');
        final String argument = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind)
        {
            case BURST:
                return burst(argument);
            case ONOFF:
                return onOff(argument);
            case STEPS:
                return steps(argument);
            case REPLAY:
            case PLAYBACK:
                if (argument.isBlank())
                {
                    throw BadInputException.option(OPTION, kind.label() + " needs a file: " + kind.label() + ":FILE");
                }
                return new PatternSpec(Kind.REPLAY, 0, 0, 0, 0, List.of(), argument);
            default:
                return CONSTANT;
        }
    }

    /**
     * @param option the option, for messages.
     * @param text a rate: a whole number with an optional k (thousand) or M (million).
     * @return messages per second, 1 to {@link #MAX_RATE_PER_SECOND}.
     * @throws BadInputException naming the option.
     */
    public static long parseRate(final String option, final String text)
    {
        final String value = text.trim().replace("_", "");
        long multiplier = 1;
        String digits = value;
        if (value.endsWith("k") || value.endsWith("K"))
        {
            multiplier = 1_000;
            digits = value.substring(0, value.length() - 1);
        }
        else if (value.endsWith("M") || value.endsWith("m"))
        {
            multiplier = 1_000_000;
            digits = value.substring(0, value.length() - 1);
        }
        final long rate;
        try
        {
            rate = Math.multiplyExact(Long.parseLong(digits), multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw BadInputException.option(option, "'" + text + "' is not a rate: use messages per second " +
                "(like 100000, 250k or 1M) or max");
        }
        if (rate <= 0)
        {
            throw BadInputException.option(option, "the rate must be more than 0 messages per second, not " + text);
        }
        if (rate > MAX_RATE_PER_SECOND)
        {
            throw BadInputException.option(option, "the rate must be at most " + MAX_RATE_PER_SECOND +
                " messages per second (or max), not " + text);
        }
        return rate;
    }

    /**
     * @param file a feed file.
     * @return the pattern that replays it.
     */
    public static PatternSpec replay(final String file)
    {
        return new PatternSpec(Kind.REPLAY, 0, 0, 0, 0, List.of(), file);
    }

    /**
     * @return whether it replays a feed.
     */
    @JsonIgnore
    public boolean isReplay()
    {
        return kind == Kind.REPLAY;
    }

    /**
     * @param option the option, for messages.
     * @param text a replay's speed-up factor as typed: {@code 2}, {@code 2.5}, {@code 2.5x}.
     * @return it, more than 0 and at most {@link #MAX_SPEED}.
     * @throws BadInputException naming the option.
     */
    public static double parseSpeed(final String option, final String text)
    {
        final String trimmed = text.trim();
        final String value = trimmed.endsWith("x") || trimmed.endsWith("X") ?
            trimmed.substring(0, trimmed.length() - 1) : trimmed;
        final double speed;
        try
        {
            speed = Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(option, "'" + text + "' is not a speed-up factor: use a number like 2 or 2.5");
        }
        if (!(speed > 0) || speed > MAX_SPEED)
        {
            throw BadInputException.option(option, "the speed-up factor must be more than 0 and at most " +
                (long)MAX_SPEED + ", not " + text);
        }
        return speed;
    }

    /**
     * @return whether the load is steady over a trial: see {@link Kind#steadyLoad()}.
     */
    public boolean steadyLoad()
    {
        return kind.steadyLoad();
    }

    /**
     * @return whether the pattern carries its own rate: see {@link Kind#setsOwnRate()}.
     */
    public boolean setsOwnRate()
    {
        return kind.setsOwnRate();
    }

    private static PatternSpec burst(final String argument)
    {
        final String[] parts = argument.split("/");
        if (parts.length != 2)
        {
            throw BadInputException.option(OPTION, "burst needs N/PERIOD, like burst:64/1ms, not 'burst:" + argument + "'");
        }
        final long messages = parseCount(parts[0], "burst size N");
        final long periodNs = parseDuration(parts[1], "burst PERIOD", false);
        return new PatternSpec(Kind.BURST, messages, periodNs, 0, 0, List.of(), null);
    }

    private static PatternSpec onOff(final String argument)
    {
        final String[] parts = argument.split("/");
        if (parts.length != 2)
        {
            throw BadInputException.option(OPTION, "onoff needs ON/OFF, like onoff:100ms/900ms, not 'onoff:" + argument + "'");
        }
        final long onNs = parseDuration(parts[0], "onoff ON", false);
        final long offNs = parseDuration(parts[1], "onoff OFF", true);
        return new PatternSpec(Kind.ONOFF, 0, 0, onNs, offNs, List.of(), null);
    }

    private static PatternSpec steps(final String argument)
    {
        final List<Step> steps = new ArrayList<>();
        for (final String stepText : argument.split(","))
        {
            final String[] parts = stepText.trim().split("@");
            if (parts.length != 2)
            {
                throw BadInputException.option(OPTION, "a step is RATE@DURATION, like 10000@5s, not '" + stepText + "'");
            }
            steps.add(new Step(parseRate(OPTION, parts[0]), parseDuration(parts[1], "step DURATION", false)));
        }
        return new PatternSpec(Kind.STEPS, 0, 0, 0, 0, List.copyOf(steps), null);
    }

    private static long parseCount(final String text, final String what)
    {
        try
        {
            final long value = Long.parseLong(text.trim());
            if (value < 1)
            {
                throw BadInputException.option(OPTION, what + " must be at least 1, not " + text);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(OPTION, what + " '" + text + "' is not a whole number");
        }
    }

    private static long parseDuration(final String text, final String what, final boolean zeroAllowed)
    {
        final long ns;
        try
        {
            ns = Units.parseDurationNs(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(OPTION, what + ": " + ex.getMessage());
        }
        if (ns <= 0 && !zeroAllowed)
        {
            throw BadInputException.option(OPTION, what + " must be more than 0, not " + text);
        }
        return ns;
    }
}
