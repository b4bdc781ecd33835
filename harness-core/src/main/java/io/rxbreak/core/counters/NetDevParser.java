package io.rxbreak.core.counters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/net/dev}: two header lines, then {@code name: } and 16 decimal counters per interface.
 */
public final class NetDevParser
{
    private static final int COLUMNS = 16;

    /**
     * @param data the file's bytes.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return interface name to its counters, in file order.
     * @throws MalformedCounterException naming the line and what was expected.
     */
    public Map<String, NetDevInterface> parse(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        if (!cursor.nextLine() || !cursor.lineStartsWith("Inter-"))
        {
            throw cursor.failWhole("expected the first header line starting with 'Inter-|'");
        }
        if (!cursor.nextLine() || !cursor.lineStartsWith("face"))
        {
            throw cursor.fail("expected the second header line starting with 'face |'");
        }
        final Map<String, NetDevInterface> interfaces = new LinkedHashMap<>();
        while (cursor.nextLine())
        {
            final String name = cursor.token(':', "an interface name followed by ':'");
            cursor.expect(':', "after the interface name " + name);
            final long[] values = new long[COLUMNS];
            for (int i = 0; i < COLUMNS; i++)
            {
                if (cursor.atLineEnd())
                {
                    throw cursor.fail("expected " + COLUMNS + " counters for " + name + ", found " + i);
                }
                values[i] = cursor.decimal(NetDevInterface.COLUMNS.get(i) + " of " + name);
            }
            if (!cursor.atLineEnd())
            {
                throw cursor.fail("expected " + COLUMNS + " counters for " + name + ", found more");
            }
            interfaces.put(name, new NetDevInterface(name, values));
        }
        return interfaces;
    }

    /**
     * @param file the file, for example {@code /proc/net/dev}.
     * @param files the reader to use.
     * @return the interfaces, or null when the file does not exist.
     */
    public Map<String, NetDevInterface> read(final Path file, final CounterFiles files)
    {
        return files.read(file) ? parse(files.bytes(), files.length(), file.toString()) : null;
    }
}
