package io.rxbreak.core.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.rxbreak.core.control.Json;

/**
 * Reads a recording back line by line, handing each sample to a consumer, so that a recording of hours reads in
 * bounded memory. A last line cut short (the recorder was killed while writing it) is skipped; any other line
 * that is not a sample is an error naming its line number.
 */
public final class RecordingReader
{
    private RecordingReader()
    {
    }

    /**
     * @param file a recording.
     * @return whether its first line is a recording header (false for a missing or unreadable file).
     */
    public static boolean isRecording(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final String first = in.readLine();
            return first != null && first.startsWith("{\"recording\":");
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @param file a recording.
     * @param samples receives each sample, in file order.
     * @return the header.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the line that is not what it should be.
     */
    public static RecordingHeader read(final Path file, final Consumer<TimelineSample> samples) throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final String first = in.readLine();
            if (first == null)
            {
                throw new IllegalArgumentException(file + " is empty: expected a recording's header line");
            }
            final RecordingHeader header;
            try
            {
                header = Json.MAPPER.readValue(first, RecordingLine.class).recording();
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException(file + " line 1: expected a recording's header "
                    + "({\"recording\": ...}) as counters watch --record writes: " + Json.describe(ex));
            }
            if (header == null || header.schemaVersion() != RecordingHeader.SCHEMA_VERSION)
            {
                throw new IllegalArgumentException(file + " line 1: expected schema version "
                    + RecordingHeader.SCHEMA_VERSION + ", got " + (header == null ? "none" : header.schemaVersion()));
            }
            long number = 1;
            String line = in.readLine();
            while (line != null)
            {
                number++;
                final String next = in.readLine();
                final TimelineSample sample;
                try
                {
                    sample = Json.MAPPER.readValue(line, TimelineSample.class);
                }
                catch (final IOException ex)
                {
                    if (next == null)
                    {
                        break; // the last line, cut short when the recorder was killed while writing it
                    }
                    throw new IllegalArgumentException(file + " line " + number + ": expected a sample: "
                        + Json.describe(ex));
                }
                samples.accept(sample);
                line = next;
            }
            return header;
        }
    }
}
