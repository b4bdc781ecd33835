package io.rxbreak.sender.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;

/**
 * Turns {@code --pattern} and {@code --rate} into a {@link Schedule}, with errors that name the option:
 * {@code constant} (the default), {@code burst:N/PERIOD}, {@code onoff:ON/OFF}, {@code steps:RATE@DURATION,...}
 * and {@code playback:FILE}. Burst, steps and playback carry their own rate, so {@code --rate} is refused with them.
 */
public final class PatternParser
{
    /** The rate when none is given. */
    public static final long DEFAULT_RATE_PER_SECOND = 10_000;

    private static final String PATTERN = "--pattern";
    private static final String RATE = "--rate";

    private PatternParser()
    {
    }

    /**
     * @param pattern the pattern as typed; null means constant.
     * @param rate the rate as typed ({@code 100000}, {@code 250k}, {@code 1M} or {@code max}); null when not given.
     * @return the schedule.
     * @throws BadInputException naming {@code --pattern} or {@code --rate}.
     */
    public static Schedule parse(final String pattern, final String rate)
    {
        final String text = pattern == null ? "constant" : pattern.trim();
        final int colon = text.indexOf(':');
        final String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
        final String argument = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind)
        {
            case "constant":
                if (rate != null && "max".equalsIgnoreCase(rate.trim()))
                {
                    return new MaxRateSchedule();
                }
                return new ConstantSchedule(rate == null ? DEFAULT_RATE_PER_SECOND : parseRate(RATE, rate));
            case "burst":
                refuseRate(rate, kind);
                return burst(argument);
            case "onoff":
                return onOff(argument, rate == null ? DEFAULT_RATE_PER_SECOND : parseRateNotMax(rate, kind));
            case "steps":
                refuseRate(rate, kind);
                return steps(argument);
            case "playback":
                refuseRate(rate, kind);
                if (argument.isBlank())
                {
                    throw BadInputException.option(PATTERN, "playback needs a file: playback:FILE");
                }
                return PlaybackFile.read(PATTERN, Path.of(argument));
            default:
                throw BadInputException.option(PATTERN, "'" + text + "' is not a pattern: use constant, " +
                    "burst:N/PERIOD, onoff:ON/OFF, steps:RATE@DURATION,... or playback:FILE");
        }
    }

    /**
     * @param option the option, for messages.
     * @param text a rate: a whole number with an optional k (thousand) or M (million).
     * @return messages per second, 1 to {@link ConstantSchedule#MAX_RATE_PER_SECOND}.
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
        if (rate > ConstantSchedule.MAX_RATE_PER_SECOND)
        {
            throw BadInputException.option(option, "the rate must be at most " +
                ConstantSchedule.MAX_RATE_PER_SECOND + " messages per second (or max), not " + text);
        }
        return rate;
    }

    private static long parseRateNotMax(final String rate, final String kind)
    {
        if ("max".equalsIgnoreCase(rate.trim()))
        {
            throw BadInputException.option(RATE, "max works only with --pattern constant, not " + kind);
        }
        return parseRate(RATE, rate);
    }

    private static void refuseRate(final String rate, final String kind)
    {
        if (rate != null)
        {
            throw BadInputException.option(RATE, "not used with --pattern " + kind + ", which sets its own rate");
        }
    }

    private static BurstSchedule burst(final String argument)
    {
        final String[] parts = argument.split("/");
        if (parts.length != 2)
        {
            throw BadInputException.option(PATTERN, "burst needs N/PERIOD, like burst:64/1ms, not 'burst:" + argument + "'");
        }
        final long messages = parseCount(parts[0], "burst size N");
        final long periodNs = parseDuration(parts[1], "burst PERIOD");
        return new BurstSchedule(messages, periodNs);
    }

    private static OnOffSchedule onOff(final String argument, final long ratePerSecond)
    {
        final String[] parts = argument.split("/");
        if (parts.length != 2)
        {
            throw BadInputException.option(PATTERN, "onoff needs ON/OFF, like onoff:100ms/900ms, not 'onoff:" + argument + "'");
        }
        final long onNs = parseDuration(parts[0], "onoff ON");
        final long offNs = parseDuration(parts[1], "onoff OFF");
        if (new ConstantSchedule(ratePerSecond).countBefore(onNs) < 1)
        {
            throw BadInputException.option(PATTERN, "onoff ON window is too short for any message");
        }
        return new OnOffSchedule(ratePerSecond, onNs, offNs);
    }

    private static StepsSchedule steps(final String argument)
    {
        final List<StepsSchedule.Step> steps = new ArrayList<>();
        for (final String stepText : argument.split(","))
        {
            final String[] parts = stepText.trim().split("@");
            if (parts.length != 2)
            {
                throw BadInputException.option(PATTERN, "a step is RATE@DURATION, like 10000@5s, not '" + stepText + "'");
            }
            steps.add(new StepsSchedule.Step(parseRate(PATTERN, parts[0]), parseDuration(parts[1], "step DURATION")));
        }
        return new StepsSchedule(steps);
    }

    private static long parseCount(final String text, final String what)
    {
        try
        {
            final long value = Long.parseLong(text.trim());
            if (value < 1)
            {
                throw BadInputException.option(PATTERN, what + " must be at least 1, not " + text);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw BadInputException.option(PATTERN, what + " '" + text + "' is not a whole number");
        }
    }

    private static long parseDuration(final String text, final String what)
    {
        final long ns;
        try
        {
            ns = Units.parseDurationNs(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(PATTERN, what + ": " + ex.getMessage());
        }
        if (ns <= 0 && !"onoff OFF".equals(what))
        {
            throw BadInputException.option(PATTERN, what + " must be more than 0, not " + text);
        }
        return ns;
    }
}
