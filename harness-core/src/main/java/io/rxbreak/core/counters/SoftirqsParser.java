package io.rxbreak.core.counters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/softirqs}: a header of {@code CPUn} columns (possible CPUs, offline ones included), then a
 * row per softirq ({@code NET_RX:} and counts). Only the NET_RX and NET_TX rows are kept; a NET_RX row is required,
 * NET_TX is optional. The CPU ids come from the header, never from the column number.
 */
public final class SoftirqsParser
{
    private static final String CPU_PREFIX = "CPU";

    private int[] cpus = new int[16];
    private long[] netRx = new long[16];
    private long[] netTx = new long[16];

    /**
     * @param data the file's bytes.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return its network rows.
     * @throws MalformedCounterException naming the line and what was expected.
     */
    public Softirqs parse(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        if (!cursor.nextLine())
        {
            throw cursor.failWhole("expected a header of CPU columns, found nothing");
        }
        final int columns = header(cursor);
        boolean rx = false;
        boolean tx = false;
        while (cursor.nextLine())
        {
            if (cursor.lineStartsWith("NET_RX:"))
            {
                row(cursor, netRx, columns, "NET_RX");
                rx = true;
            }
            else if (cursor.lineStartsWith("NET_TX:"))
            {
                row(cursor, netTx, columns, "NET_TX");
                tx = true;
            }
        }
        if (!rx)
        {
            throw cursor.failWhole("expected a NET_RX: row");
        }
        final List<SoftirqCpu> list = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++)
        {
            list.add(new SoftirqCpu(cpus[i], netRx[i], tx ? netTx[i] : SoftnetCpu.ABSENT));
        }
        return new Softirqs(list);
    }

    /**
     * @param file the file, for example {@code /proc/softirqs}.
     * @param files the reader to use.
     * @return its network rows, or null when the file does not exist.
     */
    public Softirqs read(final Path file, final CounterFiles files)
    {
        return files.read(file) ? parse(files.bytes(), files.length(), file.toString()) : null;
    }

    private int header(final LineCursor cursor)
    {
        int columns = 0;
        while (!cursor.atLineEnd())
        {
            final String name = cursor.token(' ', "a CPU column like CPU0");
            if (!name.startsWith(CPU_PREFIX))
            {
                throw cursor.fail("expected a CPU column like CPU0, got '" + name + "'");
            }
            final int cpu;
            try
            {
                cpu = Integer.parseInt(name.substring(CPU_PREFIX.length()));
            }
            catch (final NumberFormatException ex)
            {
                throw cursor.fail("expected a CPU column like CPU0, got '" + name + "'");
            }
            grow(columns + 1);
            cpus[columns++] = cpu;
            cursor.skipSpaces();
        }
        if (columns == 0)
        {
            throw cursor.fail("expected a header of CPU columns like CPU0 CPU1");
        }
        return columns;
    }

    private static void row(final LineCursor cursor, final long[] into, final int columns, final String name)
    {
        cursor.skipToken(name + ":");
        for (int i = 0; i < columns; i++)
        {
            into[i] = cursor.decimal(name + " count of column " + (i + 1));
        }
    }

    private void grow(final int columns)
    {
        if (columns > cpus.length)
        {
            cpus = java.util.Arrays.copyOf(cpus, cpus.length * 2);
            netRx = java.util.Arrays.copyOf(netRx, netRx.length * 2);
            netTx = java.util.Arrays.copyOf(netTx, netTx.length * 2);
        }
    }
}
