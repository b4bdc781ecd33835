package io.rxbreak.controller.scenario;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.rxbreak.controller.RampCommand;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.gate.JUnitReport;
import io.rxbreak.core.cli.ExitCodes;

/**
 * {@code rxbreak scenario run FILE [--out DIR] [--junit FILE] [--sandbox]}: read the scenario, run it as the ramp
 * it translates into (printing that ramp's command line first), and judge its goal: exit 0 held, 3 not held, 4
 * nothing valid; 2 for bad input (one line naming the scenario file and key), 130 interrupted, 1 failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Run a scenario: its feed, receiver, host and search as 'rxbreak ramp' options (every default "
        + "and check is the ramp's), then judge its goal. Verify mode (the default): only the confirmation at the "
        + "goal, as 'ramp --verify-rate/--verify-speed'. Ramp mode: the whole search; the goal holds when the NDR "
        + "(or the headroom over the feed) is at or above it.",
        "",
        "Exit 0 when the goal holds (or, without a goal, the ramp completed), 3 when it does not, 4 when nothing "
            + "valid could be said.",
        ""})
public final class ScenarioRunCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file, or the name of one in the "
        + "library (like open-burst).")
    String file;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>-<name>).")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML result: the ramp's test cases "
        + "and one for the scenario's goal.")
    Path junit;

    @Option(names = "--sandbox", description = "Run the ramp in a private network namespace of its own (root); "
        + "needed for a scenario's host: settings, which are set inside it only.")
    boolean sandbox;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final Scenario scenario = ScenarioReader.read(ScenarioLibrary.resolve(file));
        final Path runDirectory = out != null ? out : Path.of(RampCommand.defaultRunDirectory() + "-" + scenario.name());
        final ScenarioRamp ramp = ScenarioRamp.of(scenario, runDirectory, junit, sandbox);
        stderr.println("rxbreak scenario run: " + scenario.name() + ": rxbreak " + String.join(" ", ramp.args()));
        stderr.flush();
        final long startNs = System.nanoTime();
        final int exitCode = ramp.run(stdout, stderr);
        final long seconds = Math.round((System.nanoTime() - startNs) / 1e9);
        final Path reportFile = runDirectory.resolve(RunFolder.REPORT_FILE);
        final RunReport report = Files.exists(reportFile) ? ReportSource.load(reportFile) : null;
        final ScenarioJudge.Judgement judgement = ScenarioJudge.judge(ramp, exitCode, report);
        if (judgement == null)
        {
            stdout.printf(Locale.ROOT, "%nScenario %s: no goal judged (the ramp's exit code %d stands); %d s%n",
                scenario.name(), exitCode, seconds);
            stdout.flush();
            return exitCode;
        }
        stdout.printf(Locale.ROOT, "%nScenario %s: %s; %d s%n", scenario.name(), judgement.text(scenario.goal()),
            seconds);
        if (junit != null)
        {
            ReportArtifacts.write(junit, JUnitReport.render(report, null, List.of(new JUnitReport.ExtraCase(
                "rxbreak.scenario", scenario.name(), judgement.verdict() == ScenarioVerdict.NOT_HELD,
                judgement.verdict() == ScenarioVerdict.NO_RESULT, judgement.text(scenario.goal())))));
        }
        stdout.flush();
        return judgement.verdict() == ScenarioVerdict.HELD ? ExitCodes.OK : judgement.verdict().exitCode();
    }
}
