package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JacksonException;

import io.rxbreak.core.config.BadInputException;

/**
 * Loads a run's report from what a user names on the command line: a run folder (through
 * {@link RunFolderReader}, so an interrupted run is rebuilt from {@code trials.jsonl}) or a {@code report.json}
 * file. Anything else is bad input with one line naming the file.
 */
public final class ReportSource
{
    private ReportSource()
    {
    }

    /**
     * @param path a run folder or a {@code report.json} file.
     * @return the report.
     * @throws BadInputException when the path is missing, is not a run, or its JSON is malformed.
     * @throws IOException       when it cannot be read.
     */
    public static RunReport load(final Path path) throws IOException
    {
        if (Files.isDirectory(path))
        {
            return check(RunFolderReader.load(path), path.resolve(RunFolder.REPORT_FILE));
        }
        if (!Files.exists(path))
        {
            throw new BadInputException(path + ": no such run folder or report.json");
        }
        final RunReport report;
        try
        {
            report = ReportJson.mapper().readValue(path.toFile(), RunReport.class);
        }
        catch (final JacksonException ex)
        {
            throw new BadInputException(path + " is not a valid report.json: " + oneLine(ex.getOriginalMessage()), ex);
        }
        return check(report, path);
    }

    private static RunReport check(final RunReport report, final Path file)
    {
        if (report == null || report.outcome() == null || report.outcome().status() == null)
        {
            throw new BadInputException(file + " is not an rxbreak report.json: it has no outcome");
        }
        if (report.formatVersion() != RunReport.FORMAT_VERSION)
        {
            throw new BadInputException(file + " has formatVersion " + report.formatVersion()
                + ": this rxbreak reads format " + RunReport.FORMAT_VERSION);
        }
        return report;
    }

    private static String oneLine(final String text)
    {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
    }
}
