package io.rxbreak.controller.report.html;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.report.ConsoleSummary;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.RunFolderReader;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.SampleRecordings;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportBrowserTest
{
    private static final String HOSTILE_INTERFACE = "eth0<img src=x onerror=\"document.title='pwned'\">";
    private static final String HOSTILE_ARGUMENT = "</script><script>document.title='pwned'</script>";

    @TempDir
    Path temp;

    @Test
    @Timeout(180)
    void theChartsDrawAndTheBreakPointAndAttributionAreOnThePage() throws Exception
    {
        HeadlessChromium.assumeAvailable();
        final Path dir = temp.resolve("run");
        final RunReport report = SampleRuns.complete(dir, SampleRuns.header(HOSTILE_INTERFACE,
            List.of("ramp", "--interface", HOSTILE_INTERFACE, "--note", HOSTILE_ARGUMENT)),
            SampleRuns.receivePath(20_000, 24_000));
        ReportArtifacts.writeAll(dir, report);
        final Path html = dir.resolve(ReportArtifacts.HTML_FILE);

        final String dom = HeadlessChromium.dumpDom(html);
        assertThat(dom).contains(ConsoleSummary.goalLine(report.goals().get(0), report))
            .contains(ConsoleSummary.brokeFirst(report).substring(1))
            .contains(Layer.SOFTIRQ_BACKLOG.meaning()).contains(Layer.SOFTIRQ_BACKLOG.knob());
        // the failing trial of the lowest rate: all its counted drops in the sample the fixture put them in
        final TrialRecord failed = report.trials().stream().filter(t -> t.judgement().verdict() == Verdict.FAIL)
            .min(java.util.Comparator.comparingLong(t -> t.request().targetRate())).orElseThrow();
        final long counted = failed.result().dropsByLayer().values().stream().mapToLong(Long::longValue).sum();
        final double lossSeconds = SampleRuns.lossPoint(failed.request().durationNs()) * 0.25;
        assertThat(dom).contains("When in the trial it broke")
            .contains("id=\"trial-" + failed.request().trial() + "-timeline\"")
            .contains(String.format(java.util.Locale.ROOT, "%,d lost at %.1fs", counted, lossSeconds));
        assertThat(dom).as("data never becomes markup").doesNotContain("<img").doesNotContain("pwned</title>")
            .contains("eth0&lt;img src=x");

        final Path png = temp.resolve("report.png");
        HeadlessChromium.screenshot(html, png, 1400, 3000);
        copyForPeople(png);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(countColour(image, LayerColours.of(Layer.SOFTIRQ_BACKLOG))).as("softirq-backlog bars")
            .isGreaterThan(2_000);
        assertThat(countColour(image, LayerColours.of(Layer.SOCKET_BUFFER))).as("socket-buffer bars")
            .isGreaterThan(300);
        assertThat(countColour(image, ReportCharts.RECEIVED)).as("received rate line").isGreaterThan(300);
        assertThat(countColour(image, ReportCharts.NDR)).as("NDR mark").isGreaterThan(300);
        assertThat(countColour(image, "#1c7ed6")).as("p99 latency line").isGreaterThan(300);
        assertThat(countColour(image, "#4263eb")).as("rx_queue bars").isGreaterThan(300);
    }

    @Test
    @Timeout(180)
    void anInterruptedRunRendersInTheBrowser() throws Exception
    {
        HeadlessChromium.assumeAvailable();
        final Path dir = temp.resolve("cut");
        SampleRuns.interrupted(dir, 11);
        final RunReport report = RunFolderReader.load(dir);
        ReportArtifacts.writeAll(dir, report);

        final String dom = HeadlessChromium.dumpDom(dir.resolve(ReportArtifacts.HTML_FILE));
        assertThat(dom).contains("interrupted").contains("NDR (no drop): not reached")
            .contains("11 complete trials");
    }

    @Test
    @Timeout(180)
    void aLongRecordingsTimelineDrawsWithItsSpikeAndTheApplicationsLossMarked() throws Exception
    {
        HeadlessChromium.assumeAvailable();
        final long started = System.nanoTime();
        final Path recording = temp.resolve("rec.jsonl");
        SampleRecordings.write(recording);
        // the application's own loss: 5 messages 250.05 s into the recording (in sample 2500), as ISO-8601
        final long appLossMs = SampleRecordings.START_EPOCH_MS + 250_050;
        final Path events = temp.resolve("loss.log");
        Files.writeString(events, "# app loss\n" + java.time.Instant.ofEpochMilli(appLossMs) + " 5\n");
        final Path html = temp.resolve("rec.html");
        assertThat(io.rxbreak.core.cli.Rxbreak.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new java.io.PrintWriter(System.err, true)).execute("report", recording.toString(), "--app-loss-events",
            events.toString(), "--out", html.toString())).isZero();

        final String dom = HeadlessChromium.dumpDom(html);
        // 3,000 samples drawn as 1,500 points of two samples each: the spike's point starts at sample 2,000,
        // 200.0 s in; the application's point at sample 2,500, 250.0 s in
        assertThat(dom).contains("each point the largest of 2 samples")
            .contains("37 lost at 3m20s").contains("5 lost at 4m10s")
            .contains("socket-buffer: at most 370").contains("application: at most 50")
            .contains("socket-buffer 37, application 5");
        final java.util.regex.Matcher marks = java.util.regex.Pattern.compile("class=\"loss-mark\"").matcher(dom);
        int count = 0;
        while (marks.find())
        {
            count++;
        }
        assertThat(count).as("two moments of loss marked on each of the five charts").isEqualTo(10);
        assertThat(dom).as("a line per CPU in three charts, per layer, per socket").contains("CPU 0: at most 10.06k")
            .contains("ksoftirqd/0 ran: at most 5").contains("ksoftirqd/0 waited: at most 2")
            .contains("inode " + SampleRecordings.INODE + ": at most 4KiB");
        System.out.printf("HtmlReportBrowserTest: a 3,000-sample timeline in the browser took %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
    }

    private static long countColour(final BufferedImage image, final String hex)
    {
        final int rgb = Integer.parseInt(hex.substring(1), 16);
        final int r = (rgb >> 16) & 0xff;
        final int g = (rgb >> 8) & 0xff;
        final int b = rgb & 0xff;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                final int pixel = image.getRGB(x, y);
                if (Math.abs(((pixel >> 16) & 0xff) - r) <= 6 && Math.abs(((pixel >> 8) & 0xff) - g) <= 6
                    && Math.abs((pixel & 0xff) - b) <= 6)
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static void copyForPeople(final Path png) throws IOException
    {
        final Path target = Path.of("target", "report-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
