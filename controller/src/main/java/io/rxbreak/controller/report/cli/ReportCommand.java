package io.rxbreak.controller.report.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.RunExitCode;
import io.rxbreak.controller.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak report RUN_DIR}: prints a run's console summary again and renders {@code report.html} and
 * {@code report.csv} into its folder, also for a run that was interrupted (rebuilt from {@code trials.jsonl}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Print a run's summary and (re)write report.html and report.csv in its run folder.",
        "A run that did not finish is rebuilt from trials.jsonl. The exit code is the run's own (0 complete, "
            + "1 failed, 4 no valid trial, 130 interrupted), or the regression gate's with --baseline."})
public final class ReportCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder (or its report.json).")
    Path run;

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
        pipeline.validate();
        final RunReport report = ReportSource.load(run);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleSummary.render(report));
        if (!noFiles)
        {
            final Path folder = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
            ReportArtifacts.writeAll(folder, report);
            out.println();
            out.println("Wrote " + folder.resolve(ReportArtifacts.HTML_FILE) + " and "
                + folder.resolve(ReportArtifacts.CSV_FILE));
        }
        out.flush();
        return pipeline.finish(report, RunExitCode.of(report), out);
    }
}
