package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.rxbreak.controller.report.csv.TrialsCsv;
import io.rxbreak.controller.report.html.HtmlReport;
import io.rxbreak.core.timeline.AppLossEvents;

/**
 * Writes the run folder's files for people and spreadsheets from a {@link RunReport}: {@code report.html} and
 * {@code report.csv}. Each is written to a temporary file and renamed into place, so a reader never sees half a
 * file; an earlier one is replaced (so {@code rxbreak report} can render a folder again).
 */
public final class ReportArtifacts
{
    /** The self-contained HTML report. */
    public static final String HTML_FILE = "report.html";
    /** One row per trial. */
    public static final String CSV_FILE = "report.csv";

    private ReportArtifacts()
    {
    }

    /**
     * Write {@code report.html} and {@code report.csv} into the run folder.
     *
     * @param runDirectory the run folder (it must exist).
     * @param report       the run, complete or rebuilt.
     * @throws IOException when a file cannot be written.
     */
    public static void writeAll(final Path runDirectory, final RunReport report) throws IOException
    {
        writeAll(runDirectory, report, null);
    }

    /**
     * Write {@code report.html} and {@code report.csv} into the run folder.
     *
     * @param runDirectory the run folder (it must exist).
     * @param report       the run, complete or rebuilt.
     * @param appLoss      the application's own loss events to lay on the trials' counter timelines, or null.
     * @throws IOException when a file cannot be written.
     */
    public static void writeAll(final Path runDirectory, final RunReport report, final AppLossEvents appLoss)
        throws IOException
    {
        write(runDirectory.resolve(HTML_FILE), HtmlReport.render(report, appLoss));
        write(runDirectory.resolve(CSV_FILE), TrialsCsv.render(report));
    }

    /**
     * Write text as UTF-8 through a temporary file renamed into place.
     *
     * @param file the file.
     * @param text its content.
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path file, final String text) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        final Path temporary = parent.resolve(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
