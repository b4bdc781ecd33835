package io.rxbreak.core.timeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The application's own loss events, from a file it wrote: one event per line, {@code TIME [COUNT]}, separated by
 * spaces, a tab or a comma. TIME is epoch seconds (decimals allowed), milliseconds, microseconds or nanoseconds
 * (told apart by size: below 10^11 seconds, below 10^14 milliseconds, below 10^17 microseconds, else nanoseconds),
 * or ISO-8601 with a zone ({@code 2026-12-02T05:41:45.250Z}, {@code 2026-12-02T06:41:45+01:00}). COUNT is how many
 * messages the event lost (default 1). Blank lines and lines starting with {@code #} are skipped.
 *
 * @param epochMs each event's time, ms since the epoch, sorted.
 * @param counts the messages each lost.
 */
public record AppLossEvents(long[] epochMs, long[] counts)
{
    private static final long SECONDS_BELOW = 100_000_000_000L;
    private static final long MILLIS_BELOW = 100_000_000_000_000L;
    private static final long MICROS_BELOW = 100_000_000_000_000_000L;

    /**
     * @param file the events file.
     * @return its events, sorted by time.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the first line that is not an event.
     */
    public static AppLossEvents read(final Path file) throws IOException
    {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param lines the file's lines.
     * @param source its name, for errors.
     * @return the events, sorted by time.
     * @throws IllegalArgumentException naming the first line that is not an event.
     */
    public static AppLossEvents parse(final List<String> lines, final String source)
    {
        long[][] events = new long[lines.size()][];
        int size = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] fields = line.split("[\\s,]+");
            if (fields.length > 2)
            {
                throw bad(source, i, line, "TIME [COUNT], two fields at most");
            }
            final long count;
            try
            {
                count = fields.length == 2 ? Long.parseLong(fields[1]) : 1;
            }
            catch (final NumberFormatException ex)
            {
                throw bad(source, i, line, "a whole number of messages lost after the time");
            }
            if (count < 0)
            {
                throw bad(source, i, line, "a count of 0 or more");
            }
            events[size++] = new long[] {epochMs(fields[0], source, i, line), count};
        }
        events = Arrays.copyOf(events, size);
        Arrays.sort(events, (a, b) -> Long.compare(a[0], b[0]));
        final long[] times = new long[size];
        final long[] counts = new long[size];
        for (int i = 0; i < size; i++)
        {
            times[i] = events[i][0];
            counts[i] = events[i][1];
        }
        return new AppLossEvents(times, counts);
    }

    /**
     * @param fromEpochMs the start, excluded.
     * @param toEpochMs the end, included.
     * @return the messages lost by the events in between.
     */
    public long lostBetween(final long fromEpochMs, final long toEpochMs)
    {
        int i = Arrays.binarySearch(epochMs, fromEpochMs + 1);
        if (i < 0)
        {
            i = -i - 1;
        }
        while (i > 0 && epochMs[i - 1] > fromEpochMs)
        {
            i--;
        }
        long lost = 0;
        for (; i < epochMs.length && epochMs[i] <= toEpochMs; i++)
        {
            lost += counts[i];
        }
        return lost;
    }

    /**
     * @return how many events.
     */
    public int size()
    {
        return epochMs.length;
    }

    private static long epochMs(final String time, final String source, final int index, final String line)
    {
        if (time.indexOf('T') > 0)
        {
            try
            {
                return OffsetDateTime.parse(time).toInstant().toEpochMilli();
            }
            catch (final DateTimeParseException ex)
            {
                try
                {
                    return Instant.parse(time).toEpochMilli();
                }
                catch (final DateTimeParseException again)
                {
                    throw bad(source, index, line, "ISO-8601 with a zone, like 2026-12-02T05:41:45.250Z");
                }
            }
        }
        final BigDecimal value;
        try
        {
            value = new BigDecimal(time);
        }
        catch (final NumberFormatException ex)
        {
            throw bad(source, index, line, "a time: epoch seconds, ms, us or ns, or ISO-8601");
        }
        if (value.signum() < 0)
        {
            throw bad(source, index, line, "a time after the epoch");
        }
        if (value.compareTo(BigDecimal.valueOf(SECONDS_BELOW)) < 0)
        {
            return value.movePointRight(3).longValue();
        }
        if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0)
        {
            throw bad(source, index, line, "decimals only with epoch seconds");
        }
        final long whole = value.longValue();
        if (whole < MILLIS_BELOW)
        {
            return whole;
        }
        return whole < MICROS_BELOW ? whole / 1_000 : whole / 1_000_000;
    }

    private static IllegalArgumentException bad(final String source, final int index, final String line,
        final String expected)
    {
        return new IllegalArgumentException(source + " line " + (index + 1) + ": expected " + expected + ", got '"
            + line + "'");
    }
}
