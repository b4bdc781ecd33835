package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak scenario list} over the library shipped in {@code scenarios/}: every file reads, every scenario's
 * arguments are ones the ramp's command line takes, every feed is there and small, and every one records its result.
 */
class ScenarioListTest
{
    /** The shipped library, from the controller module's folder (where the tests run). */
    private static final Path LIBRARY = Path.of("..", ScenarioLibrary.FOLDER);
    private static final List<String> SHIPPED = List.of("fanout-8", "gc-pauses", "microbursts", "open-burst",
        "softirq-backlog");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsTheShippedLibrary()
    {
        final Run run = run("scenario", "list", LIBRARY.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        final List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Scenarios in " + LIBRARY + " (" + SHIPPED.size() + ")");
        assertThat(lines.get(1)).matches("  name +feed +goal +story +recorded result");
        assertThat(lines).hasSize(2 + SHIPPED.size());
        for (int i = 0; i < SHIPPED.size(); i++)
        {
            assertThat(lines.get(2 + i)).startsWith("  " + SHIPPED.get(i) + " ")
                .matches(".* (verify|ramp >=) [0-9.]+x .*").containsPattern("(held|not held|no result): .*\\(20\\d\\d-");
        }
    }

    @Test
    void findsTheLibraryOfTheProjectItRunsFrom() throws IOException
    {
        assertThat(ScenarioLibrary.defaultFolder().toRealPath()).isEqualTo(LIBRARY.toRealPath());
        final Run run = run("scenario", "list");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("(" + SHIPPED.size() + ")");
    }

    @Test
    void everyShippedScenarioIsARampTheRampTakes() throws IOException
    {
        final List<Path> files = ScenarioLibrary.files(LIBRARY);
        assertThat(files).hasSize(SHIPPED.size());
        for (final Path file : files)
        {
            final Scenario scenario = ScenarioReader.read(file);
            assertThat(file.getFileName().toString()).isEqualTo(scenario.name() + ".yaml");
            assertThat(scenario.feedFile()).as(scenario.name()).isRegularFile();
            assertThat(Files.size(scenario.feedFile())).as(scenario.name()).isLessThan(1_000_000L);
            assertThat(scenario.description()).as(scenario.name()).hasSizeGreaterThan(200);
            assertThat(scenario.goal()).as(scenario.name()).isNotNull();
            assertThat(scenario.expected()).as(scenario.name()).isNotNull();
            assertThat(scenario.expected().result()).as(scenario.name()).isNotNull();
            assertThat(scenario.expected().date()).as(scenario.name()).matches("20\\d\\d-\\d\\d-\\d\\d");
            assertThat(scenario.expected().seconds()).as(scenario.name()).isNotNull().isLessThanOrEqualTo(90L);
            final ScenarioRamp ramp = ScenarioRamp.of(scenario, dir.resolve(scenario.name()), null, true);
            // the ramp's own parser takes every argument (converters included); nothing runs
            Rxbreak.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs(ramp.args().toArray(new String[0]));
        }
    }

    @Test
    void aBadFileInTheLibraryIsOneLine() throws IOException
    {
        Files.writeString(dir.resolve("broken.yaml"), "name: broken\n");
        final Run run = run("scenario", "list", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines().toList()).containsExactly("rxbreak scenario list: " + dir.resolve("broken.yaml") +
            ": description: missing: expected a value");
        final Run none = run("scenario", "list", dir.resolve("nowhere").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err().lines().toList()).containsExactly("rxbreak scenario list: " + dir.resolve("nowhere") +
            ": no such scenario folder");
    }
}
