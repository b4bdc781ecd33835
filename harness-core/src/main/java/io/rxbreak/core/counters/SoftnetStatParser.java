package io.rxbreak.core.counters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/softnet_stat} by column count, never by kernel version: columns it knows are kept,
 * further columns are ignored. Every row must have at least 9 columns and all rows the same count.
 */
public final class SoftnetStatParser
{
    /** The fewest columns any kernel prints. */
    public static final int MIN_COLUMNS = 9;
    private static final int MAX_KNOWN_COLUMNS = 15;
    private static final int CPU_COLUMN = 13;

    private static final String[] COLUMN_NAMES = new String[MAX_KNOWN_COLUMNS + 2];

    static
    {
        for (int i = 1; i <= MAX_KNOWN_COLUMNS; i++)
        {
            COLUMN_NAMES[i] = "column " + i;
        }
        COLUMN_NAMES[MAX_KNOWN_COLUMNS + 1] = "a further column";
    }

    private final long[] fields = new long[MAX_KNOWN_COLUMNS + 1];

    /**
     * @param data the file's bytes.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return the snapshot.
     * @throws MalformedCounterException naming the line and what was expected.
     */
    public SoftnetStat parse(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        final List<SoftnetCpu> rows = new ArrayList<>();
        int columns = -1;
        int row = 0;
        while (cursor.nextLine())
        {
            final int count = parseRow(cursor);
            if (count < MIN_COLUMNS)
            {
                throw cursor.fail("expected at least " + MIN_COLUMNS + " hexadecimal columns, got " + count);
            }
            if (columns >= 0 && count != columns)
            {
                throw cursor.fail("expected " + columns + " columns like the rows above, got " + count);
            }
            columns = count;
            final int cpu = count >= CPU_COLUMN ? (int)fields[CPU_COLUMN] : row;
            rows.add(new SoftnetCpu(
                cpu,
                fields[1],
                fields[2],
                fields[3],
                fields[9],
                count >= 10 ? fields[10] : SoftnetCpu.ABSENT,
                count >= 11 ? fields[11] : SoftnetCpu.ABSENT,
                count >= 12 ? fields[12] : SoftnetCpu.ABSENT,
                count >= 14 ? fields[14] : SoftnetCpu.ABSENT,
                count >= 15 ? fields[15] : SoftnetCpu.ABSENT));
            row++;
        }
        if (rows.isEmpty())
        {
            throw cursor.failWhole("expected one row per CPU, found none");
        }
        return new SoftnetStat(rows, columns, columns >= CPU_COLUMN ? CpuIdSource.CPU_COLUMN : CpuIdSource.ROW_NUMBER);
    }

    /**
     * @param file the file, for example {@code /proc/net/softnet_stat}.
     * @param files the reader to use.
     * @return the snapshot, or null when the file does not exist.
     */
    public SoftnetStat read(final Path file, final CounterFiles files)
    {
        return files.read(file) ? parse(files.bytes(), files.length(), file.toString()) : null;
    }

    private int parseRow(final LineCursor cursor)
    {
        int column = 0;
        while (!cursor.atLineEnd())
        {
            column++;
            final long value = cursor.hex(COLUMN_NAMES[Math.min(column, MAX_KNOWN_COLUMNS + 1)]);
            if (value > 0xFFFF_FFFFL)
            {
                throw cursor.fail("expected column " + column + " to be a 32-bit hexadecimal number");
            }
            if (column <= MAX_KNOWN_COLUMNS)
            {
                fields[column] = value;
            }
        }
        return column;
    }
}
