package io.rxbreak.core.counters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/snmp}: pairs of lines per protocol, a header {@code Udp: InDatagrams NoPorts ...} and
 * its values {@code Udp: 17 0 ...}, read by header name so that any set of columns works. {@code /proc/net/netstat}
 * ({@code TcpExt:}, {@code IpExt:}, {@code MPTcpExt:}) has the same layout and is read by this parser too.
 */
public final class SnmpParser
{
    /**
     * @param data the file's bytes.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return every section.
     * @throws MalformedCounterException naming the line and what was expected.
     */
    public SnmpCounters parse(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        final Map<String, Map<String, Long>> sections = new LinkedHashMap<>();
        final List<String> names = new ArrayList<>();
        while (cursor.nextLine())
        {
            final String section = cursor.token(':', "a section name like 'Udp:'");
            cursor.expect(':', "after the section name " + section);
            names.clear();
            while (!cursor.atLineEnd())
            {
                names.add(cursor.token(' ', "a column name"));
            }
            if (names.isEmpty())
            {
                throw cursor.fail("expected column names after '" + section + ":'");
            }
            if (!cursor.nextLine())
            {
                throw cursor.failWhole("expected a line of values after the '" + section + ":' header at the end");
            }
            final String valueSection = cursor.token(':', "the section name '" + section + ":'");
            if (!valueSection.equals(section))
            {
                throw cursor.fail("expected the values of '" + section + ":', found section '" + valueSection + "'");
            }
            cursor.expect(':', "after the section name " + section);
            final Map<String, Long> columns = new LinkedHashMap<>();
            for (final String name : names)
            {
                if (cursor.atLineEnd())
                {
                    throw cursor.fail("expected " + names.size() + " values for the " + names.size() +
                        " columns of '" + section + ":', the value of " + name + " is missing");
                }
                columns.put(name, cursor.decimal(section + " " + name));
            }
            if (!cursor.atLineEnd())
            {
                throw cursor.fail("expected " + names.size() + " values for the columns of '" + section +
                    ":', found more");
            }
            if (sections.put(section, columns) != null)
            {
                throw cursor.fail("expected each section once, '" + section + ":' appears twice");
            }
        }
        if (sections.isEmpty())
        {
            throw cursor.failWhole("expected header and value lines like 'Udp: InDatagrams ...', found none");
        }
        return new SnmpCounters(sections);
    }

    /**
     * @param file the file, for example {@code /proc/net/snmp}.
     * @param files the reader to use.
     * @return the snapshot, or null when the file does not exist.
     */
    public SnmpCounters read(final Path file, final CounterFiles files)
    {
        return files.read(file) ? parse(files.bytes(), files.length(), file.toString()) : null;
    }
}
