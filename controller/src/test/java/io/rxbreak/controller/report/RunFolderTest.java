package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.Layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFolderTest
{
    @TempDir
    Path temp;

    @Test
    void appendsEveryTrialAsItEndsAndWritesTheReportAtTheEnd() throws IOException
    {
        final Path dir = temp.resolve("run-1");
        final SearchResult result;
        try (RunFolderWriter writer = RunFolderWriter.create(dir, ReportFixtures.header()))
        {
            final int[] seen = {0};
            result = ReportFixtures.search(writer.andThen(record ->
            {
                seen[0]++;
                assertThat(dir.resolve(RunFolder.TRIALS_FILE)).as("flushed before the next trial")
                    .satisfies(file -> assertThat(Files.readAllLines(file)).hasSize(seen[0]));
                assertThat(dir.resolve(RunFolder.REPORT_FILE)).doesNotExist();
            }));
            writer.writeReport(RunReports.of(ReportFixtures.header(), result, "2026-11-25T00:05:00Z"));
        }

        assertThat(lines(dir.resolve(RunFolder.TRIALS_FILE))).hasSize(result.trials().size());
        assertThat(dir.resolve(RunFolder.RUN_FILE)).exists();
        assertThat(dir.resolve(RunFolder.REPORT_FILE + ".tmp")).doesNotExist();
        final RunReport loaded = RunFolderReader.load(dir);
        assertThat(loaded).isEqualTo(RunReports.of(ReportFixtures.header(), result, "2026-11-25T00:05:00Z"));
        assertThat(loaded.ndr()).isBetween(19_400L, 20_000L);
        assertThat(loaded.outcome().status()).isEqualTo(Outcome.COMPLETE);
    }

    @Test
    void eachTrialsCounterTimelineReadsBackFromTrialsJsonl() throws IOException
    {
        final Path dir = temp.resolve("timelines");
        final RunReport written = SampleRuns.complete(dir);
        assertThat(written.trials()).allSatisfy(trial -> assertThat(trial.result().counterTimeline()).isNotEmpty());
        assertThat(Files.readString(dir.resolve(RunFolder.TRIALS_FILE))).contains("\"counterTimeline\":[");
        assertThat(RunFolderReader.load(dir).trials()).isEqualTo(written.trials());
    }

    @Test
    void reportJsonHasTheDocumentedKeys() throws IOException
    {
        final SearchResult result = ReportFixtures.search(record -> { });
        final RunReport report = RunReports.of(ReportFixtures.header(), result, "2026-11-25T00:05:00Z");
        final JsonNode json = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsBytes(report));

        assertThat(json.fieldNames()).toIterable().contains("formatVersion", "ndr", "pdr", "pdrRatio",
            "firstFailRate", "lowestFailRate", "breakPointAboveSenderLimit", "senderLimitRate",
            "breakPointAboveMaxRate", "attribution", "environment", "tunables", "trials", "config", "commandLine",
            "startedAt", "finishedAt", "outcome", "goals", "stop", "rates");
        assertThat(json.get("ndr").asLong()).isEqualTo(report.ndr());
        assertThat(json.get("breakPointAboveSenderLimit").isNull()).isTrue();
        assertThat(json.get("outcome").get("status").asText()).isEqualTo("complete");
        assertThat(json.get("config").get("step").asText()).isEqualTo("x1.5");
        assertThat(json.get("attribution").get(0).get("layer").asText()).isEqualTo("socket-buffer");
        assertThat(json.get("attribution").get(1).get("layer").asText()).isEqualTo("unexplained");
        assertThat(json.get("rates").get(0).get("status").asText()).isEqualTo("pass");
        final JsonNode failed = json.get("trials").get(8);
        assertThat(failed.fieldNames()).toIterable().contains("targetRate", "achievedRate", "sent", "received",
            "verdict", "dropsByLayer", "latency", "unexplained", "attribution");
        assertThat(failed.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(failed.get("dropsByLayer").fieldNames()).toIterable()
            .containsExactly("softirq-backlog", "socket-buffer", "global-udp-memory");
        assertThat(failed.get("latency").get("p999Ns").asLong()).isEqualTo(120_000L);
        assertThat(failed.has("valid")).isFalse();
    }

    @Test
    void aCutLastLineStillLoadsTheCompleteTrials() throws IOException
    {
        final Path dir = temp.resolve("run-cut");
        final List<TrialRecord> trials;
        try (RunFolderWriter writer = RunFolderWriter.create(dir, ReportFixtures.header()))
        {
            trials = ReportFixtures.search(writer).trials();
        }
        final Path file = dir.resolve(RunFolder.TRIALS_FILE);
        final byte[] whole = Files.readAllBytes(file);
        final int lastLineStart = lastLineStart(whole);
        final int cut = lastLineStart + (whole.length - lastLineStart) / 2;
        Files.write(file, Arrays.copyOf(whole, cut));

        final TrialsFile read = TrialsFile.read(file);
        assertThat(read.trials()).isEqualTo(trials.subList(0, trials.size() - 1));
        assertThat(read.ignoredTailBytes()).isEqualTo(cut - lastLineStart);

        final RunReport rebuilt = RunFolderReader.load(dir);
        assertThat(rebuilt.outcome().status()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(rebuilt.outcome().reason()).contains((trials.size() - 1) + " complete trials")
            .contains("cut last line of " + (cut - lastLineStart) + " bytes");
        assertThat(rebuilt.trials()).hasSize(trials.size() - 1);
        assertThat(rebuilt.ndr()).as("nothing is confirmed in a run that did not finish").isNull();
        assertThat(rebuilt.goals().get(0).lowerBound()).isBetween(19_400L, 20_000L);
        assertThat(rebuilt.config()).isEqualTo(ReportFixtures.config());
        assertThat(rebuilt.firstFailRate()).isEqualTo(25_635L);
        assertThat(rebuilt.attribution().get(0).layer()).isEqualTo(Layer.SOCKET_BUFFER.label());
        assertThat(ConsoleSummary.render(rebuilt)).contains("interrupted").contains("NDR (no drop): not reached");
    }

    @Test
    void aLastLineWithoutItsNewlineIsKeptWhenComplete() throws IOException
    {
        final Path dir = temp.resolve("run-newline");
        final List<TrialRecord> trials;
        try (RunFolderWriter writer = RunFolderWriter.create(dir, ReportFixtures.header()))
        {
            trials = ReportFixtures.search(writer).trials();
        }
        final Path file = dir.resolve(RunFolder.TRIALS_FILE);
        final byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        Files.delete(dir.resolve(RunFolder.RUN_FILE));

        final TrialsFile read = TrialsFile.read(file);
        assertThat(read.trials()).isEqualTo(trials);
        assertThat(read.ignoredTailBytes()).isZero();
        final RunReport rebuilt = RunFolderReader.load(dir);
        assertThat(rebuilt.config()).isNull();
        assertThat(rebuilt.outcome().reason()).contains("run.json missing");
        assertThat(ConsoleSummary.render(rebuilt)).contains("unknown (run.json missing)");
    }

    @Test
    void aDamagedLineInTheMiddleIsAnError() throws IOException
    {
        final Path dir = temp.resolve("run-damaged");
        try (RunFolderWriter writer = RunFolderWriter.create(dir, ReportFixtures.header()))
        {
            ReportFixtures.search(writer);
        }
        final Path file = dir.resolve(RunFolder.TRIALS_FILE);
        final List<String> lines = Files.readAllLines(file);
        lines.set(2, lines.get(2).substring(0, 20));
        Files.write(file, lines);

        assertThatThrownBy(() -> TrialsFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> RunFolderReader.load(dir)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("line 3 is damaged");
    }

    @Test
    void refusesAFolderThatHoldsARun() throws IOException
    {
        final Path dir = temp.resolve("run-2");
        RunFolderWriter.create(dir, ReportFixtures.header()).close();

        assertThatThrownBy(() -> RunFolderWriter.create(dir, ReportFixtures.header()))
            .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("already holds a run");
    }

    @Test
    void aFolderWithoutARunIsBadInput()
    {
        assertThatThrownBy(() -> RunFolderReader.load(temp)).isInstanceOf(BadInputException.class)
            .hasMessageContaining("not an rxbreak run folder");
    }

    private static List<String> lines(final Path file) throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static int lastLineStart(final byte[] bytes)
    {
        for (int i = bytes.length - 2; i >= 0; i--)
        {
            if (bytes[i] == '\n')
            {
                return i + 1;
            }
        }
        return 0;
    }
}
