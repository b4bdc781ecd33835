package io.rxbreak.core.counters.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.ProcessSockets;
import io.rxbreak.core.counters.TrialCounterWindow;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.timeline.RecordingHeader;
import io.rxbreak.core.timeline.RecordingReader;
import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PlainMulticastReceiver;
import io.rxbreak.testsupport.PlainMulticastSender;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code counters watch --record}: refusals before anything starts, and a real recording, in a private network
 * namespace, of a socket that is never read overflowing: the loss is in the samples of the time it was sent, and
 * nowhere else; a recording stopped like Ctrl-C (the thread interrupted) is complete to its last line. Then a
 * trial's counter window over the same socket keeps its timeline at 250 ms, adding up to the window.
 */
class WatchRecordTest
{
    private static final String GROUP = "239.255.42.7";
    private static final int PORT = 40177;
    private static final int SENT = 3000;
    private static final long INTERVAL_MS = 50;

    @Test
    void refusesAnUnwritablePathOrAHalfGivenAppLossSource(@TempDir final Path dir) throws Exception
    {
        final CliRun missingFolder = CliRun.run("counters", "watch", "--record", dir.resolve("no/such/rec.jsonl")
            .toString(), "--count", "1", "--no-tracepoints");
        assertThat(missingFolder.exitCode()).as(missingFolder.toString()).isEqualTo(2);
        assertThat(missingFolder.err().strip()).startsWith("rxbreak counters watch: --record: cannot write a new file")
            .endsWith("no such folder").doesNotContain("\n").doesNotContain("Exception");
        Files.writeString(dir.resolve("old.jsonl"), "x\n");
        final CliRun exists = CliRun.run("counters", "watch", "--record", dir.resolve("old.jsonl").toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("it exists (give a new file name)");
        assertThat(Files.readString(dir.resolve("old.jsonl"))).isEqualTo("x\n");
        final CliRun half = CliRun.run("counters", "watch", "--record", dir.resolve("new.jsonl").toString(),
            "--app-loss-url", "http://127.0.0.1:9/metrics");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("--app-loss-metric");
        assertThat(dir.resolve("new.jsonl")).doesNotExist();
        final CliRun withJson = CliRun.run("counters", "watch", "--record", dir.resolve("new.jsonl").toString(),
            "--json");
        assertThat(withJson.exitCode()).isEqualTo(2);
        assertThat(withJson.err()).contains("--json: is for the lines printed");
        assertThat(dir.resolve("new.jsonl")).doesNotExist();
    }

    @Test
    void recordsASocketBufferLossAtTheTimeItHappened(@TempDir final Path dir) throws Exception
    {
        Privileges.assumeRoot("a private network namespace");
        final long started = System.nanoTime();
        final Path file = dir.resolve("rec.jsonl");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ns.startJava(PlainMulticastReceiver.class, GROUP + ":" + PORT, "--hold",
                "--rcvbuf", "4096");
            final String ready = receiver.awaitLine(Duration.ofSeconds(30), line -> line.startsWith("READY"));
            final String pid = ready.substring(ready.indexOf("pid=") + 4).trim();
            final AtomicReference<CliRun> result = new AtomicReference<>();
            final Thread watch = new Thread(() -> result.set(CliRun.run("counters", "watch", "--record",
                file.toString(), "--pid", pid, "--port", Integer.toString(PORT), "--interval", INTERVAL_MS + "ms",
                "--no-tracepoints")), "watch-record");
            watch.start();
            try
            {
                Deadline.await(Duration.ofSeconds(10), "five samples recorded", () -> lines(file) >= 6);
                final long sendFromMs = System.currentTimeMillis();
                final ChildProcess sender = ns.startJava(PlainMulticastSender.class, GROUP + ":" + PORT, "--count",
                    Integer.toString(SENT));
                assertThat(sender.waitFor(Duration.ofSeconds(60))).as(sender.stderr()).isZero();
                final long sendToMs = System.currentTimeMillis();
                final long linesAfterSend = lines(file);
                Deadline.await(Duration.ofSeconds(10), "five more samples", () -> lines(file) >= linesAfterSend + 5);
                watch.interrupt(); // what Ctrl-C does
                watch.join(Duration.ofSeconds(10).toMillis());
                assertThat(watch.isAlive()).isFalse();
                assertThat(result.get().exitCode()).as(result.get().toString()).isEqualTo(130);
                assertThat(result.get().out()).contains("recorded ").contains(" samples to " + file);

                final List<TimelineSample> samples = new ArrayList<>();
                final RecordingHeader header = RecordingReader.read(file, samples::add);
                assertThat(header.intervalNs()).isEqualTo(INTERVAL_MS * 1_000_000L);
                assertThat(header.selection()).isEqualTo("--port " + PORT + " --pid " + pid);
                assertThat(samples).hasSize((int)lines(file) - 1);
                assertThat(samples.get(0).epochMs() - samples.get(0).intervalNs() / 1_000_000L)
                    .as("the header's start is the first interval's").isBetween(header.startEpochMs() - 2,
                        header.startEpochMs() + 2);
                long lost = 0;
                for (final TimelineSample sample : samples)
                {
                    final long drops = sample.drops().getOrDefault(Layer.SOCKET_BUFFER, 0L);
                    final long startMs = sample.epochMs() - sample.intervalNs() / 1_000_000L;
                    if (drops > 0)
                    {
                        assertThat(sample.epochMs()).as("a loss after the sender started").isGreaterThanOrEqualTo(
                            sendFromMs);
                        assertThat(startMs).as("a loss before the sender ended").isLessThanOrEqualTo(sendToMs);
                    }
                    assertThat(sample.intervalNs()).as("an interval").isPositive();
                    lost += drops;
                    assertThat(TimelineSample.sum(sample.socketDrops())).isEqualTo(drops);
                }
                // the schedule is fixed (a sample that woke late makes its interval longer and the next one shorter;
                // missed slots are skipped, not caught up): the median is the step
                final long[] intervals = samples.stream().mapToLong(TimelineSample::intervalNs).sorted().toArray();
                assertThat(intervals[intervals.length / 2]).as("the median interval")
                    .isBetween(INTERVAL_MS * 800_000L, INTERVAL_MS * 1_200_000L);
                assertThat(lost).as("most of %d datagrams lost", SENT).isGreaterThan(SENT / 2);
                assertThat(samples.get(samples.size() - 1).totalRxQueueBytes()).as("the full queue").isPositive();
                assertThat(samples.get(0).netRx()).isNotEmpty();
                assertThat(samples.get(0).ksoftirqdCpuNs()).isNotEmpty();

                // a ramp trial's counter window keeps the same timeline at its coarser step, summing to the window
                final Set<Long> inodes = ProcessSockets.inodes(Path.of("/proc"), Long.parseLong(pid));
                try (TrialCounterWindow window = new TrialCounterWindow(
                    CounterRoots.LIVE.inNamespaceOf(Long.parseLong(pid)), () -> inodes, false))
                {
                    window.begin();
                    final long windowFromMs = System.currentTimeMillis();
                    final ChildProcess again = ns.startJava(PlainMulticastSender.class, GROUP + ":" + PORT, "--count",
                        Integer.toString(SENT));
                    assertThat(again.waitFor(Duration.ofSeconds(60))).as(again.stderr()).isZero();
                    final WindowCounters counters = window.end();
                    final long windowMs = System.currentTimeMillis() - windowFromMs;
                    final List<TimelineSample> timeline = counters.timeline();
                    assertThat(timeline).as("a point per 250 ms of a %d ms window", windowMs)
                        .hasSizeBetween((int)(windowMs / 250) - 1, (int)(windowMs / 250) + 2);
                    final long windowDrops = counters.socketDrops().values().stream().mapToLong(Long::longValue).sum();
                    assertThat(windowDrops).isGreaterThan(SENT / 2);
                    assertThat(timeline.stream().mapToLong(t -> TimelineSample.sum(t.socketDrops())).sum())
                        .as("the timeline adds up to the window").isEqualTo(windowDrops);
                }
            }
            finally
            {
                watch.interrupt();
                watch.join(Duration.ofSeconds(10).toMillis());
                receiver.closeStdin();
                receiver.waitFor(Duration.ofSeconds(30));
            }
        }
        System.out.printf("WatchRecordTest: real recording in a namespace took %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
    }

    private static long lines(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        }
        catch (final java.io.IOException ex)
        {
            return 0;
        }
    }
}
