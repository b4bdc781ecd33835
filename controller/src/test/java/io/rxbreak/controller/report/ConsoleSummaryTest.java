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

    /**
     * A receiver that loses above 10,300 and a sender that cannot offer 10,050 to 10,299: the search ends below the
     * sender's limit, but a rate above it lost, so the break point is bracketed, not "above what this sender can
     * offer" (a CI run said that of a receiver that lost at 10,395 while 10,147 could not be offered smoothly).
     */
    @Test
    void aSenderLimitBelowARateThatLostSaysTheBracket()
    {
        final SearchResult result = new io.rxbreak.controller.search.RampSearch(ReportFixtures.config(), request ->
        {
            final long rate = request.targetRate();
            final long offered = rate >= 10_050 && rate < 10_300 ? rate * 9 / 10 : rate;
            final long sent = offered * request.durationNs() / 1_000_000_000L;
            final long lost = rate >= 10_300 ? sent / 100 : 0;
            return io.rxbreak.controller.trial.TrialResult.builder().achievedRate(offered).sent(sent)
                .received(sent - lost).socketDrops("s", lost).build();
        }, record -> { }).run();
        final RunReport report = RunReports.of(ReportFixtures.header(), result, null);

        assertThat(report.senderLimitRate()).isBetween(10_050L, 10_299L);
        assertThat(report.lowestFailRate()).isGreaterThanOrEqualTo(10_300L);
        assertThat(ConsoleSummary.render(report)).doesNotContain("the break point lies above what this sender")
            .containsPattern("NDR \\(no drop\\): at least 10,0[0-4][0-9] msgs/s, confirmed over [^,]+, below "
                + "1[01],[0-9]{3} msgs/s \\(which lost\\): 10,[0-2][0-9]{2} msgs/s between could not be offered, so "
                + "the break point is known to [0-9.]+%, not to the precision asked");
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
