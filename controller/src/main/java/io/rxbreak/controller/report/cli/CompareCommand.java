package io.rxbreak.controller.report.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.compare.CompareText;
import io.rxbreak.controller.report.compare.ComparedRun;
import io.rxbreak.controller.report.html.CompareHtml;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.core.config.BadInputException;

/**
 * {@code rxbreak compare A B [...]}: several runs' break points and attributions side by side, with the change
 * from the first, for before/after tuning comparisons; {@code --html FILE} writes the same as a page.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Show several runs' break points (NDR, PDR) and attributions side by side, with the change in per cent "
            + "from the first run, and the tunables and environment that differ.",
        "Each RUN is a run folder (an interrupted one is rebuilt from trials.jsonl) or a report.json."})
public final class CompareCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN",
        description = "Two or more runs; the first is the reference.")
    List<Path> runs;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the comparison as an HTML page.")
    Path html;

    @Override
    public int order()
    {
        return 61;
    }

    @Override
    public Integer call() throws Exception
    {
        if (html != null && Files.isDirectory(html))
        {
            throw BadInputException.option("--html", html + " is a folder: name the HTML file to write");
        }
        final List<ComparedRun> compared = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        boolean unique = true;
        for (final Path run : runs)
        {
            unique &= names.add(shortName(run));
        }
        for (final Path run : runs)
        {
            compared.add(new ComparedRun(unique ? shortName(run) : run.toString(), ReportSource.load(run)));
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(CompareText.render(compared));
        if (html != null)
        {
            final Path parent = html.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            ReportArtifacts.write(html, CompareHtml.render(compared));
            out.println();
            out.println("Wrote " + html);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String shortName(final Path run)
    {
        final Path absolute = run.toAbsolutePath().normalize();
        final Path folder = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        return folder == null || folder.getFileName() == null ? run.toString() : folder.getFileName().toString();
    }
}
