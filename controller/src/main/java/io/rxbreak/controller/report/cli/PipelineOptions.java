package io.rxbreak.controller.report.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.gate.GateResult;
import io.rxbreak.controller.report.gate.JUnitReport;
import io.rxbreak.controller.report.gate.RegressionGate;
import io.rxbreak.core.config.BadInputException;

/**
 * The options a pipeline adds to a command that produces a run ({@code rxbreak ramp}, {@code rxbreak report}):
 * {@code --baseline REPORT}, {@code --max-regression PCT}, {@code --junit FILE}. Include it with
 * {@code @Mixin PipelineOptions pipeline;}, call {@link #validate()} before the first trial (a bad baseline is
 * bad input before anything is sent), and {@link #finish(RunReport, int, PrintWriter)} after the console
 * summary: it prints the gate's section, writes the JUnit file and returns the command's exit code.
 */
public final class PipelineOptions
{
    /** The allowed fall when {@code --baseline} is given without {@code --max-regression}, per cent. */
    public static final double DEFAULT_MAX_REGRESSION_PCT = 5.0;

    @Option(names = "--baseline", paramLabel = "REPORT",
        description = "Compare the break point with this earlier run (its report.json or its run folder); "
            + "exit 3 when the NDR or PDR fell by more than --max-regression.")
    Path baseline;

    @Option(names = "--max-regression", paramLabel = "PCT",
        description = "The allowed fall against --baseline, per cent: 5 or 5%% (default: 5).")
    String maxRegression;

    @Option(names = "--junit", paramLabel = "FILE",
        description = "Write a JUnit XML result (a test case per goal and per comparison) for CI servers.")
    Path junit;

    private RunReport baselineReport;
    private double maxRegressionPct = DEFAULT_MAX_REGRESSION_PCT;
    private boolean validated;

    /**
     * Check the options and load the baseline. Call it before the run starts.
     *
     * @throws BadInputException naming the option to change.
     * @throws IOException       when the baseline cannot be read.
     */
    public void validate() throws IOException
    {
        if (maxRegression != null)
        {
            if (baseline == null)
            {
                throw BadInputException.option("--max-regression", "needs --baseline REPORT to compare with");
            }
            try
            {
                maxRegressionPct = RegressionGate.parsePercent(maxRegression);
            }
            catch (final IllegalArgumentException ex)
            {
                throw BadInputException.option("--max-regression", ex.getMessage());
            }
        }
        if (baseline != null)
        {
            final RunReport loaded;
            try
            {
                loaded = ReportSource.load(baseline);
            }
            catch (final BadInputException ex)
            {
                throw BadInputException.option("--baseline", ex.getMessage());
            }
            final String why = RegressionGate.whyNotABaseline(loaded);
            if (why != null)
            {
                throw BadInputException.option("--baseline", baseline + ": " + why
                    + ": no valid comparison is possible; choose a run that found an NDR");
            }
            baselineReport = loaded;
        }
        if (junit != null && Files.isDirectory(junit))
        {
            throw BadInputException.option("--junit", junit + " is a folder: name the XML file to write");
        }
        validated = true;
    }

    /**
     * @return true when a baseline was given.
     */
    public boolean hasBaseline()
    {
        return baseline != null;
    }

    /**
     * Judge the finished run: print the gate's section (with a baseline), write the JUnit file (with
     * {@code --junit}) and return the exit code.
     *
     * @param report      the run, complete or not.
     * @param runExitCode the run's own exit code ({@code RunExitCode.of(report)}).
     * @param out         where the gate's section goes.
     * @return the exit code: the run's when it is not a success, else the gate's (3 regression, 4 no valid
     *         comparison, 0).
     * @throws IOException when the JUnit file cannot be written.
     */
    public int finish(final RunReport report, final int runExitCode, final PrintWriter out) throws IOException
    {
        if (!validated)
        {
            validate();
        }
        GateResult gate = null;
        int exitCode = runExitCode;
        if (baselineReport != null)
        {
            gate = RegressionGate.judge(report, baselineReport, baseline.toString(), maxRegressionPct);
            out.print(gate.render(runExitCode));
            exitCode = gate.exitCode(runExitCode);
        }
        if (junit != null)
        {
            final Path parent = junit.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            ReportArtifacts.write(junit, JUnitReport.render(report, gate));
            out.println("JUnit result: " + junit);
        }
        out.flush();
        return exitCode;
    }
}
