package io.rxbreak.sender.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.wire.MessageHeader;

/**
 * Reads a playback timeline: a CSV with one message a line, {@code offset_ns,size}, like sockperf's playback
 * files. Blank lines and lines starting with {@code #} are skipped, and so is a header line starting with a letter
 * on the first line. Any other problem is bad input naming the file and line.
 */
public final class PlaybackFile
{
    private PlaybackFile()
    {
    }

    /**
     * @param option the option it came from, for messages.
     * @param file the CSV file.
     * @return the schedule.
     * @throws BadInputException naming {@code file:line} when it is unreadable or malformed.
     */
    public static PlaybackSchedule read(final String option, final Path file)
    {
        long[] offsets = new long[1024];
        int[] lengths = new int[1024];
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                final String text = line.trim();
                if (text.isEmpty() || text.startsWith("#") || (count == 0 && Character.isLetter(text.charAt(0))))
                {
                    continue;
                }
                final String[] fields = text.split("\\s*,\\s*");
                if (fields.length != 2)
                {
                    throw bad(option, file, lineNumber, "expected offset_ns,size but found '" + text + "'");
                }
                final long offsetNs = parse(option, file, lineNumber, fields[0], "offset_ns");
                final long size = parse(option, file, lineNumber, fields[1], "size");
                if (count > 0 && offsetNs < offsets[count - 1])
                {
                    throw bad(option, file, lineNumber, "offset " + offsetNs + " ns is before the previous line's " +
                        offsets[count - 1] + " ns; offsets must not decrease");
                }
                if (size < MessageHeader.LENGTH || size > MessageHeader.MAX_MESSAGE_LENGTH)
                {
                    throw bad(option, file, lineNumber, "size " + size + " is out of range: use " +
                        MessageHeader.LENGTH + " to " + MessageHeader.MAX_MESSAGE_LENGTH + " bytes");
                }
                if (count == offsets.length)
                {
                    offsets = Arrays.copyOf(offsets, count * 2);
                    lengths = Arrays.copyOf(lengths, count * 2);
                }
                offsets[count] = offsetNs;
                lengths[count] = (int)size;
                count++;
            }
        }
        catch (final IOException ex)
        {
            throw BadInputException.option(option, "cannot read playback file " + file + ": " + ex.getMessage());
        }
        if (count == 0)
        {
            throw BadInputException.option(option, file + ": no messages (expected lines of offset_ns,size)");
        }
        return new PlaybackSchedule(file, Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count));
    }

    private static long parse(final String option, final Path file, final int line, final String text, final String what)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value < 0)
            {
                throw bad(option, file, line, what + " " + value + " is negative");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw bad(option, file, line, what + " '" + text + "' is not a whole number");
        }
    }

    private static BadInputException bad(final String option, final Path file, final int line, final String problem)
    {
        return BadInputException.option(option, file + ":" + line + ": " + problem);
    }
}
