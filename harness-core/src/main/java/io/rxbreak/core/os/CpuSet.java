package io.rxbreak.core.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import io.rxbreak.core.config.BadInputException;

/**
 * A set of CPU numbers, written as Linux writes CPU lists ({@code 0-3,6}). Immutable.
 */
public final class CpuSet
{
    /** The most CPUs a set may name (the kernel's default cpu_set_t holds 1024). */
    public static final int MAX_CPUS = 1024;

    private final BitSet cpus;

    private CpuSet(final BitSet cpus)
    {
        this.cpus = (BitSet)cpus.clone();
    }

    /**
     * @param list a CPU list like {@code 0-3,6}.
     * @param option the option it came from, for the error.
     * @return the set.
     * @throws BadInputException naming the option when the list is malformed or empty.
     */
    public static CpuSet parse(final String list, final String option)
    {
        final BitSet cpus = new BitSet();
        try
        {
            parseInto(list, cpus);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(option, "'" + list + "' is not a CPU list like 0-3,6: " + ex.getMessage());
        }
        if (cpus.isEmpty())
        {
            throw BadInputException.option(option, "'" + list + "' names no CPU");
        }
        return new CpuSet(cpus);
    }

    private static void parseInto(final String list, final BitSet cpus)
    {
        for (final String part : list.trim().split(","))
        {
            final String range = part.trim();
            if (range.isEmpty())
            {
                continue;
            }
            final int dash = range.indexOf('-');
            final int from = cpu(dash < 0 ? range : range.substring(0, dash));
            final int to = dash < 0 ? from : cpu(range.substring(dash + 1));
            if (to < from)
            {
                throw new IllegalArgumentException("the range " + range + " runs backwards");
            }
            cpus.set(from, to + 1);
        }
    }

    private static int cpu(final String text)
    {
        final int cpu;
        try
        {
            cpu = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a CPU number", ex);
        }
        if (cpu < 0 || cpu >= MAX_CPUS)
        {
            throw new IllegalArgumentException("CPU " + cpu + " is out of range 0-" + (MAX_CPUS - 1));
        }
        return cpu;
    }

    /**
     * @param cpus CPU numbers.
     * @return the set of them.
     */
    public static CpuSet of(final int... cpus)
    {
        final BitSet set = new BitSet();
        for (final int cpu : cpus)
        {
            set.set(cpu);
        }
        return new CpuSet(set);
    }

    /**
     * @return the CPUs online now ({@code /sys/devices/system/cpu/online}), or CPUs 0 to availableProcessors - 1
     *     when that cannot be read.
     */
    public static CpuSet online()
    {
        try
        {
            final BitSet cpus = new BitSet();
            parseInto(Files.readString(Path.of("/sys/devices/system/cpu/online")), cpus);
            if (!cpus.isEmpty())
            {
                return new CpuSet(cpus);
            }
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            // fall through
        }
        final BitSet cpus = new BitSet();
        cpus.set(0, Runtime.getRuntime().availableProcessors());
        return new CpuSet(cpus);
    }

    static CpuSet fromMask(final byte[] mask)
    {
        return new CpuSet(BitSet.valueOf(mask));
    }

    byte[] toMask()
    {
        final byte[] mask = new byte[MAX_CPUS / 8];
        final byte[] bits = cpus.toByteArray();
        System.arraycopy(bits, 0, mask, 0, Math.min(bits.length, mask.length));
        return mask;
    }

    public int size()
    {
        return cpus.cardinality();
    }

    public boolean isEmpty()
    {
        return cpus.isEmpty();
    }

    public boolean contains(final int cpu)
    {
        return cpu >= 0 && cpus.get(cpu);
    }

    /**
     * @param other another set.
     * @return whether the two share a CPU.
     */
    public boolean intersects(final CpuSet other)
    {
        return cpus.intersects(other.cpus);
    }

    /**
     * @param other another set.
     * @return the CPUs of this set that are not in the other.
     */
    public CpuSet minus(final CpuSet other)
    {
        final BitSet rest = (BitSet)cpus.clone();
        rest.andNot(other.cpus);
        return new CpuSet(rest);
    }

    /**
     * @param other another set.
     * @return the CPUs in either.
     */
    public CpuSet or(final CpuSet other)
    {
        final BitSet either = (BitSet)cpus.clone();
        either.or(other.cpus);
        return new CpuSet(either);
    }

    /**
     * @param other another set.
     * @return the CPUs in both.
     */
    public CpuSet and(final CpuSet other)
    {
        final BitSet both = (BitSet)cpus.clone();
        both.and(other.cpus);
        return new CpuSet(both);
    }

    /**
     * @param other another set.
     * @return whether every CPU of this set is in the other.
     */
    public boolean isSubsetOf(final CpuSet other)
    {
        return minus(other).isEmpty();
    }

    /**
     * @return the lowest CPU, or -1 when empty.
     */
    public int first()
    {
        return cpus.nextSetBit(0);
    }

    /**
     * @return the highest CPU, or -1 when empty.
     */
    public int last()
    {
        return cpus.length() - 1;
    }

    /**
     * @return the set as a CPU list, like {@code 0-3,6}.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        int from = cpus.nextSetBit(0);
        while (from >= 0)
        {
            final int to = cpus.nextClearBit(from) - 1;
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(from);
            if (to > from)
            {
                text.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return text.toString();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CpuSet && ((CpuSet)other).cpus.equals(cpus);
    }

    @Override
    public int hashCode()
    {
        return cpus.hashCode();
    }
}
