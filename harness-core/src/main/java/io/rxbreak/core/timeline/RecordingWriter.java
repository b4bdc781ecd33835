package io.rxbreak.core.timeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.rxbreak.core.control.Json;

/**
 * Writes a recording: the header line, then a line per sample, each written whole and handed to the kernel at
 * once (no buffering in the process), so that a Ctrl-C or a crash leaves the file complete up to the last line.
 * Keeps nothing per sample: the file grows, never the heap.
 */
public final class RecordingWriter implements AutoCloseable
{
    private final Path file;
    private final OutputStream out;
    private long lines;

    private RecordingWriter(final Path file, final OutputStream out)
    {
        this.file = file;
        this.out = out;
    }

    /**
     * Create a new recording file (it must not exist) and write its header line.
     *
     * @param file the file.
     * @param header its first line.
     * @return the writer.
     * @throws IOException when the file exists or cannot be created or written.
     */
    public static RecordingWriter create(final Path file, final RecordingHeader header) throws IOException
    {
        final OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
        final RecordingWriter writer = new RecordingWriter(file, out);
        try
        {
            writer.line(new RecordingLine(header));
        }
        catch (final IOException ex)
        {
            writer.close();
            throw ex;
        }
        return writer;
    }

    /**
     * @param sample the next sample, appended as one line.
     * @throws IOException when it cannot be written.
     */
    public void write(final TimelineSample sample) throws IOException
    {
        line(sample);
    }

    /**
     * @return the lines written, the header included.
     */
    public long lines()
    {
        return lines;
    }

    /**
     * @return the file.
     */
    public Path file()
    {
        return file;
    }

    private void line(final Object value) throws IOException
    {
        out.write((Json.toLine(value) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        lines++;
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
