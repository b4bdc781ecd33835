package io.rxbreak.core.counters;

import java.util.List;

/**
 * One interface's row of {@code /proc/net/dev}: 8 receive and 8 transmit counters (u64).
 *
 * @param name the interface name.
 * @param values the 16 counters in {@link #COLUMNS} order.
 */
public record NetDevInterface(String name, long[] values)
{
    /** The column names, as the JSON contract spells them. */
    public static final List<String> COLUMNS = List.of(
        "rxBytes", "rxPackets", "rxErrors", "rxDropped", "rxFifo", "rxFrame", "rxCompressed", "rxMulticast",
        "txBytes", "txPackets", "txErrors", "txDropped", "txFifo", "txCollisions", "txCarrier", "txCompressed");

    public long rxBytes()
    {
        return values[0];
    }

    public long rxPackets()
    {
        return values[1];
    }

    public long rxErrors()
    {
        return values[2];
    }

    /**
     * @return rx drop: packets the driver or stack dropped (no buffer, unknown protocol on some drivers).
     */
    public long rxDropped()
    {
        return values[3];
    }

    /**
     * @return rx fifo: ring or FIFO overruns in the NIC.
     */
    public long rxFifo()
    {
        return values[4];
    }

    public long rxMulticast()
    {
        return values[7];
    }

    public long txPackets()
    {
        return values[9];
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof NetDevInterface && ((NetDevInterface)other).name.equals(name) &&
            java.util.Arrays.equals(((NetDevInterface)other).values, values);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString()
    {
        return "NetDevInterface{" + name + " " + java.util.Arrays.toString(values) + "}";
    }
}
