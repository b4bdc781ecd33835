package io.rxbreak.controller.report.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.controller.report.ReportArtifacts;
import io.rxbreak.controller.report.ReportJson;
import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.trial.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TrialsCsvTest
{
    @TempDir
    Path temp;

    @Test
    void csvAndJsonAgreeWithEachOtherAndWithTheTrials() throws Exception
    {
        final Path dir = temp.resolve("run");
        final RunReport report = SampleRuns.complete(dir);
        ReportArtifacts.writeAll(dir, report);
        final List<List<String>> rows = parse(Files.readString(dir.resolve(ReportArtifacts.CSV_FILE),
            StandardCharsets.UTF_8));
        final JsonNode json = ReportJson.mapper().readTree(dir.resolve(RunFolder.REPORT_FILE).toFile());

        assertThat(rows.get(0)).isEqualTo(TrialsCsv.columns());
        assertThat(rows).hasSize(report.trials().size() + 1);
        for (int i = 0; i < report.trials().size(); i++)
        {
            final TrialRecord record = report.trials().get(i);
            final List<String> row = rows.get(i + 1);
            final JsonNode trial = json.get("trials").get(i);
            assertThat(row).hasSize(TrialsCsv.columns().size());
            assertThat(Long.parseLong(field(row, "trial"))).isEqualTo(record.request().trial()).isEqualTo(trial.get("trial")
                .asLong());
            assertThat(Long.parseLong(field(row, "target_rate"))).isEqualTo(record.request().targetRate())
                .isEqualTo(trial.get("targetRate").asLong());
            assertThat(Double.parseDouble(field(row, "achieved_rate"))).isEqualTo(record.result().achievedRate())
                .isEqualTo(trial.get("achievedRate").asDouble());
            assertThat(Long.parseLong(field(row, "sent"))).isEqualTo(trial.get("sent").asLong());
            assertThat(Long.parseLong(field(row, "received"))).isEqualTo(trial.get("received").asLong());
            assertThat(Long.parseLong(field(row, "lost"))).isEqualTo(trial.get("lost").asLong());
            assertThat(Double.parseDouble(field(row, "loss_ratio"))).isEqualTo(trial.get("lossRatio").asDouble());
            assertThat(field(row, "verdict")).isEqualTo(trial.get("verdict").asText());
            assertThat(Long.parseLong(field(row, "drops_softirq_backlog")))
                .isEqualTo(trial.get("dropsByLayer").get("softirq-backlog").asLong());
            assertThat(Long.parseLong(field(row, "drops_socket_buffer")))
                .isEqualTo(trial.get("dropsByLayer").get("socket-buffer").asLong());
            assertThat(field(row, "drops_application")).as("not measured is empty, not 0").isEmpty();
            assertThat(Long.parseLong(field(row, "unexplained"))).isEqualTo(trial.get("unexplained").asLong());
            assertThat(Long.parseLong(field(row, "latency_p999_ns")))
                .isEqualTo(trial.get("latency").get("p999Ns").asLong());
            assertThat(Long.parseLong(field(row, "time_squeeze"))).isEqualTo(trial.get("timeSqueeze").asLong());
            assertThat(field(row, "detail")).isEqualTo(record.judgement().detail());
            assertThat(Long.parseLong(field(row, "sent"))).as("accounting identity")
                .isEqualTo(Long.parseLong(field(row, "received")) + Long.parseLong(field(row, "drops_nic"))
                    + Long.parseLong(field(row, "drops_softirq_backlog"))
                    + Long.parseLong(field(row, "drops_socket_buffer"))
                    + Long.parseLong(field(row, "drops_global_udp_memory"))
                    + Long.parseLong(field(row, "unexplained")));
        }
    }

    @Test
    void quotesFieldsAsRfc4180Says()
    {
        assertThat(TrialsCsv.quote("plain")).isEqualTo("plain");
        assertThat(TrialsCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(TrialsCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TrialsCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(parse("a,\"b,\"\"c\"\"\r\nd\"\r\n")).containsExactly(List.of("a", "b,\"c\"\r\nd"));
    }

    private static String field(final List<String> row, final String column)
    {
        return row.get(TrialsCsv.columns().indexOf(column));
    }

    /** An RFC 4180 reader: records end in CRLF, quoted fields may hold commas, quotes (doubled) and CRLF. */
    static List<List<String>> parse(final String text)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.add(field.toString());
                field.setLength(0);
            }
            else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')
            {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            }
            else
            {
                assertThat(c).as("a bare CR or LF outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(field.length() == 0 && row.isEmpty()).as("the last record ends in CRLF").isTrue();
        return rows;
    }
}
