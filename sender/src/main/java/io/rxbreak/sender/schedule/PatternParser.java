package io.rxbreak.sender.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedRouting;

/**
 * Turns {@code --pattern} and {@code --rate} into a {@link Schedule}, with errors that name the option: the pattern
 * is read by harness-core's {@link PatternSpec} (which the controller reads too), the rate here. Burst, steps and
 * replay carry their own rate, so {@code --rate} is refused with them.
 */
public final class PatternParser
{
    /** The rate when none is given. */
    public static final long DEFAULT_RATE_PER_SECOND = PatternSpec.DEFAULT_RATE_PER_SECOND;

    private static final String PATTERN = PatternSpec.OPTION;
    private static final String RATE = PatternSpec.RATE_OPTION;

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
        final PatternSpec.Kind kind = PatternSpec.Kind.of(pattern);
        if (kind == PatternSpec.Kind.CONSTANT)
        {
            if (rate != null && "max".equalsIgnoreCase(rate.trim()))
            {
                return new MaxRateSchedule();
            }
            return new ConstantSchedule(rate == null ? DEFAULT_RATE_PER_SECOND : parseRate(RATE, rate));
        }
        if (kind == PatternSpec.Kind.ONOFF)
        {
            // the rate is read first: with both wrong, the rate is named
            final long ratePerSecond = rate == null ? DEFAULT_RATE_PER_SECOND : parseRateNotMax(rate, kind);
            return onOff(PatternSpec.parse(pattern), ratePerSecond);
        }
        if (rate != null)
        {
            throw BadInputException.option(RATE, "not used with --pattern " + kind.label() +
                ", which sets its own rate");
        }
        return of(PatternSpec.parse(pattern));
    }

    /**
     * @param spec a pattern that sets its own rate (burst, steps or replay).
     * @return its schedule; a feed file is read now.
     */
    private static Schedule of(final PatternSpec spec)
    {
        switch (spec.kind())
        {
            case BURST:
                return new BurstSchedule(spec.burstMessages(), spec.burstPeriodNs());
            case STEPS:
            {
                final List<StepsSchedule.Step> steps = new ArrayList<>();
                for (final PatternSpec.Step step : spec.steps())
                {
                    steps.add(new StepsSchedule.Step(step.ratePerSecond(), step.durationNs()));
                }
                return new StepsSchedule(steps);
            }
            case REPLAY:
            {
                // a feed that names no group, sent round robin over the sender's groups at its own speed; a feed
                // that names its groups is replayed through ReplayFeed, which maps them onto the sender's
                final Feed feed = Feed.read(Path.of(spec.file()));
                if (FeedRouting.resolve(feed, List.of(), true) != null)
                {
                    throw BadInputException.option(PATTERN, spec.file() + " names its groups: replay it with " +
                        "'rxbreak send --pattern replay:" + spec.file() + "'");
                }
                return new ReplaySchedule(feed, null, 1, 1, 0);
            }
            default:
                throw new IllegalArgumentException(spec.kind() + " takes a rate");
        }
    }

    /**
     * @param option the option, for messages.
     * @param text a rate: a whole number with an optional k (thousand) or M (million).
     * @return messages per second, 1 to {@link ConstantSchedule#MAX_RATE_PER_SECOND}.
     */
    public static long parseRate(final String option, final String text)
    {
        return PatternSpec.parseRate(option, text);
    }

    private static long parseRateNotMax(final String rate, final PatternSpec.Kind kind)
    {
        if ("max".equalsIgnoreCase(rate.trim()))
        {
            throw BadInputException.option(RATE, "max works only with --pattern constant, not " + kind.label());
        }
        return parseRate(RATE, rate);
    }

    private static OnOffSchedule onOff(final PatternSpec spec, final long ratePerSecond)
    {
        if (new ConstantSchedule(ratePerSecond).countBefore(spec.onNs()) < 1)
        {
            throw BadInputException.option(PATTERN, "onoff ON window is too short for any message");
        }
        return new OnOffSchedule(ratePerSecond, spec.onNs(), spec.offNs());
    }
}
