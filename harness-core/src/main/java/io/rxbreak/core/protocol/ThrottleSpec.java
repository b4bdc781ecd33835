package io.rxbreak.core.protocol;

import java.util.Locale;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.Layer;

/**
 * How the receiver is slowed on purpose, parsed once from text like {@code rate:5000} and immutable: a pure
 * description, which the receiver turns into its throttles and the controller reads (a ramp's {@code --throttle},
 * validated before anything starts; the throttle a receiver reports, for {@link #backlogLayer()}). Every throttle
 * leaves unread data in the kernel's socket buffer (reads are held off) instead of reading and discarding, except
 * the {@code queue:...:drop} throttle, whose whole point is loss inside the application.
 *
 * <ul>
 *   <li>{@code none}: read as fast as the kernel delivers.</li>
 *   <li>{@code cost:DURATION[:fixed|uniform|exponential]}: busy work per message on the receiving thread.</li>
 *   <li>{@code rate:N}: read at most N messages a second.</li>
 *   <li>{@code stall:PAUSE/PERIOD[:random]}: stop reading for PAUSE every PERIOD, optionally at random times.</li>
 *   <li>{@code queue:CAPACITY:COST:drop|block}: an application queue drained by a worker at COST a message.</li>
 * </ul>
 *
 * @param kind which throttle.
 * @param costNs the per-message cost of {@code cost} and {@code queue}, else 0.
 * @param distribution how the {@code cost} throttle draws each message's cost.
 * @param ratePerSecond the {@code rate} limit, else 0.
 * @param pauseNs the {@code stall} pause, else 0.
 * @param periodNs the {@code stall} period, else 0.
 * @param random whether stalls start at random times (a Poisson process with the same mean period).
 * @param queueCapacity the {@code queue} capacity in messages, else 0.
 * @param dropWhenFull for {@code queue}: drop (true) or block reading (false) when full.
 */
public record ThrottleSpec(
    Kind kind,
    long costNs,
    CostDistribution distribution,
    long ratePerSecond,
    long pauseNs,
    long periodNs,
    boolean random,
    int queueCapacity,
    boolean dropWhenFull)
{
    /** The throttle kinds. */
    public enum Kind
    {
        NONE, COST, RATE, STALL, QUEUE
    }

    /** How a per-message cost is drawn. */
    public enum CostDistribution
    {
        /** Exactly the cost every message. */
        FIXED,
        /** Uniform between 0 and twice the cost (mean: the cost). */
        UNIFORM,
        /** Exponential with the cost as its mean: mostly short, sometimes long. */
        EXPONENTIAL
    }

    /** No throttle. */
    public static final ThrottleSpec NONE = new ThrottleSpec(Kind.NONE, 0, CostDistribution.FIXED, 0, 0, 0, false, 0, false);

    /** The largest queue capacity accepted. */
    public static final int MAX_QUEUE_CAPACITY = 1 << 24;

    /** The option a throttle is given with. */
    public static final String OPTION = "--throttle";

    /**
     * @param text {@code --throttle} as typed.
     * @return the throttle.
     * @throws BadInputException naming {@code --throttle} and the expected form (exit code 2).
     */
    public static ThrottleSpec parse(final String text)
    {
        return parse(OPTION, text);
    }

    /**
     * @param option the option (or command) it came from, for messages, like {@code --throttle}.
     * @param text what the user typed.
     * @return the throttle.
     * @throws BadInputException naming the option and the expected form.
     */
    public static ThrottleSpec parse(final String option, final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        final String[] parts = value.split(":", -1);
        try
        {
            switch (parts[0])
            {
                case "none":
                    expectParts(parts, 1, 1);
                    return NONE;
                case "cost":
                    expectParts(parts, 2, 3);
                    return new ThrottleSpec(Kind.COST, positiveDuration(parts[1], "the cost"),
                        parts.length == 3 ? distribution(parts[2]) : CostDistribution.FIXED, 0, 0, 0, false, 0, false);
                case "rate":
                    expectParts(parts, 2, 2);
                    return new ThrottleSpec(Kind.RATE, 0, CostDistribution.FIXED, positiveLong(parts[1], "the rate"),
                        0, 0, false, 0, false);
                case "stall":
                    return parseStall(parts);
                case "queue":
                    return parseQueue(parts);
                default:
                    throw new IllegalArgumentException("unknown throttle '" + parts[0] + "'");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(option, "'" + text + "': " + ex.getMessage() + "; expected none, " +
                "cost:DURATION[:fixed|uniform|exponential], rate:N, stall:PAUSE/PERIOD[:random] or " +
                "queue:CAPACITY:COST:drop|block");
        }
    }

    private static ThrottleSpec parseStall(final String[] parts)
    {
        expectParts(parts, 2, 3);
        final String[] pausePeriod = parts[1].split("/", -1);
        if (pausePeriod.length != 2)
        {
            throw new IllegalArgumentException("a stall is PAUSE/PERIOD, like 50ms/1s");
        }
        final long pauseNs = positiveDuration(pausePeriod[0], "the pause");
        final long periodNs = positiveDuration(pausePeriod[1], "the period");
        if (pauseNs >= periodNs)
        {
            throw new IllegalArgumentException("the pause must be shorter than the period");
        }
        boolean random = false;
        if (parts.length == 3)
        {
            if (!"random".equals(parts[2]))
            {
                throw new IllegalArgumentException("'" + parts[2] + "' is not 'random'");
            }
            random = true;
        }
        return new ThrottleSpec(Kind.STALL, 0, CostDistribution.FIXED, 0, pauseNs, periodNs, random, 0, false);
    }

    private static ThrottleSpec parseQueue(final String[] parts)
    {
        expectParts(parts, 4, 4);
        final long capacity = positiveLong(parts[1], "the capacity");
        if (capacity > MAX_QUEUE_CAPACITY)
        {
            throw new IllegalArgumentException("the capacity may be at most " + MAX_QUEUE_CAPACITY);
        }
        final long costNs = positiveDuration(parts[2], "the cost");
        final boolean drop;
        switch (parts[3])
        {
            case "drop": drop = true; break;
            case "block": drop = false; break;
            default: throw new IllegalArgumentException("'" + parts[3] + "' is neither drop nor block");
        }
        return new ThrottleSpec(Kind.QUEUE, costNs, CostDistribution.FIXED, 0, 0, 0, false, (int)capacity, drop);
    }

    private static void expectParts(final String[] parts, final int min, final int max)
    {
        if (parts.length < min || parts.length > max)
        {
            throw new IllegalArgumentException("wrong number of ':'-separated fields for " + parts[0]);
        }
    }

    private static CostDistribution distribution(final String text)
    {
        for (final CostDistribution distribution : CostDistribution.values())
        {
            if (distribution.name().toLowerCase(Locale.ROOT).equals(text))
            {
                return distribution;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not fixed, uniform or exponential");
    }

    private static long positiveDuration(final String text, final String what)
    {
        final long ns = Units.parseDurationNs(text);
        if (ns <= 0)
        {
            throw new IllegalArgumentException(what + " must be > 0");
        }
        return ns;
    }

    private static long positiveLong(final String text, final String what)
    {
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number", ex);
        }
        if (value <= 0)
        {
            throw new IllegalArgumentException(what + " must be > 0");
        }
        return value;
    }

    /**
     * @return where a receiver slowed by this throttle builds its backlog when it falls behind: the application's
     *     queue for a queue that drops when full, else the socket buffer (every other throttle holds reads off, and a
     *     queue that blocks when full pushes back into the socket buffer).
     */
    public Layer backlogLayer()
    {
        return kind == Kind.QUEUE && dropWhenFull ? Layer.APPLICATION : Layer.SOCKET_BUFFER;
    }

    /**
     * @return the spec in the form it is parsed from, e.g. {@code stall:50ms/1s:random}.
     */
    @Override
    public String toString()
    {
        switch (kind)
        {
            case COST: return "cost:" + Units.formatDuration(costNs) + ":" + distribution.name().toLowerCase(Locale.ROOT);
            case RATE: return "rate:" + ratePerSecond;
            case STALL: return "stall:" + Units.formatDuration(pauseNs) + "/" + Units.formatDuration(periodNs) +
                (random ? ":random" : "");
            case QUEUE: return "queue:" + queueCapacity + ":" + Units.formatDuration(costNs) + ":" +
                (dropWhenFull ? "drop" : "block");
            default: return "none";
        }
    }
}
