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
     * Create a new recording file (it must not exist), empty: {@link #header} writes its first line once the first
     * snapshot is taken, so that an unwritable path is refused before anything starts.
     *
     * @param file the file.
     * @return the writer.
     * @throws IOException when the file exists or cannot be created.
     */
    public static RecordingWriter create(final Path file) throws IOException
    {
        return new RecordingWriter(file, Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND));
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
        final RecordingWriter writer = create(file);
        try
        {
            writer.header(header);
        }
        catch (final IOException ex)
        {
            writer.close();
            throw ex;
        }
        return writer;
    }

    /**
     * @param header the first line, written once before any sample.
     * @throws IOException when it cannot be written.
     * @throws IllegalStateException when a line was written already.
     */
    public void header(final RecordingHeader header) throws IOException
    {
        if (lines != 0)
        {
            throw new IllegalStateException("the header is the first line of " + file);
        }
        line(new RecordingLine(header));
    }

    /**
     * @param sample the next sample, appended as one line.
     * @throws IOException when it cannot be written.
     */
    public void write(final TimelineSample sample) throws IOException
    {
        if (lines == 0)
        {
            throw new IllegalStateException("write the header of " + file + " first");
        }
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
