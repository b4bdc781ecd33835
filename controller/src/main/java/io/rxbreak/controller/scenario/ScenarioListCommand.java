package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.rxbreak.controller.report.TextTable;
import io.rxbreak.core.cli.ExitCodes;

/**
 * {@code rxbreak scenario list [DIR]}: the library as a table, each scenario read (a file that does not read is bad
 * input, named in one line).
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Show the scenario library: each scenario's name, feed, goal, story in one line, and the result "
        + "recorded with it (its expected: block).")
public final class ScenarioListCommand implements Callable<Integer>
{
    private static final int DESCRIPTION_WIDTH = 60;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The library folder (default: the "
        + "scenarios/ folder of the project rxbreak runs from, else of the current folder).")
    Path folder;

    @Override
    public Integer call() throws IOException
    {
        final Path library = folder != null ? folder : ScenarioLibrary.defaultFolder();
        final List<Scenario> scenarios = new ArrayList<>();
        for (final Path file : ScenarioLibrary.files(library))
        {
            scenarios.add(ScenarioReader.read(file));
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(render(library, scenarios));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * @param library the folder.
     * @param scenarios its scenarios, read.
     * @return the table, with a heading line.
     */
    static String render(final Path library, final List<Scenario> scenarios)
    {
        final StringBuilder text = new StringBuilder();
        text.append("Scenarios in ").append(library).append(" (").append(scenarios.size()).append(")\n");
        if (scenarios.isEmpty())
        {
            return text.append("  none: a scenario is a *.yaml file (see docs/scenarios.md)\n").toString();
        }
        final TextTable table = new TextTable(new String[] {"name", "feed", "goal", "story", "recorded result"},
            new boolean[] {false, false, false, false, false});
        for (final Scenario scenario : scenarios)
        {
            table.row(scenario.name(), scenario.feedText(), scenario.goal() == null ? "-" : scenario.goal().text(),
                firstSentence(scenario.description()), scenario.expected() == null ? "-" : scenario.expected().text());
        }
        table.appendTo(text, "  ");
        return text.toString();
    }

    /**
     * @return the description's first sentence, cut to fit a line.
     */
    static String firstSentence(final String description)
    {
        final int end = description.indexOf(". ");
        final String sentence = end < 0 ? description : description.substring(0, end + 1);
        return sentence.length() <= DESCRIPTION_WIDTH ? sentence :
            sentence.substring(0, DESCRIPTION_WIDTH - 3).trim() + "...";
    }
}
