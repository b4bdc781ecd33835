package io.rxbreak.controller.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import io.rxbreak.controller.RampCommand;
import io.rxbreak.controller.Sandbox;
import io.rxbreak.controller.SignalGuard;
import io.rxbreak.controller.report.AttributionEntry;
import io.rxbreak.controller.report.Outcome;
import io.rxbreak.controller.report.ReportSource;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.RunFolderWriter;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.TextTable;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.tune.TuneFile;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.core.config.BadInputException;

/**
 * {@code rxbreak sweep KNOB=V1,V2,... [ramp options]}: a whole ramp per value of one knob, one after the other,
 * each through the ramp's own command (its sandbox included) into a run folder of its own under {@code --out}; then
 * the NDR against the knob. Every point's ramp options are checked as the ramp checks them before the first starts.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    customSynopsis = "rxbreak sweep [-hV] [--verbose] [--out=DIR] KNOB=V1,V2,... [RAMP-OPTION...]",
    description = {
        "Run a ramp per value of one knob and report the NDR (and PDR) against it: where raising it stops moving the "
            + "break point, and which layer breaks first there. KNOB is rcvbuf, sockets, size, throttle (whole "
            + "specs, or the part that fills {} in --throttle, like --throttle stall:{}/100ms throttle=5ms,10ms), "
            + "rps (CPU lists, separated by ';'), or a sysctl that the sandbox's namespace has of its own "
            + "(net.ipv4.udp_rmem_min=4096,65536; with --sandbox). Every other option is the ramp's (see "
            + "'rxbreak ramp --help'), the same at every point.",
        "",
        "Writes DIR/KNOB=VALUE/ (each point's run folder), DIR/sweep.json, sweep.csv and sweep.html. Exit codes as "
            + "the ramp's: the worst of the points (1, then 4, then 3); 130 when interrupted, with the finished "
            + "points written.",
        ""})
public final class SweepCommand implements Callable<Integer>, RxbreakCommand
{
    private static final long SHUTDOWN_WAIT_S = 60;
    private static final List<String> REFUSED = List.of("--json", "--junit");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KNOB=V1,V2,...", description = "The knob and its values.")
    String knobText;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep's folder (default: runs/sweep-<timestamp>).")
    Path out;

    @Unmatched
    List<String> rampArgs = new ArrayList<>();

    @Override
    public int order()
    {
        return 12;
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final SweepKnob parsed = SweepKnob.parse(knobText, SweepKnob.throttleTemplate(rampArgs) != null);
        final SweepKnob knob = parsed.kind() == SweepKnob.Kind.SYSCTL && !Sandbox.namespaceHasOwn(parsed.name()) ?
            onHost(parsed) : parsed;
        refuseOptions(knob);
        final Path directory = out != null ? out : defaultDirectory();
        if (Files.exists(directory.resolve(SweepFiles.JSON)))
        {
            throw BadInputException.option("--out", directory + " already holds a sweep (" + SweepFiles.JSON + "): "
                + "choose a new folder");
        }
        final String unwritable = RunFolderWriter.whyNotWritable(directory);
        if (unwritable != null)
        {
            throw BadInputException.option("--out", unwritable);
        }
        final List<List<String>> args = new ArrayList<>();
        final boolean existed = Files.exists(directory);
        final HostTuneFiles tuneFiles = knob.kind() == SweepKnob.Kind.HOST_SYSCTL ?
            HostTuneFiles.of(knob, rampArgs, directory) : null;
        try
        {
            for (final SweepValue value : knob.values())
            {
                final List<String> point = new ArrayList<>(List.of("ramp"));
                point.addAll(tuneFiles != null ? tuneFiles.rampArgs(value) : knob.rampArgs(value, rampArgs));
                point.add("--out");
                point.add(directory.resolve(knob.folderName(value)).toString());
                ramp(knob, value, point, stdout, stderr).check();
                args.add(point);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (tuneFiles != null)
            {
                tuneFiles.delete(); // refused before anything started: leave nothing behind
                if (!existed && Files.isDirectory(directory))
                {
                    try (var left = Files.list(directory))
                    {
                        if (left.findAny().isEmpty())
                        {
                            Files.delete(directory);
                        }
                    }
                }
            }
            throw ex;
        }
        return new Run(knob, directory, stdout, stderr).run(args);
    }

    /**
     * @return the knob turned on the host: a machine-wide sysctl, which a sweep sets only with the ramp's
     *     {@code --tune-host}.
     */
    private SweepKnob onHost(final SweepKnob knob)
    {
        if (!rampArgs.contains(TuneFile.HOST_OPTION))
        {
            throw new BadInputException("KNOB " + knob.name() + " is machine-wide on this kernel (a network namespace "
                + "has no copy of its own): add " + TuneFile.HOST_OPTION + " (root) to set it on the host at each "
                + "point, restored after the point");
        }
        return new SweepKnob(SweepKnob.Kind.HOST_SYSCTL, knob.name(), knob.values());
    }

    /**
     * @return the sweep's folder when {@code --out} is not given: {@code runs/sweep-<timestamp>}.
     */
    static Path defaultDirectory()
    {
        final Path ramp = RampCommand.defaultRunDirectory();
        return ramp.resolveSibling("sweep-" + ramp.getFileName());
    }

    private void refuseOptions(final SweepKnob knob)
    {
        for (int i = 0; i < rampArgs.size(); i++)
        {
            final String arg = rampArgs.get(i);
            final String option = arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
            final String value = arg.indexOf('=') > 0 ? arg.substring(arg.indexOf('=') + 1) :
                i + 1 < rampArgs.size() ? rampArgs.get(i + 1) : "";
            if (REFUSED.contains(option))
            {
                throw BadInputException.option(option, "not in a sweep: each point's run folder holds its own "
                    + "report.json, and " + SweepFiles.JSON + " holds the points");
            }
            if (!option.equals(knob.option()) || knob.kind() == SweepKnob.Kind.HOST_SYSCTL)
            {
                continue;
            }
            if (knob.kind() == SweepKnob.Kind.SYSCTL && !value.startsWith(knob.name() + "="))
            {
                continue;
            }
            if (knob.kind() == SweepKnob.Kind.THROTTLE && value.contains(SweepKnob.PLACEHOLDER))
            {
                continue;
            }
            throw BadInputException.option(option, "the sweep's knob " + knob.name() + " sets it at each point: "
                + "drop it from the ramp options" + (knob.kind() == SweepKnob.Kind.THROTTLE ? ", or put "
                + SweepKnob.PLACEHOLDER + " where the knob's values go, like --throttle stall:{}/100ms" : ""));
        }
    }

    private static SweepRamp ramp(final SweepKnob knob, final SweepValue value, final List<String> args,
        final PrintWriter stdout, final PrintWriter stderr)
    {
        return new SweepRamp(knob, value, args, stdout, stderr);
    }

    /**
     * One point's ramp: its arguments parsed by the ramp's own command line.
     */
    private static final class SweepRamp
    {
        private final SweepKnob knob;
        private final SweepValue value;
        private final RampCommand command;

        SweepRamp(final SweepKnob knob, final SweepValue value, final List<String> args, final PrintWriter stdout,
            final PrintWriter stderr)
        {
            this.knob = knob;
            this.value = value;
            try
            {
                final CommandLine.ParseResult parsed = Rxbreak.newCommandLine(stdout, stderr)
                    .parseArgs(args.toArray(new String[0]));
                command = (RampCommand)parsed.subcommand().commandSpec().userObject();
            }
            catch (final CommandLine.ParameterException ex)
            {
                throw explain(knob, value, ex.getMessage(), ex);
            }
        }

        void check() throws IOException
        {
            try
            {
                command.check();
            }
            catch (final BadInputException ex)
            {
                throw explain(knob, value, ex.getMessage(), ex);
            }
        }

        int run() throws Exception
        {
            return command.call();
        }

        /**
         * @return the ramp's line, naming the point when it is about the knob's option and value (a value the ramp
         *     refused); unchanged when it is about the options every point shares.
         */
        static BadInputException explain(final SweepKnob knob, final SweepValue value, final String message,
            final Exception cause)
        {
            return message.contains(knob.option()) && message.contains(value.text()) ?
                new BadInputException("KNOB " + knob.name() + "=" + value.text() + ": " + message, cause) :
                new BadInputException(message, cause);
        }
    }

    /**
     * The points run one after the other, the sweep's files rewritten after each.
     */
    private final class Run
    {
        private final SweepKnob knob;
        private final Path directory;
        private final PrintWriter stdout;
        private final PrintWriter stderr;
        private final List<SweepPoint> points = new ArrayList<>();
        private final String startedAt = Instant.now().toString();
        private double precision = RampConfig.parseRatio(RampConfig.PRECISION, RampConfig.Defaults.PRECISION);

        Run(final SweepKnob knob, final Path directory, final PrintWriter stdout, final PrintWriter stderr)
        {
            this.knob = knob;
            this.directory = directory;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        int run(final List<List<String>> args) throws Exception
        {
            final long sweepStartNs = System.nanoTime();
            boolean interrupted = false;
            try (SignalGuard signal = SignalGuard.holdingExit(SHUTDOWN_WAIT_S))
            {
                for (int i = 0; i < knob.values().size() && !interrupted; i++)
                {
                    final SweepValue value = knob.values().get(i);
                    final String label = knob.name() + "=" + value.text();
                    stderr.printf(Locale.ROOT, "rxbreak sweep: point %d/%d: %s: rxbreak %s%n", i + 1,
                        knob.values().size(), label, String.join(" ", args.get(i)));
                    stderr.flush();
                    final long startNs = System.nanoTime();
                    int exitCode;
                    try
                    {
                        exitCode = ramp(knob, value, args.get(i), stdout, stderr).run();
                    }
                    catch (final BadInputException ex)
                    {
                        throw SweepRamp.explain(knob, value, ex.getMessage(), ex);
                    }
                    catch (final InterruptedException ex)
                    {
                        exitCode = ExitCodes.INTERRUPTED;
                    }
                    catch (final Exception ex)
                    {
                        if (!signal.signalled())
                        {
                            stderr.println("rxbreak sweep: " + label + " failed: " + ex.getMessage());
                        }
                        exitCode = ExitCodes.FAILURE;
                    }
                    // a ramp in this process was interrupted by its own guard: clear the flag, or the files below
                    // could not be written
                    Thread.interrupted();
                    interrupted = signal.signalled() || exitCode == ExitCodes.INTERRUPTED;
                    final SweepPoint point = point(value, directory.resolve(knob.folderName(value)), exitCode,
                        interrupted, (System.nanoTime() - startNs) / 1e9);
                    points.add(point);
                    stderr.printf(Locale.ROOT,
                        "rxbreak sweep: point %d/%d: %s: %s, NDR %s msgs/s, %s; exit %d, %.0f s%n", i + 1,
                        knob.values().size(), label, point.status().text(), rate(point.ndr()),
                        point.layer() == null ? "nothing lost" : point.layer() + " broke first", exitCode,
                        point.wallTimeS());
                    stderr.flush();
                    write(interrupted ? Outcome.INTERRUPTED : i + 1 < knob.values().size() ? "running" :
                        Outcome.COMPLETE, exitCode(interrupted), null);
                }
                final int exitCode = exitCode(interrupted);
                final SweepReport report = write(interrupted ? Outcome.INTERRUPTED :
                    exitCode == ExitCodes.OK ? Outcome.COMPLETE : Outcome.FAILED, exitCode, Instant.now().toString());
                summary(report, (System.nanoTime() - sweepStartNs) / 1e9);
                return exitCode;
            }
        }

        private SweepPoint point(final SweepValue value, final Path runDirectory, final int exitCode,
            final boolean interrupted, final double wallTimeS) throws IOException
        {
            final Path reportFile = runDirectory.resolve(RunFolder.REPORT_FILE);
            RunReport report = null;
            if (Files.exists(reportFile))
            {
                try
                {
                    report = ReportSource.load(reportFile);
                }
                catch (final BadInputException ex)
                {
                    stderr.println("rxbreak sweep: " + ex.getMessage());
                }
            }
            final PointStatus status = interrupted ? PointStatus.INTERRUPTED : report != null &&
                Outcome.COMPLETE.equals(report.outcome().status()) ? PointStatus.COMPLETE : PointStatus.FAILED;
            final String folder = directory.relativize(runDirectory).toString();
            if (report == null)
            {
                return new SweepPoint(value.text(), value.numeric(), status, exitCode, null, null, null, 0, 0, null,
                    folder, wallTimeS);
            }
            if (report.config() != null)
            {
                precision = report.config().precision();
            }
            final AttributionEntry first = report.attribution().isEmpty() ? null : report.attribution().get(0);
            return new SweepPoint(value.text(), value.numeric(), status, exitCode, report.ndr(), report.pdr(),
                first == null ? null : first.layer(), first == null ? 0 : first.drops(),
                first == null ? 0 : first.share(), report.environment().rcvbufGrantedBytes(), folder, wallTimeS);
        }

        private int exitCode(final boolean interrupted)
        {
            if (interrupted)
            {
                return ExitCodes.INTERRUPTED;
            }
            for (final int code : new int[] {ExitCodes.FAILURE, ExitCodes.NO_VALID_TRIAL, ExitCodes.REGRESSION})
            {
                for (final SweepPoint point : points)
                {
                    if (point.exitCode() == code)
                    {
                        return code;
                    }
                }
            }
            for (final SweepPoint point : points)
            {
                if (point.exitCode() != ExitCodes.OK)
                {
                    return ExitCodes.FAILURE;
                }
            }
            return ExitCodes.OK;
        }

        private SweepReport write(final String status, final int exitCode, final String finishedAt) throws IOException
        {
            final List<String> values = new ArrayList<>();
            knob.values().forEach(value -> values.add(value.text()));
            final SweepReport report = new SweepReport(SweepReport.FORMAT_VERSION,
                spec.commandLine().getParseResult().originalArgs(), knob.name(), knob.option(), values, points,
                SweepSentence.of(knob, points, precision), status, exitCode, startedAt, finishedAt);
            Files.createDirectories(directory);
            SweepFiles.writeAll(directory, report, knob);
            return report;
        }

        private void summary(final SweepReport report, final double wallTimeS)
        {
            final StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%nSweep of %s (%s): %d of %d points, %s, %.0f s%n", knob.name(),
                knob.option(), points.size(), knob.values().size(), report.status(), wallTimeS));
            final TextTable table = new TextTable(new String[] {knob.name(), "status", "exit", "NDR/s", "PDR/s",
                "broke first", "its loss", "wall time", "run folder"},
                new boolean[] {false, false, true, true, true, false, true, true, false});
            for (final SweepPoint point : SweepFiles.inKnobOrder(knob, points))
            {
                table.row(point.value(), point.status().text(), Integer.toString(point.exitCode()), rate(point.ndr()),
                    rate(point.pdr()), point.layer() == null ? "-" : point.layer(), point.layer() == null ? "-" :
                    String.format(Locale.ROOT, "%,d", point.layerLoss()),
                    String.format(Locale.ROOT, "%.0f s", point.wallTimeS()), point.runFolder());
            }
            table.appendTo(text, "  ");
            text.append("  ").append(report.sentence()).append('\n');
            text.append("  files: ").append(directory.resolve(SweepFiles.JSON)).append(", ")
                .append(SweepFiles.CSV).append(", ").append(SweepFiles.HTML).append('\n');
            stdout.print(text);
            stdout.flush();
        }
    }

    private static String rate(final Long rate)
    {
        return rate == null ? "-" : String.format(Locale.ROOT, "%,d", rate);
    }
}
