package io.rxbreak.receiver;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak receive --hlog FILE} on a real run ended by SIGINT (Ctrl-C): the process exits 130 after printing
 * its summary and JSON result, and the file, read back with HdrHistogram's own {@link HistogramLogReader}, holds
 * interval histograms whose counts add up to the messages received.
 */
class ReceiveHlogAndSigintTest
{
    private static final int SENT = 3000;

    @Test
    void sigintExits130WithTheSummaryAndAnHlogOfEveryMessage(@TempDir final Path dir) throws FileNotFoundException
    {
        Privileges.assumeRoot("creates a network namespace for real multicast");
        final Path hlog = dir.resolve("latency.hlog");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            // SIGINT handled even when this JVM was started with it ignored (a background job of a non-interactive
            // shell): a JVM installs no handler for a signal ignored when it starts
            final List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
            command.addAll(ChildProcess.javaCommand(Main.class, List.of("receive", "--json", "--interval", "100ms",
                "--group", "239.1.7.3:6103", "--rcvbuf", "1MiB", "--hlog", hlog.toString())));
            final ChildProcess receiver = ns.start(command);
            receiver.awaitStderrLine(ReceiverProcesses.START, line -> line.startsWith("  socket 0:"));
            final ChildProcess sender = ReceiverProcesses.sender(ns, "239.1.7.3:6103", "--count",
                Integer.toString(SENT), "--rate", "10000", "--markers", "0");
            assertThat(sender.waitFor(ReceiverProcesses.RUN)).as(sender.stderr()).isZero();
            receiver.awaitStderrLine(ReceiverProcesses.RUN, line -> line.contains(" received " + SENT + " "));

            NetworkNamespace.run("kill", "-INT", Long.toString(receiver.pid()));

            assertThat(receiver.waitFor(ReceiverProcesses.RUN)).as(receiver.stderr()).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(receiver.stderr()).contains("rxbreak receive: stopping on a signal")
                .contains("summary: trial 1").contains("  received " + SENT + "  unique " + SENT + "  gaps 0");
            final JsonNode result = lastJson(receiver);
            assertThat(result.get("received").asLong()).as(result.toString()).isEqualTo(SENT);
            assertThat(result.get("ended").asBoolean()).isTrue();
            final long latencyCount = result.get("latency").get("count").asLong();
            assertThat(latencyCount).isEqualTo(SENT);

            final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            final List<Histogram> intervals = new ArrayList<>();
            Histogram interval;
            while ((interval = (Histogram)reader.nextIntervalHistogram()) != null)
            {
                intervals.add(interval);
            }
            assertThat(reader.getStartTimeSec()).as("the log's start time").isPositive();
            // one interval a report (100ms) while it ran, and the last one on the way out
            assertThat(intervals).as("interval histograms").hasSizeGreaterThan(2);
            final Histogram total = new Histogram(3);
            long previousEndMs = 0;
            for (final Histogram each : intervals)
            {
                assertThat(each.getStartTimeStamp()).as("intervals in order, back to back")
                    .isGreaterThanOrEqualTo(previousEndMs);
                assertThat(each.getEndTimeStamp()).isGreaterThanOrEqualTo(each.getStartTimeStamp());
                previousEndMs = each.getEndTimeStamp();
                total.add(each);
            }
            assertThat(total.getTotalCount()).as("latencies in the log").isEqualTo(latencyCount);
            assertThat(total.valuesAreEquivalent(total.getMaxValue(), result.get("latency").get("maxNs").asLong()))
                .as("the log's max %d against the result's %s", total.getMaxValue(), result.get("latency"))
                .isTrue();
        }
    }

    private static JsonNode lastJson(final ChildProcess receiver)
    {
        final List<String> lines = receiver.stdoutLines();
        assertThat(lines).as("stdout; stderr:\n" + receiver.stderr()).isNotEmpty();
        try
        {
            return Json.MAPPER.readTree(lines.get(lines.size() - 1));
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError("not JSON: " + lines.get(lines.size() - 1), ex);
        }
    }
}
