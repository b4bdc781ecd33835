package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code /sys/class/net/DEV/statistics/*} of every interface: each file holds one decimal u64.
 */
public final class InterfaceStatisticsReader
{
    private final Path classNet;
    private final CounterFiles files;

    /**
     * @param sysRoot the {@code /sys} root.
     * @param files the reader to use.
     */
    public InterfaceStatisticsReader(final Path sysRoot, final CounterFiles files)
    {
        this.classNet = sysRoot.resolve("class").resolve("net");
        this.files = files;
    }

    /**
     * @return interface name to statistic name to value, sorted by name, or null when there is no
     *     {@code class/net} folder.
     * @throws MalformedCounterException when a file does not hold one number.
     */
    public Map<String, Map<String, Long>> read()
    {
        if (!Files.isDirectory(classNet))
        {
            return null;
        }
        final Map<String, Map<String, Long>> interfaces = new LinkedHashMap<>();
        for (final Path device : sorted(classNet))
        {
            final Path statistics = device.resolve("statistics");
            if (!Files.isDirectory(statistics))
            {
                continue;
            }
            final Map<String, Long> values = new LinkedHashMap<>();
            for (final Path file : sorted(statistics))
            {
                final Long value = readValue(file);
                if (value != null)
                {
                    values.put(file.getFileName().toString(), value);
                }
            }
            interfaces.put(device.getFileName().toString(), values);
        }
        return interfaces;
    }

    private Long readValue(final Path file)
    {
        final boolean exists;
        try
        {
            exists = files.read(file);
        }
        catch (final UncheckedIOException ex)
        {
            return null; // some drivers refuse some statistics (EOPNOTSUPP): absent, never zero
        }
        if (!exists)
        {
            return null;
        }
        final LineCursor cursor = new LineCursor(files.bytes(), files.length(), file.toString());
        if (!cursor.nextLine())
        {
            throw cursor.failWhole("expected one decimal number, found an empty file");
        }
        final long value = cursor.decimal("the statistic");
        if (!cursor.atLineEnd() || cursor.nextLine())
        {
            throw cursor.fail("expected one decimal number only");
        }
        return value;
    }

    private static List<Path> sorted(final Path dir)
    {
        final List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            stream.forEach(entries::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not list " + dir + ": " + ex.getMessage(), ex);
        }
        entries.sort(null);
        return entries;
    }
}
