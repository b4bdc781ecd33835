package io.rxbreak.controller.report.html;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rxbreak.controller.report.ReportJson;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.trial.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class HtmlReportTest
{
    private static final String HOSTILE = "lo</script><script>alert(1)</script><!--<img src=x onerror=alert(2)>'\"&";

    @TempDir
    Path temp;

    @Test
    void dataCannotBecomeMarkupAndTheEmbeddedJsonParsesBack() throws Exception
    {
        final RunReport report = SampleRuns.complete(temp.resolve("run"), SampleRuns.header(HOSTILE,
            List.of("ramp", "--interface", HOSTILE)), SampleRuns.receivePath(20_000, 24_000));
        final String html = HtmlReport.render(report);

        assertThat(html).doesNotContain("<img").doesNotContain("alert(1)</script>").doesNotContain("<!--<");
        assertThat(Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(html).results().count())
            .as("only the JSON block").isEqualTo(1);
        assertThat(html).contains("lo&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("rxbreak ramp --interface 'lo</script>".replace("<", "&lt;")
            .replace(">", "&gt;").replace("'", "&#39;"));

        final Matcher block = Pattern.compile("<script type=\"application/json\" id=\"" + HtmlReport.DATA_ID
            + "\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(block.find()).isTrue();
        assertThat(block.group(1)).doesNotContain("</").doesNotContain("<!--");
        assertThat(ReportJson.mapper().readValue(block.group(1), RunReport.class)).isEqualTo(report);
    }

    @Test
    void aRunWithoutAnyLatencyRenders() throws Exception
    {
        // observe mode: the application's latency is out of sight, no trial has any
        final RunReport report = SampleRuns.complete(temp.resolve("observe"), SampleRuns.header(), request ->
            TrialResult.builder().achievedRate(request.targetRate()).sent(request.targetRate())
                .received(request.targetRate() < 20_000 ? request.targetRate() : request.targetRate() - 5)
                .socketDrops("s", request.targetRate() < 20_000 ? 0 : 5).build());
        final String html = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HtmlReport.render(report));

        assertThat(html).contains("latency percentiles per trial");
    }

    @Test
    void shellWordsQuoteWhatAShellWouldSplit()
    {
        assertThat(ShellWords.join("rxbreak", List.of("ramp", "--pdr", "0.1%", "--group", "239.1.1.1:4000")))
            .isEqualTo("rxbreak ramp --pdr 0.1% --group 239.1.1.1:4000");
        assertThat(ShellWords.join("rxbreak", List.of("--note", "it's a $HOME", "")))
            .isEqualTo("rxbreak --note 'it'\\''s a $HOME' ''");
    }
}
