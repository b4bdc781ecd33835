package io.rxbreak.controller.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.TrialRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSummaryTest
{
    @Test
    void showsTheSectionsInOrderWithTheBreakPointAndAttribution() throws Exception
    {
        final SearchResult result = ReportFixtures.search(record -> { });
        final RunReport report = RunReports.of(ReportFixtures.header(), result, "2026-11-25T00:05:00Z");
        final String text = ConsoleSummary.render(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "console-summary-example.txt"), text, StandardCharsets.UTF_8);

        assertThat(text).containsSubsequence("rxbreak ramp: complete", "\nConfiguration\n", "--start-rate 1000",
            "\nEnvironment\n", "kernel", "6.18.0-test", "\nTunables\n", "net.core.rmem_max", "\nTrials\n",
            "\nBreak point\n", "\nAttribution");
        assertThat(text).contains(String.format(java.util.Locale.ROOT, "NDR (no drop): %,d msgs/s", report.ndr()));
        assertThat(text).contains("first failure at 25,635 msgs/s (broken: 2 failed, 0 passed)");
        assertThat(text).contains("socket-buffer: ").contains("means: " + Layer.SOCKET_BUFFER.meaning())
            .contains("knob:  " + Layer.SOCKET_BUFFER.knob()).contains("unexplained: ");
        assertThat(text).contains("CLAMPED by the kernel");
        assertThat(text.indexOf("socket-buffer: ")).isLessThan(text.indexOf("unexplained: "));
        assertThat(text.lines()).noneMatch(line -> line.endsWith(" "));
    }

    @Test
    void alignsTheTrialColumns()
    {
        final SearchResult result = ReportFixtures.search(record -> { });
        final String text = ConsoleSummary.render(RunReports.of(ReportFixtures.header(), result, null));
        final List<String> table = text.lines().dropWhile(line -> !line.equals("Trials")).skip(1)
            .takeWhile(line -> !line.isEmpty()).toList();

        assertThat(table).hasSize(result.trials().size() + 1);
        final int verdictColumn = table.get(0).indexOf("verdict");
        for (final String row : table.subList(1, table.size()))
        {
            assertThat(row.substring(verdictColumn)).matches("(PASS|FAIL|INVALID) .*|(PASS|FAIL|INVALID)");
        }
        final int targetEnd = table.get(0).indexOf("target/s") + "target/s".length();
        for (final String row : table.subList(1, table.size()))
        {
            assertThat(row.charAt(targetEnd - 1)).as("right-aligned numbers end in the same column: %s", row)
                .isBetween('0', '9');
        }
    }

    @Test
    void saysWhenTheBreakPointLiesAboveTheSender()
    {
        final SearchResult result = new io.rxbreak.controller.search.RampSearch(ReportFixtures.config(), request ->
        {
            final long offered = Math.min(request.targetRate(), 15_000);
            final long sent = offered * request.durationNs() / 1_000_000_000L;
            return io.rxbreak.controller.trial.TrialResult.builder().achievedRate(offered).sent(sent).received(sent)
                .socketDrops("s", 0).build();
        }, record -> { }).run();
        final RunReport report = RunReports.of(ReportFixtures.header(), result, null);
        final String text = ConsoleSummary.render(report);

        assertThat(report.breakPointAboveSenderLimit()).isNotNull();
        assertThat(text).contains("the break point lies above what this sender can offer")
            .contains("nothing lost: no layer to name").contains("no trial lost anything");
        assertThat(text).contains("INVALID").contains("the sender achieved 15,000 msgs/s");
    }

    @Test
    void progressLineNamesTheLayers()
    {
        final List<TrialRecord> trials = ReportFixtures.search(record -> { }).trials();

        assertThat(ProgressLine.format(trials.get(0))).isEqualTo("trial 1  ramp 1,000 msgs/s  PASS  received all 5,000");
        assertThat(ProgressLine.format(trials.get(8))).startsWith("trial 9  ramp 25,635 msgs/s  FAIL  lost 28,175")
            .endsWith("socket-buffer 27,894, unexplained 281");
    }
}
