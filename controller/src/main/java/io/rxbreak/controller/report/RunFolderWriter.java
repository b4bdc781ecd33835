package io.rxbreak.controller.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.trial.TrialRecord;

/**
 * Writes a run folder: {@code run.json} at the start, every judged trial appended to {@code trials.jsonl} and forced
 * to disk before the next trial starts (a crash loses no finished trial), {@code report.json} at the end, written
 * to a temporary file, forced and renamed into place. Refuses a folder that already holds a run.
 * <p>
 * As a {@link SearchListener} it rethrows an I/O failure as {@link UncheckedIOException}: a run that cannot record
 * its trials must stop rather than run on unrecorded.
 */
public final class RunFolderWriter implements SearchListener, Closeable
{
    private final Path directory;
    private final FileChannel trials;

    private RunFolderWriter(final Path directory, final FileChannel trials)
    {
        this.directory = directory;
        this.trials = trials;
    }

    /**
     * Tell, before anything starts and without creating anything, whether a run folder could be made here.
     *
     * @param directory the run folder.
     * @return null when it can, else why not and what to do, in one line.
     */
    public static String whyNotWritable(final Path directory)
    {
        final Path absolute = directory.toAbsolutePath();
        for (final String name : new String[] {RunFolder.RUN_FILE, RunFolder.TRIALS_FILE, RunFolder.REPORT_FILE})
        {
            if (Files.exists(absolute.resolve(name)))
            {
                return directory + " already holds a run (" + name + "): choose a new folder";
            }
        }
        Path existing = absolute;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing))
        {
            return "cannot create the run folder " + directory + ": " + existing + " is not a directory";
        }
        if (!Files.isWritable(existing) || !Files.isExecutable(existing))
        {
            return "cannot create the run folder " + directory + ": " + existing + " is not writable by this user; "
                + "choose a writable folder";
        }
        return null;
    }

    /**
     * Create the folder (and its parents) if needed, write {@code run.json} and open {@code trials.jsonl}.
     *
     * @param directory the run folder.
     * @param header    what is known at the start.
     * @return the writer.
     * @throws FileAlreadyExistsException when the folder already holds a run's files.
     * @throws IOException                when the folder cannot be written.
     */
    public static RunFolderWriter create(final Path directory, final RunHeader header) throws IOException
    {
        Files.createDirectories(directory);
        for (final String name : new String[] {RunFolder.RUN_FILE, RunFolder.TRIALS_FILE, RunFolder.REPORT_FILE})
        {
            if (Files.exists(directory.resolve(name)))
            {
                throw new FileAlreadyExistsException(directory.resolve(name).toString(), null,
                    "the run folder already holds a run; choose a new folder");
            }
        }
        writeAtomically(directory, RunFolder.RUN_FILE, ReportJson.mapper().writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(header));
        final FileChannel trials = FileChannel.open(directory.resolve(RunFolder.TRIALS_FILE),
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        forceDirectory(directory);
        return new RunFolderWriter(directory, trials);
    }

    /**
     * @return the run folder.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Append one trial as a line and force it to disk.
     *
     * @param record the judged trial.
     * @throws IOException when it cannot be written.
     */
    public void append(final TrialRecord record) throws IOException
    {
        final byte[] json = ReportJson.mapper().writeValueAsBytes(record);
        final ByteBuffer line = ByteBuffer.allocate(json.length + 1);
        line.put(json).put((byte)'\n').flip();
        while (line.hasRemaining())
        {
            trials.write(line);
        }
        trials.force(true);
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException when the trial cannot be written.
     */
    @Override
    public void onTrial(final TrialRecord record)
    {
        try
        {
            append(record);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to " + directory.resolve(RunFolder.TRIALS_FILE), ex);
        }
    }

    /**
     * Write {@code calibration.jsonl}: the trials of {@code ramp --calibrate}, one per line.
     *
     * @param calibration the calibration's trials.
     * @throws IOException when it cannot be written.
     */
    public void writeCalibration(final List<TrialRecord> calibration) throws IOException
    {
        final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (final TrialRecord record : calibration)
        {
            if (lines.size() > 0)
            {
                lines.write('\n');
            }
            lines.write(ReportJson.mapper().writeValueAsBytes(record));
        }
        writeAtomically(directory, RunFolder.CALIBRATION_FILE, lines.toByteArray());
    }

    /**
     * Write {@code report.json}: to a temporary file, forced, then renamed over any earlier one.
     *
     * @param report the whole run.
     * @throws IOException when it cannot be written.
     */
    public void writeReport(final RunReport report) throws IOException
    {
        writeAtomically(directory, RunFolder.REPORT_FILE,
            ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    }

    @Override
    public void close() throws IOException
    {
        trials.close();
    }

    private static void writeAtomically(final Path directory, final String name, final byte[] content)
        throws IOException
    {
        final Path temporary = directory.resolve(name + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer buffer = ByteBuffer.allocate(content.length + 1);
            buffer.put(content).put((byte)'\n').flip();
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
    }

    private static void forceDirectory(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}
