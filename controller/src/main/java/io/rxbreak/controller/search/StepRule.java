package io.rxbreak.controller.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.rxbreak.core.config.BadInputException;

/**
 * How the ramp grows the rate from one trial to the next: by a factor ({@code x1.5}) or by an increment
 * ({@code +10000}, {@code +10k}). Parsed from the {@code --step} option.
 */
public final class StepRule
{
    private static final String OPTION = "--step";
    private static final String EXPECTED = "use xF with F > 1 or +N";

    private final double factor;
    private final long incrementPerSecond;
    private final String text;

    private StepRule(final double factor, final long incrementPerSecond, final String text)
    {
        this.factor = factor;
        this.incrementPerSecond = incrementPerSecond;
        this.text = text;
    }

    /**
     * @param factor the factor, greater than 1.
     * @return a rule that multiplies the rate.
     */
    public static StepRule factor(final double factor)
    {
        if (!(factor > 1.0) || Double.isInfinite(factor))
        {
            throw BadInputException.option(OPTION, "'x" + factor + "' must grow the rate: " + EXPECTED);
        }
        return new StepRule(factor, 0, "x" + trim(factor));
    }

    /**
     * @param incrementPerSecond the increment in messages per second, at least 1.
     * @return a rule that adds to the rate.
     */
    public static StepRule increment(final long incrementPerSecond)
    {
        if (incrementPerSecond < 1)
        {
            throw BadInputException.option(OPTION, "'+" + incrementPerSecond + "' must grow the rate: " + EXPECTED);
        }
        return new StepRule(0, incrementPerSecond, "+" + incrementPerSecond);
    }

    /**
     * @param text the option value: {@code xF} (F > 1, {@code X} and {@code *} also accepted) or {@code +N}
     *             (N >= 1 messages per second, {@code k} and {@code M} suffixes accepted).
     * @return the rule.
     * @throws BadInputException naming {@code --step} when the text is not a growing step.
     */
    @JsonCreator
    public static StepRule parse(final String text)
    {
        final String value = text == null ? "" : text.trim();
        if (value.length() < 2)
        {
            throw BadInputException.option(OPTION, "'" + text + "' is not a step: " + EXPECTED);
        }
        final char kind = value.charAt(0);
        final String number = value.substring(1).trim();
        if (kind == 'x' || kind == 'X' || kind == '*')
        {
            final double factor;
            try
            {
                factor = Double.parseDouble(number);
            }
            catch (final NumberFormatException ex)
            {
                throw BadInputException.option(OPTION, "'" + text + "' is not a step: " + EXPECTED);
            }
            if (!(factor > 1.0) || Double.isInfinite(factor))
            {
                throw BadInputException.option(OPTION, "'" + text + "' must grow the rate: " + EXPECTED);
            }
            return new StepRule(factor, 0, "x" + trim(factor));
        }
        if (kind == '+')
        {
            final long increment;
            try
            {
                increment = RateText.parse(number);
            }
            catch (final IllegalArgumentException ex)
            {
                throw BadInputException.option(OPTION, "'" + text + "' is not a step: " + EXPECTED);
            }
            if (increment < 1)
            {
                throw BadInputException.option(OPTION, "'" + text + "' must grow the rate: " + EXPECTED);
            }
            return new StepRule(0, increment, "+" + increment);
        }
        throw BadInputException.option(OPTION, "'" + text + "' is not a step: " + EXPECTED);
    }

    /**
     * @param ratePerSecond the current rate.
     * @return the next rate, always at least one message per second higher.
     */
    public long next(final long ratePerSecond)
    {
        if (incrementPerSecond > 0)
        {
            return saturatedAdd(ratePerSecond, incrementPerSecond);
        }
        final double grown = Math.ceil(ratePerSecond * factor);
        final long next = grown >= Long.MAX_VALUE ? Long.MAX_VALUE : (long)grown;
        return Math.max(next, saturatedAdd(ratePerSecond, 1));
    }

    /**
     * @return true for a factor, false for an increment.
     */
    public boolean isFactor()
    {
        return incrementPerSecond == 0;
    }

    /**
     * @return the factor, or 0 for an increment.
     */
    public double factor()
    {
        return factor;
    }

    /**
     * @return the increment in messages per second, or 0 for a factor.
     */
    public long incrementPerSecond()
    {
        return incrementPerSecond;
    }

    /**
     * @return the rule as the option takes it, for example {@code x1.5} or {@code +10000}.
     */
    @JsonValue
    @Override
    public String toString()
    {
        return text;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof StepRule && ((StepRule)other).text.equals(text);
    }

    @Override
    public int hashCode()
    {
        return text.hashCode();
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.6f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
