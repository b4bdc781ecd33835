package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.core.JacksonException;

import io.rxbreak.core.config.BadInputException;

/**
 * Loads a run folder for {@code rxbreak report RUN_DIR}: {@code report.json} when the run finished writing it,
 * otherwise a partial report rebuilt from {@code trials.jsonl} (and {@code run.json} when present) with outcome
 * {@value Outcome#INTERRUPTED}.
 */
public final class RunFolderReader
{
    private RunFolderReader()
    {
    }

    /**
     * @param directory the run folder.
     * @return the report, complete or rebuilt.
     * @throws BadInputException when the folder holds no run, or its files are damaged.
     * @throws IOException       when the files cannot be read.
     */
    public static RunReport load(final Path directory) throws IOException
    {
        final Path report = directory.resolve(RunFolder.REPORT_FILE);
        if (Files.isRegularFile(report))
        {
            return parse(report, RunReport.class);
        }
        final Path trialsPath = directory.resolve(RunFolder.TRIALS_FILE);
        if (!Files.isRegularFile(trialsPath))
        {
            throw new BadInputException(directory + ": no " + RunFolder.REPORT_FILE + " and no "
                + RunFolder.TRIALS_FILE + ": not an rxbreak run folder");
        }
        final Path runPath = directory.resolve(RunFolder.RUN_FILE);
        final RunHeader header = Files.isRegularFile(runPath) ? parse(runPath, RunHeader.class) : null;
        final TrialsFile trials;
        try
        {
            trials = TrialsFile.read(trialsPath);
        }
        catch (final IOException ex)
        {
            throw new BadInputException(ex.getMessage(), ex);
        }
        final StringBuilder reason = new StringBuilder(String.format(Locale.ROOT,
            "the run did not finish: rebuilt from %s (%d complete trials", RunFolder.TRIALS_FILE,
            trials.trials().size()));
        if (trials.ignoredTailBytes() > 0)
        {
            reason.append("; a cut last line of ").append(trials.ignoredTailBytes()).append(" bytes left out");
        }
        if (header == null)
        {
            reason.append("; ").append(RunFolder.RUN_FILE).append(" missing: configuration unknown");
        }
        reason.append(')');
        return RunReports.rebuilt(header, trials.trials(), reason.toString());
    }

    private static <T> T parse(final Path file, final Class<T> type) throws IOException
    {
        try
        {
            return ReportJson.mapper().readValue(file.toFile(), type);
        }
        catch (final JacksonException ex)
        {
            throw new BadInputException(file + " is damaged: " + ex.getOriginalMessage(), ex);
        }
    }
}
