package io.rxbreak.controller.report.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.timeline.AppLossEvents;
import io.rxbreak.core.timeline.RecordingReader;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.RunExitCode;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.html.TimelineHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak report RUN_DIR}: prints a run's console summary again and renders {@code report.html} and
 * {@code report.csv} into its folder, also for a run that was interrupted (rebuilt from {@code trials.jsonl}).
 * {@code rxbreak report RECORDING} (a file of {@code counters watch --record}) writes its timeline page instead.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Print a run's summary and (re)write report.html and report.csv in its run folder.",
        "A run that did not finish is rebuilt from trials.jsonl. The exit code is the run's own (0 complete, "
            + "1 failed, 4 no valid trial, 130 interrupted), or the regression gate's with --baseline.",
        "Given a recording of counters watch --record instead, write its timeline page (FILE.html beside it, or "
            + "--out). --app-loss-events lays the application's own loss events on the timelines of either."})
public final class ReportCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder (or its report.json), or a "
        + "recording of counters watch --record.")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "For a recording: the timeline page to write "
        + "(default: the recording's name with .html).")
    Path out;

    @Option(names = "--app-loss-events", paramLabel = "FILE", description = "The application's own loss events, laid "
        + "on a recording's timeline or on the trials' counter timelines of a run (observe mode): one per line, "
        + "TIME [COUNT], TIME in epoch s/ms/us/ns or ISO-8601 (docs/counters.md).")
    Path appLossEvents;

    @Option(names = "--no-files", description = "Only print the summary; write no report.html or report.csv.")
    boolean noFiles;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public int order()
    {
        return 60;
    }

    @Override
    public Integer call() throws Exception
    {
        if (RecordingReader.isRecording(run))
        {
            return timeline();
        }
        if (out != null)
        {
            throw BadInputException.option("--out", "is for a recording of counters watch --record; " + run
                + " is not one");
        }
        final AppLossEvents events = appLossEvents();
        if (events != null && noFiles)
        {
            throw BadInputException.option("--app-loss-events", "is laid on report.html: drop --no-files");
        }
        pipeline.validate();
        final RunReport report = ReportSource.load(run);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleSummary.render(report));
        if (!noFiles)
        {
            final Path folder = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
            ReportArtifacts.writeAll(folder, report, events);
            out.println();
            out.println("Wrote " + folder.resolve(ReportArtifacts.HTML_FILE) + " and "
                + folder.resolve(ReportArtifacts.CSV_FILE));
        }
        out.flush();
        return pipeline.finish(report, RunExitCode.of(report), out);
    }

    private int timeline() throws IOException
    {
        if (pipeline.hasBaseline() || noFiles)
        {
            throw BadInputException.option(noFiles ? "--no-files" : "--baseline", "is for a run folder; " + run
                + " is a recording");
        }
        final AppLossEvents events = appLossEvents();
        final Path page = out != null ? out : htmlBeside(run);
        if (Files.isDirectory(page))
        {
            throw BadInputException.option("--out", page + " is a folder: name the HTML file to write");
        }
        final String html;
        try
        {
            html = TimelineHtml.render(run, events);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadInputException(ex.getMessage(), ex);
        }
        Files.writeString(page, html, java.nio.charset.StandardCharsets.UTF_8);
        final PrintWriter console = spec.commandLine().getOut();
        console.println("Wrote " + page);
        console.flush();
        return ExitCodes.OK;
    }

    /**
     * @return the events of {@code --app-loss-events}, or null when not given.
     */
    private AppLossEvents appLossEvents() throws IOException
    {
        if (appLossEvents == null)
        {
            return null;
        }
        try
        {
            return AppLossEvents.read(appLossEvents);
        }
        catch (final java.nio.file.NoSuchFileException ex)
        {
            throw BadInputException.option("--app-loss-events", "no such file " + appLossEvents);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option("--app-loss-events", ex.getMessage());
        }
    }

    private static Path htmlBeside(final Path recording)
    {
        final String name = recording.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return recording.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
    }
}
