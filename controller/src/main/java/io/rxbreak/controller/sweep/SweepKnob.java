package io.rxbreak.controller.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.rxbreak.controller.SandboxSetup;
import io.rxbreak.controller.tune.TuneFile;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * The knob a sweep turns and the values it takes, parsed once from {@code KNOB=V1,V2,...}. Values are separated by
 * commas, or by semicolons when one holds a comma itself (a CPU list: {@code rps=1;0,1}). Each value becomes ramp
 * options ({@link #rampArgs(SweepValue, List)}); the ramp itself checks every value as it checks what a person
 * types, so this parses only what the sweep needs: a number to order and draw the points by.
 *
 * @param kind which knob.
 * @param name the knob as typed (lower case; a sysctl's dotted name).
 * @param values the values, in the order given, none twice.
 */
public record SweepKnob(Kind kind, String name, List<SweepValue> values)
{
    /** The text that stands for the value inside the ramp's {@code --throttle} (like {@code stall:{}/100ms}). */
    public static final String PLACEHOLDER = "{}";

    private static final Pattern SYSCTL = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_-]+)+");

    /** The knobs, each with the ramp option it sets. */
    public enum Kind
    {
        /** {@code rcvbuf}: the receiver's SO_RCVBUF request, {@code --rcvbuf}. */
        RCVBUF("--rcvbuf", Unit.BYTES),
        /** {@code sockets}: receiving sockets per group, {@code --sockets}. */
        SOCKETS("--sockets", Unit.COUNT),
        /** {@code size}: the datagram length, {@code --size}. */
        SIZE("--size", Unit.BYTES),
        /** {@code throttle}: a whole throttle spec, or the part that fills {@code {}} in the ramp's --throttle. */
        THROTTLE(ThrottleSpec.OPTION, Unit.NONE),
        /** {@code busy-poll}: the receiver's SO_BUSY_POLL in microseconds, {@code --busy-poll}. */
        BUSY_POLL("--busy-poll", Unit.COUNT),
        /** {@code rps}: RPS of the sandbox's loopback to a CPU list, {@code --sandbox-rps}. */
        RPS(SandboxSetup.RPS_OPTION, Unit.NONE),
        /** A sysctl set inside the sandbox, {@code --sandbox-sysctl NAME=VALUE}. */
        SYSCTL(SandboxSetup.SYSCTL_OPTION, Unit.COUNT),
        /**
         * A machine-wide sysctl (a network namespace has no copy of it), set on the host for each point through a
         * tuning file of the point's own ({@code --tune FILE}, with the ramp's {@code --tune-host}), restored after.
         */
        HOST_SYSCTL(TuneFile.OPTION, Unit.COUNT);

        private final String option;
        private final Unit unit;

        Kind(final String option, final Unit unit)
        {
            this.option = option;
            this.unit = unit;
        }

        /**
         * @return the ramp option the knob sets.
         */
        public String option()
        {
            return option;
        }

        /**
         * @return what its numeric values count.
         */
        public Unit unit()
        {
            return unit;
        }
    }

    /** What a knob's numeric values count: how the chart draws them and how the sentence writes them. */
    public enum Unit
    {
        /** Bytes: a logarithmic axis, binary units. */
        BYTES,
        /** A plain number. */
        COUNT,
        /** Not a number (a throttle spec, a CPU list): the values in the order given. */
        NONE
    }

    /**
     * Copies the values.
     */
    public SweepKnob
    {
        values = List.copyOf(values);
    }

    /**
     * @param text {@code KNOB=V1,V2,...} as typed.
     * @param throttlePlaceholder whether the ramp options give a {@code --throttle} with {@value #PLACEHOLDER} in it,
     *     which a {@code throttle} knob's values then fill.
     * @return the knob.
     * @throws BadInputException one line naming what to change.
     */
    public static SweepKnob parse(final String text, final boolean throttlePlaceholder)
    {
        final int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1)
        {
            throw bad("'" + text + "' is not KNOB=V1,V2,...: give the knob first, like rcvbuf=256KiB,1MiB,4MiB "
                + "(knobs: rcvbuf, sockets, size, throttle, busy-poll, rps, or a sysctl like net.ipv4.udp_rmem_min)");
        }
        final String name = text.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        final Kind kind = kind(name);
        final List<SweepValue> values = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final String list = text.substring(equals + 1);
        for (final String raw : list.split(list.indexOf(';') >= 0 ? ";" : ",", -1))
        {
            final String value = raw.trim();
            if (value.isEmpty())
            {
                throw bad(name + ": an empty value in '" + list + "': separate the values with one comma (or with "
                    + "semicolons when a value holds a comma, like rps=1;0,1)");
            }
            if (!seen.add(value))
            {
                throw bad(name + ": '" + value + "' is given twice");
            }
            values.add(new SweepValue(value, numeric(kind, name, value, throttlePlaceholder)));
        }
        if (values.size() < 2)
        {
            throw bad(name + ": a sweep needs two values or more, like " + name + "=" + list + ",...");
        }
        return new SweepKnob(kind, name, values);
    }

    private static Kind kind(final String name)
    {
        switch (name)
        {
            case "rcvbuf":
                return Kind.RCVBUF;
            case "sockets":
                return Kind.SOCKETS;
            case "size":
                return Kind.SIZE;
            case "throttle":
                return Kind.THROTTLE;
            case "rps":
                return Kind.RPS;
            case "busy-poll":
                return Kind.BUSY_POLL;
            default:
                if (SYSCTL.matcher(name).matches())
                {
                    return Kind.SYSCTL;
                }
                throw bad("unknown knob '" + name + "': rcvbuf, sockets, size, throttle, busy-poll, rps, or a sysctl like "
                    + "net.ipv4.udp_rmem_min");
        }
    }

    private static Double numeric(final Kind kind, final String name, final String value,
        final boolean throttlePlaceholder)
    {
        try
        {
            switch (kind)
            {
                case RCVBUF:
                case SIZE:
                    return (double)Units.parseBytes(value);
                case SOCKETS:
                case BUSY_POLL:
                    return (double)Integer.parseInt(value);
                case THROTTLE:
                    return throttlePlaceholder ? number(value) : null;
                case SYSCTL:
                case HOST_SYSCTL:
                    return number(value);
                default:
                    return null;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw bad(name + ": " + (kind == Kind.SOCKETS || kind == Kind.BUSY_POLL ? "'" + value
                + "' is not a whole number" : ex.getMessage()));
        }
    }

    /**
     * @return the value as a number: a plain one, or a duration in nanoseconds ({@code 5ms}); null when it is
     *     neither (a sysctl's {@code 4096 87380 6291456}).
     */
    private static Double number(final String value)
    {
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            try
            {
                return (double)Units.parseDurationNs(value);
            }
            catch (final IllegalArgumentException notADuration)
            {
                return null;
            }
        }
    }

    private static BadInputException bad(final String problem)
    {
        return new BadInputException("KNOB " + problem);
    }

    /**
     * @return the option among the ramp's that this knob sets, which the ramp options may not give too (a sysctl's
     *     {@code --sandbox-sysctl} may, for other sysctls).
     */
    public String option()
    {
        return kind.option();
    }

    /**
     * @param value one of the values.
     * @param rampArgs the ramp options given to the sweep.
     * @return the ramp options of that point: those given, with the knob's option and value added (or, for a
     *     {@code throttle} knob with a placeholder, the value put into the given {@code --throttle}).
     */
    public List<String> rampArgs(final SweepValue value, final List<String> rampArgs)
    {
        final List<String> args = new ArrayList<>();
        boolean placed = false;
        for (int i = 0; i < rampArgs.size(); i++)
        {
            final String arg = rampArgs.get(i);
            if (kind == Kind.THROTTLE && arg.startsWith(ThrottleSpec.OPTION + "=") && arg.contains(PLACEHOLDER))
            {
                args.add(arg.replace(PLACEHOLDER, value.text()));
                placed = true;
            }
            else if (kind == Kind.THROTTLE && arg.equals(ThrottleSpec.OPTION) && i + 1 < rampArgs.size() &&
                rampArgs.get(i + 1).contains(PLACEHOLDER))
            {
                args.add(arg);
                args.add(rampArgs.get(++i).replace(PLACEHOLDER, value.text()));
                placed = true;
            }
            else
            {
                args.add(arg);
            }
        }
        if (!placed)
        {
            args.add(kind.option());
            args.add(kind == Kind.SYSCTL ? name + "=" + value.text() : value.text());
        }
        return args;
    }

    /**
     * @param rampArgs the ramp options given to the sweep.
     * @return the ramp's {@code --throttle} when it holds {@value #PLACEHOLDER}, else null.
     */
    public static String throttleTemplate(final List<String> rampArgs)
    {
        for (int i = 0; i < rampArgs.size(); i++)
        {
            final String arg = rampArgs.get(i);
            if (arg.startsWith(ThrottleSpec.OPTION + "=") && arg.contains(PLACEHOLDER))
            {
                return arg.substring(ThrottleSpec.OPTION.length() + 1);
            }
            if (arg.equals(ThrottleSpec.OPTION) && i + 1 < rampArgs.size() && rampArgs.get(i + 1).contains(PLACEHOLDER))
            {
                return rampArgs.get(i + 1);
            }
        }
        return null;
    }

    /**
     * @param value one of the values.
     * @return the name of its run folder under the sweep's: {@code rcvbuf=4MiB}, {@code throttle=stall_5ms_100ms}
     *     (characters a file name should not hold become {@code _}).
     */
    public String folderName(final SweepValue value)
    {
        return (name + "=" + value.text()).replaceAll("[^A-Za-z0-9._,=+-]", "_");
    }

    /**
     * @return whether the values are numbers, so that the points are ordered and drawn by them.
     */
    public boolean numeric()
    {
        for (final SweepValue value : values)
        {
            if (value.numeric() == null)
            {
                return false;
            }
        }
        return true;
    }
}
