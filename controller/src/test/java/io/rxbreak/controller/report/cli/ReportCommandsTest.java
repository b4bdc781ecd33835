package io.rxbreak.controller.report.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import io.rxbreak.core.timeline.TimelineSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandsTest
{
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void reportPrintsTheSummaryAndWritesTheFiles() throws Exception
    {
        final Path dir = temp.resolve("run");
        final RunReport report = SampleRuns.complete(dir);

        assertThat(run("report", dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("rxbreak ramp: complete")
            .contains(String.format(java.util.Locale.ROOT, "NDR (no drop): %,d msgs/s", report.ndr()))
            .contains("broke first: softirq-backlog").contains("Wrote ");
        assertThat(dir.resolve(ReportArtifacts.HTML_FILE)).isRegularFile();
        assertThat(dir.resolve(ReportArtifacts.CSV_FILE)).isRegularFile();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRecordingGetsItsTimelinePageBesideItAndBadEventsAreOneLine() throws Exception
    {
        final Path recording = temp.resolve("rec.jsonl");
        io.rxbreak.controller.report.SampleRecordings.write(recording);
        assertThat(run("report", recording.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip()).isEqualTo("Wrote " + temp.resolve("rec.html"));
        assertThat(Files.readString(temp.resolve("rec.html"))).contains("rxbreak counter timeline");

        final Path events = temp.resolve("loss.log");
        Files.writeString(events, "1796190200000 2\nsoon 3\n");
        assertThat(run("report", recording.toString(), "--app-loss-events", events.toString()))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--app-loss-events: " + events + " line 2: expected a time: epoch seconds, ms, us or ns, "
            + "or ISO-8601, got 'soon 3'");
        assertThat(run("report", temp.resolve("run-folder-like").toString(), "--out", "x.html"))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--out").contains("is not one");
    }

    @Test
    void theApplicationsLossEventsAreLaidOnTheTrialsCounterTimelines() throws Exception
    {
        final Path dir = temp.resolve("observed");
        final RunReport report = SampleRuns.complete(dir);
        // the failing trial of the lowest rate: the page draws its timeline; 9 messages the application lost
        // 1.1 s after its timeline's start land in the point from 1.0 s to 1.25 s
        final TrialRecord failed = report.trials().stream()
            .filter(t -> t.judgement().verdict() == Verdict.FAIL)
            .min(Comparator.comparingLong(t -> t.request().targetRate())).orElseThrow();
        final TimelineSample first = failed.result().counterTimeline().get(0);
        final long startMs = first.epochMs() - first.intervalNs() / 1_000_000L;
        final Path events = temp.resolve("app-loss.log");
        Files.writeString(events, (startMs + 1_100) + " 9\n");

        assertThat(run("report", dir.toString(), "--app-loss-events", events.toString())).as(err.toString())
            .isEqualTo(ExitCodes.OK);
        final String html = Files.readString(dir.resolve(ReportArtifacts.HTML_FILE));
        final String section = html.substring(html.indexOf("id=\"trial-" + failed.request().trial() + "-timeline\""));
        assertThat(section.substring(0, section.indexOf("</div>\n</div>"))).contains("9 lost at 1.0s")
            .contains("application: at most 36");
        assertThat(run("report", dir.toString(), "--app-loss-events", events.toString(), "--no-files"))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--app-loss-events: is laid on report.html: drop --no-files");
    }

    @Test
    void anInterruptedRunStillRendersAndKeepsItsExitCode() throws Exception
    {
        final Path dir = temp.resolve("cut");
        SampleRuns.interrupted(dir, 9);

        assertThat(run("report", dir.toString())).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(out.toString()).contains("rxbreak ramp: interrupted").contains("9 complete trials")
            .contains("NDR (no drop): not reached");
        assertThat(Files.readString(dir.resolve(ReportArtifacts.HTML_FILE))).contains("interrupted");
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception
    {
        final Path missing = temp.resolve("nope");
        assertThat(run("report", missing.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine(missing + ": no such run folder or report.json");

        final Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(run("report", empty.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("not an rxbreak run folder");

        final Path broken = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(broken.resolve(RunFolder.REPORT_FILE), "{\"formatVersion\": 1, \"ndr\": [");
        assertThat(run("report", broken.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine(broken.resolve(RunFolder.REPORT_FILE) + " is damaged");

        final Path notAReport = temp.resolve("other.json");
        Files.writeString(notAReport, "{\"hello\": 1}");
        assertThat(run("report", notAReport.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine(notAReport + " is not an rxbreak report.json");
    }

    @Test
    void theGateReturnsRegressionOrSuccessAndWritesJUnit() throws Exception
    {
        final Path now = temp.resolve("now");
        SampleRuns.complete(now);
        final Path higher = temp.resolve("higher");
        SampleRuns.complete(higher, SampleRuns.header(), SampleRuns.receivePath(30_000, 34_000));
        final Path close = temp.resolve("close");
        SampleRuns.complete(close, SampleRuns.header(), SampleRuns.receivePath(20_500, 24_500));
        final Path junit = temp.resolve("ci/rxbreak.xml");

        assertThat(run("report", now.toString(), "--no-files", "--baseline",
            higher.resolve(RunFolder.REPORT_FILE).toString(), "--max-regression", "5%", "--junit", junit.toString()))
            .isEqualTo(ExitCodes.REGRESSION);
        assertThat(out.toString()).contains("Regression gate").contains("REGRESSED by").contains("(exit 3)");
        assertThat(Files.readString(junit)).contains("failures=\"2\"").contains("ndr regression");

        assertThat(run("report", now.toString(), "--no-files", "--baseline", close.toString(), "--max-regression",
            "5")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("within the allowed fall of 5%").contains("result: pass (exit 0)");
    }

    @Test
    void pipelineOptionsRefuseBadValuesBeforeAnything() throws Exception
    {
        final Path now = temp.resolve("now");
        SampleRuns.complete(now);
        final Path cut = temp.resolve("cut");
        SampleRuns.interrupted(cut, 5);

        assertThat(run("report", now.toString(), "--max-regression", "5")).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--max-regression: needs --baseline");
        assertThat(run("report", now.toString(), "--baseline", now.toString(), "--max-regression", "lots"))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--max-regression: 'lots' is not a percentage");
        assertThat(run("report", now.toString(), "--baseline", cut.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--baseline: " + cut + ": it has no NDR (not reached: the run stopped first)");
        assertThat(run("report", now.toString(), "--baseline", temp.resolve("gone").toString()))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("--baseline: " + temp.resolve("gone") + ": no such run folder");
        assertThat(now.resolve(ReportArtifacts.HTML_FILE)).as("nothing written").doesNotExist();
    }

    @Test
    void compareShowsTheChangeFromTheFirstAndWritesAPage() throws Exception
    {
        final Path before = temp.resolve("before");
        final RunReport first = SampleRuns.complete(before);
        final Path after = temp.resolve("after");
        final RunReport second = SampleRuns.complete(after, SampleRuns.header(),
            SampleRuns.receivePath(40_000, 30_000));
        final Path page = temp.resolve("pages/compare.html");

        assertThat(run("compare", before.toString(), after.resolve(RunFolder.REPORT_FILE).toString(), "--html",
            page.toString())).isEqualTo(ExitCodes.OK);
        final String expectedChange = String.format(java.util.Locale.ROOT, "%+.1f%%",
            (second.ndr() - first.ndr()) * 100.0 / first.ndr());
        assertThat(out.toString()).contains("changes from the first (before)").contains(expectedChange)
            .contains("softirq-backlog").contains("socket-buffer");
        assertThat(Files.readString(page)).contains(expectedChange).contains("<svg");

        assertThat(run("compare", before.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(run("compare", before.toString(), temp.resolve("missing").toString()))
            .isEqualTo(ExitCodes.BAD_INPUT);
        assertOneLine("missing: no such run folder or report.json");
    }

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private void assertOneLine(final String expected)
    {
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString().contains(expected);
    }
}
