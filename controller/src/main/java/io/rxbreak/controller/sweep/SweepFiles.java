package io.rxbreak.controller.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.csv.TrialsCsv;
import io.rxbreak.controller.report.html.SweepHtml;
import io.rxbreak.core.control.Json;

/**
 * A sweep's own files beside its points' run folders: {@code sweep.json}, {@code sweep.csv} and {@code sweep.html},
 * each replaced whole (written aside, then moved) after every point, so that an interrupted or crashed sweep keeps
 * what it finished.
 */
public final class SweepFiles
{
    /** The sweep's JSON file. */
    public static final String JSON = "sweep.json";
    /** The sweep's CSV file. */
    public static final String CSV = "sweep.csv";
    /** The sweep's HTML page. */
    public static final String HTML = "sweep.html";

    private static final List<String> COLUMNS = List.of("value", "numeric", "status", "exit_code", "ndr", "pdr",
        "layer", "layer_loss", "layer_share", "rcvbuf_granted_bytes", "wall_time_s", "run_folder");

    private static final String EOL = "\r\n";

    private SweepFiles()
    {
    }

    /**
     * @param directory the sweep's folder.
     * @param report the sweep so far.
     * @param knob its knob.
     * @throws IOException when a file cannot be written.
     */
    public static void writeAll(final Path directory, final SweepReport report, final SweepKnob knob)
        throws IOException
    {
        ReportArtifacts.write(directory.resolve(JSON), Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(report) + "\n");
        ReportArtifacts.write(directory.resolve(CSV), csv(report.points()));
        ReportArtifacts.write(directory.resolve(HTML), SweepHtml.render(report, knob, inKnobOrder(knob,
            report.points())));
    }

    /**
     * @param points the points.
     * @return {@code sweep.csv}: a header and a row per point, in the order run, lines ended by CRLF as
     *     {@code report.csv}'s.
     */
    public static String csv(final List<SweepPoint> points)
    {
        final StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", COLUMNS)).append(EOL);
        for (final SweepPoint point : points)
        {
            csv.append(String.join(",", TrialsCsv.quote(point.value()), number(point.numeric()),
                point.status().text(), Integer.toString(point.exitCode()), optional(point.ndr()),
                optional(point.pdr()), point.layer() == null ? "" : TrialsCsv.quote(point.layer()),
                Long.toString(point.layerLoss()), String.format(Locale.ROOT, "%.6g", point.layerShare()),
                optional(point.rcvbufGrantedBytes()), String.format(Locale.ROOT, "%.3f", point.wallTimeS()),
                TrialsCsv.quote(point.runFolder()))).append(EOL);
        }
        return csv.toString();
    }

    /**
     * @param knob the knob.
     * @param points the points, in the order run.
     * @return the points in the knob's order: by value when the values are numbers, else as given.
     */
    public static List<SweepPoint> inKnobOrder(final SweepKnob knob, final List<SweepPoint> points)
    {
        final List<SweepPoint> ordered = new ArrayList<>(points);
        if (knob.numeric())
        {
            ordered.sort(Comparator.comparingDouble(SweepPoint::numeric));
        }
        return ordered;
    }

    private static String optional(final Long value)
    {
        return value == null ? "" : Long.toString(value);
    }

    private static String number(final Double value)
    {
        if (value == null)
        {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue()) :
            String.format(Locale.ROOT, "%.6g", value);
    }
}
