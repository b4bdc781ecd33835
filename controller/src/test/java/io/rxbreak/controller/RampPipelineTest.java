package io.rxbreak.controller;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.rxbreak.controller.report.RunFolder;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.report.gate.JUnitReport;
import io.rxbreak.controller.report.hlog.LatencyLogWriter;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pipeline reads from {@code rxbreak ramp}, end to end with real multicast in a private namespace: the
 * regression gate against a baseline ({@code --baseline --max-regression}) and its JUnit file, the lower-bound rule
 * at the gate's threshold, a baseline without an NDR refused before anything starts, and two things of the run
 * folder: {@code latency.hlog} read back with HdrHistogram's reader, and {@code --busy-poll} on the receiving socket.
 * Each ramp is kept to a few short trials. (Exit 4 when the sender cannot offer the rate is {@code RampSandboxTest}'s,
 * on the run that also shows a sandbox removed after a normal finish.)
 */
class RampPipelineTest
{
    private static final Duration RAMP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT = 47001;
    private static final long WARM_UP_NS = 100_000_000L;
    /**
     * Short trials: 100 ms of warm-up and a window of 500 ms, confirmed by that window alone, and no discarded
     * warm-up trial (starting the agents costs most of a ramp this short already). These ramps are about what the
     * run says, not about the sender: on a machine shared with other tests, a sender that misses its rate by up to
     * 20 % or stalls still offers what tells a pass from a loss here, and is not made to try again.
     */
    private static final List<String> SHORT = List.of("--no-warm-up-trial", "--duration", "500ms", "--warm-up",
        "100ms", "--confirm-duration", "500ms", "--confirm-trial-duration", "500ms", "--tolerance", "20%",
        "--max-sender-lag", "0");

    @TempDir
    Path dir;

    /**
     * A receiver throttled to 1,200 msgs/s with a small buffer (96 KiB asked, about 230 datagrams of 64 B), ramped
     * from 1,000 by x1.99: 1,000 passes, 1,990 overflows the buffer (about 470 messages of its 1,194 beyond what the
     * receiver reads) and again on its recheck, and the bounds are within the precision (99 %): the NDR is 1,000,
     * found after three trials (lower if the busy machine fails 1,000 twice: a regression all the same). Judged on
     * loss alone, so that a pause of the receiver at 1,000 does not read as falling behind. Against a
     * baseline whose NDR is 1,000,000 that is a regression: exit 3, the gate's section on the console, and the
     * JUnit file says the failure. The same run's {@code latency.hlog} holds one histogram per trial, tagged with its
     * number, whose percentiles are the trial's; and its receiver's socket has SO_BUSY_POLL 50 us, as
     * {@code --busy-poll 50} asked (read from the socket itself: rxbreak reports it nowhere).
     */
    @Test
    void aRegressedNdrExits3AndSaysSoInJUnitAndTheRunsLatencyLogAndBusyPollAreTheReceivers() throws Exception
    {
        Privileges.assumeRoot("the ramp runs real multicast in a private network namespace");
        final long started = System.nanoTime();
        final Path baseline = baselineReport(dir.resolve("baseline"), 1_000_000L);
        final Path junit = dir.resolve("ci/rxbreak.xml");
        final Path run = dir.resolve("run");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, run, args(List.of("--throttle", "rate:1200", "--rcvbuf",
                "96KiB", "--start-rate", "1000", "--step", "x1.99", "--precision", "99%", "--max-backlog-growth",
                "off", "--max-trials", "12", "--busy-poll", "50", "--baseline", baseline.toString(), "--max-regression",
                "5", "--junit", junit.toString())));
            ramp.process().awaitStderrLine(START_TIMEOUT, line -> line.startsWith("rxbreak ramp: run folder "));
            final Map<Long, Integer> busyPoll = busyPollOfSockets(ramp.agent("receive").orElseThrow().pid());

            assertThat(ramp.waitFor(RAMP_TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.REGRESSION);
            assertThat(busyPoll).as("SO_BUSY_POLL of the receiver agent's sockets on port %d, by inode", PORT)
                .isNotEmpty().allSatisfy((inode, us) -> assertThat(us).isEqualTo(50));

            final JsonNode report = ramp.report();
            final long ndr = report.path("ndr").asLong();
            assertThat(ndr).as(ramp.output()).isBetween(1L, 1_199L);
            assertThat(report.path("goals").get(0).path("status").asText()).isEqualTo("FOUND");
            final String drop = String.format(Locale.ROOT, "%+.2f%%", (ndr - 1_000_000L) * 100.0 / 1_000_000L);
            assertThat(ramp.process().stdout()).contains("\nRegression gate (baseline " + baseline + ", allowed fall 5%)")
                .contains(String.format(Locale.ROOT, "NDR: %,d msgs/s vs baseline 1,000,000 msgs/s: %s: "
                    + "REGRESSED by", ndr, drop))
                .contains("result: REGRESSION (exit 3)").contains("JUnit result: " + junit);

            final Element suite = junitSuite(junit);
            assertThat(suite.getAttribute("name")).isEqualTo(JUnitReport.SUITE);
            assertThat(suite.getAttribute("failures")).isEqualTo("1");
            assertThat(suite.getAttribute("errors")).isEqualTo("0");
            assertThat(suite.getAttribute("skipped")).as("the PDR: the baseline's, not searched here").isEqualTo("1");
            final Element regression = testCase(suite, "ndr regression");
            final Element failure = (Element)regression.getElementsByTagName("failure").item(0);
            assertThat(failure).as("the ndr regression case fails").isNotNull();
            assertThat(failure.getAttribute("message")).contains("REGRESSED by").contains("vs baseline 1,000,000 msgs/s");
            assertThat(testCase(suite, "ndr").getElementsByTagName("failure").getLength()).as("the NDR was found")
                .isZero();

            assertThat(ramp.trials().get(0).path("socketDrops").fieldNames()).toIterable()
                .as("the sockets read are the trials' receiving sockets")
                .allSatisfy(name -> assertThat(busyPoll).containsKey(Long.parseLong(name.replaceAll(".* inode ", ""))));
            assertLatencyLogIsTheTrials(run, report, ramp.trials());
        }
        System.out.printf("RampPipelineTest: a regressed ramp took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * A run that did not regress exits 0, and the lower-bound rule holds on both sides of the threshold. The ramp's
     * rate is only a lower bound ({@code --max-rate 1000}, which passes: ABOVE_MAX_RATE). Against a baseline NDR of
     * 2,000 with an allowed fall of 50 % its threshold is exactly 1,000, and a lower bound at the threshold passes:
     * exit 0, the JUnit comparison passing. The same run folder judged by {@code rxbreak report} (the same gate, in
     * this JVM) against a baseline of 2,001, whose threshold is 1,000.5: a lower bound below the threshold says
     * nothing about the receiver (the limit may be {@code --max-rate}'s), so there is no valid comparison: exit 4,
     * and a JUnit error.
     */
    @Test
    void aLowerBoundAtTheThresholdPassesWithExit0AndBelowItIsNoValidComparison() throws Exception
    {
        Privileges.assumeRoot("the ramp runs real multicast in a private network namespace");
        final long started = System.nanoTime();
        final Path baseline = baselineReport(dir.resolve("baseline"), 2_000L);
        final Path junit = dir.resolve("gate.xml");
        final Path run = dir.resolve("run");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, run, args(List.of("--rcvbuf", "1MiB", "--start-rate",
                "1000", "--max-rate", "1000", "--max-backlog-growth", "off", "--max-trials", "6", "--baseline",
                baseline.toString(), "--max-regression", "50", "--junit", junit.toString())));
            assertThat(ramp.waitFor(RAMP_TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.OK);

            final JsonNode report = ramp.report();
            assertThat(report.path("goals").get(0).path("status").asText()).as(ramp.output())
                .isEqualTo("ABOVE_MAX_RATE");
            assertThat(report.path("ndr").asLong()).isEqualTo(1_000L);
            assertThat(ramp.process().stdout())
                .contains("NDR: at least 1,000 msgs/s vs baseline 2,000 msgs/s: -50.00%, within the allowed fall of 50%")
                .contains("result: pass (exit 0)");
            final Element suite = junitSuite(junit);
            assertThat(suite.getAttribute("failures")).isEqualTo("0");
            assertThat(suite.getAttribute("errors")).isEqualTo("0");
            final Element comparison = testCase(suite, "ndr regression");
            assertThat(comparison.getElementsByTagName("failure").getLength() + comparison.getElementsByTagName("error")
                .getLength()).as("the ndr regression case passes").isZero();
            assertThat(comparison.getTextContent()).contains("within the allowed fall of 50%");
        }

        final Path above = baselineReport(dir.resolve("above"), 2_001L);
        final Path aboveJunit = dir.resolve("above.xml");
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        final int exit = Rxbreak.newCommandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
            .execute("report", run.toString(), "--no-files", "--baseline", above.toString(), "--max-regression", "50",
                "--junit", aboveJunit.toString());
        assertThat(exit).as(stdout + "\n" + stderr).isEqualTo(ExitCodes.NO_VALID_TRIAL);
        assertThat(stdout.toString()).contains("NDR: at least 1,000 msgs/s vs baseline 2,001 msgs/s: -50.02%, but this "
            + "run's rate is only a lower bound (even --max-rate passed): no valid comparison")
            .contains("result: NO VALID COMPARISON (exit 4)");
        final Element error = (Element)testCase(junitSuite(aboveJunit), "ndr regression").getElementsByTagName("error")
            .item(0);
        assertThat(error).as("the ndr regression case is an error").isNotNull();
        assertThat(error.getAttribute("message")).contains("no valid comparison");
        System.out.printf("RampPipelineTest: a lower-bound ramp took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * A baseline that has no NDR (its run was interrupted before confirming one) is refused before anything starts,
     * even with {@code --sandbox}: one line naming {@code --baseline}, exit 2, no run folder, no namespace and no
     * process started. Run in this JVM.
     */
    @Test
    void aBaselineWithoutAnNdrIsRefusedBeforeAnythingStarts() throws Exception
    {
        final Path cut = dir.resolve("cut");
        SampleRuns.interrupted(cut, 5);
        final Path out = dir.resolve("never");
        final List<ProcessHandle> childrenBefore = ProcessHandle.current().children().toList();
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();

        final int exit = Rxbreak.newCommandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
            .execute("ramp", "--sandbox", "--baseline", cut.toString(), "--out", out.toString());

        assertThat(exit).as(stderr.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(stderr.toString().lines().toList()).hasSize(1).first().asString()
            .contains("--baseline: " + cut + ": it has no NDR (not reached: the run stopped first): no valid comparison "
                + "is possible; choose a run that found an NDR");
        assertThat(stdout.toString()).isEmpty();
        assertThat(out).as("no run folder").doesNotExist();
        assertThat(ProcessHandle.current().children().toList()).as("no agent started")
            .containsExactlyInAnyOrderElementsOf(childrenBefore);
        if (Files.isDirectory(Path.of("/run/netns")))
        {
            assertThat(NetworkNamespace.run("ip", "netns", "list")).as("no sandbox")
                .doesNotContain("rxbreak-" + ProcessHandle.current().pid());
        }
    }

    /**
     * {@code latency.hlog} read back with HdrHistogram's own reader: its start is the run's, one histogram per
     * trial in order, tagged with the trial's number, inside the run's time; each holds the trial's measured
     * messages (warm-up ones are not latencies: a trial that lost nothing has all of its window's, {@code sent}
     * less the warm-up's), and its percentiles are the ones the trial record states.
     */
    private static void assertLatencyLogIsTheTrials(final Path run, final JsonNode report, final List<JsonNode> trials)
        throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(run.resolve(LatencyLogWriter.FILE).toFile());
        final List<Histogram> histograms = new ArrayList<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null)
        {
            histograms.add((Histogram)next);
        }
        final long startedMs = Instant.parse(report.path("startedAt").asText()).toEpochMilli();
        final long finishedMs = Instant.parse(report.path("finishedAt").asText()).toEpochMilli();
        assertThat((long)(reader.getStartTimeSec() * 1000)).as("the log's base time is the run's start")
            .isBetween(startedMs, startedMs + 10_000);
        assertThat(histograms).as("a histogram per trial").hasSize(trials.size());
        for (int i = 0; i < trials.size(); i++)
        {
            final JsonNode trial = trials.get(i);
            final Histogram histogram = histograms.get(i);
            final String what = "trial " + trial.path("trial").asInt();
            assertThat(histogram.getTag()).as(what).isEqualTo(trial.path("trial").asText());
            assertThat(histogram.getStartTimeStamp()).as(what).isBetween((long)(reader.getStartTimeSec() * 1000),
                histogram.getEndTimeStamp());
            assertThat(histogram.getEndTimeStamp()).as(what).isLessThanOrEqualTo(finishedMs);
            final long warmUp = trial.path("targetRate").asLong() * WARM_UP_NS / 1_000_000_000L;
            if ("PASS".equals(trial.path("verdict").asText()))
            {
                assertThat(histogram.getTotalCount()).as(what).isEqualTo(trial.path("sent").asLong() - warmUp);
            }
            else
            {
                assertThat(histogram.getTotalCount()).as(what).isPositive()
                    .isLessThanOrEqualTo(trial.path("received").asLong());
            }
            final JsonNode latency = trial.path("latency");
            assertThat(histogram.getValueAtPercentile(50)).as(what).isEqualTo(latency.path("p50Ns").asLong());
            assertThat(histogram.getValueAtPercentile(99)).as(what).isEqualTo(latency.path("p99Ns").asLong());
            assertThat(histogram.getMaxValue()).as(what).isEqualTo(latency.path("maxNs").asLong());
        }
    }

    private static String[] args(final List<String> options)
    {
        final List<String> all = new ArrayList<>(options);
        all.addAll(SHORT);
        return all.toArray(new String[0]);
    }

    /**
     * @param folder where to write the baseline's run folder.
     * @param ndr its NDR.
     * @return a baseline {@code report.json}: a complete run of the simulated receive path ({@code SampleRuns})
     *     with its top-level {@code ndr}, what the gate reads, set to this (its PDR, which these ramps do not
     *     search, is skipped).
     */
    private static Path baselineReport(final Path folder, final long ndr) throws IOException
    {
        SampleRuns.complete(folder);
        final Path file = folder.resolve(RunFolder.REPORT_FILE);
        final ObjectNode json = (ObjectNode)Json.MAPPER.readTree(file.toFile());
        json.put("ndr", ndr);
        Json.MAPPER.writeValue(file.toFile(), json);
        return file;
    }

    private static Element junitSuite(final Path junit) throws Exception
    {
        final Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(junit)));
        return (Element)document.getElementsByTagName("testsuite").item(0);
    }

    private static Element testCase(final Element suite, final String name)
    {
        final NodeList cases = suite.getElementsByTagName("testcase");
        final Map<String, Element> byName = new TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++)
        {
            final Element testCase = (Element)cases.item(i);
            byName.put(testCase.getAttribute("name"), testCase);
        }
        assertThat(byName).as("the JUnit cases").containsKey(name);
        return byName.get(name);
    }

    /**
     * SO_BUSY_POLL read from the sockets themselves (rxbreak reports it nowhere): each socket of the process bound to
     * {@link #PORT} (its inode from the process's own {@code /proc/PID/net/udp}) is found among its descriptors, a
     * copy taken with {@code pidfd_getfd(2)} (root), the option read and the copy closed, as harness-core's
     * {@code ForeignSocket} reads SO_RCVBUF.
     *
     * @return SO_BUSY_POLL in microseconds by socket inode.
     */
    private static Map<Long, Integer> busyPollOfSockets(final long pid) throws IOException
    {
        final Map<Long, Integer> byInode = new TreeMap<>();
        final String port = String.format(":%04X", PORT);
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "udp")))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length > 9 && fields[1].endsWith(port))
            {
                byInode.put(Long.parseLong(fields[9]), null);
            }
        }
        final int pidfd = (int)LibC.C.syscall(LibC.SYS_PIDFD_OPEN, pid, 0, 0);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd")))
        {
            for (final Path fd : fds)
            {
                final String link = Files.readSymbolicLink(fd).toString();
                final Long inode = link.startsWith("socket:[") ? Long.valueOf(link.substring(8, link.length() - 1)) : null;
                if (inode != null && byInode.containsKey(inode))
                {
                    final int copy = (int)LibC.C.syscall(LibC.SYS_PIDFD_GETFD, pidfd,
                        Long.parseLong(fd.getFileName().toString()), 0);
                    try
                    {
                        final int[] value = new int[1];
                        LibC.C.getsockopt(copy, LibC.SOL_SOCKET, LibC.SO_BUSY_POLL, value, new int[] {4});
                        byInode.put(inode, value[0]);
                    }
                    finally
                    {
                        LibC.C.close(copy);
                    }
                }
            }
        }
        finally
        {
            LibC.C.close(pidfd);
        }
        assertThat(byInode).as("every socket on port %d found among process %d's descriptors", PORT, pid)
            .doesNotContainValue(null);
        return byInode;
    }

    /**
     * The C library's calls that read another process's socket option.
     */
    private interface LibC extends Library
    {
        LibC C = Native.load("c", LibC.class);
        long SYS_PIDFD_OPEN = 434;
        long SYS_PIDFD_GETFD = 438;
        int SOL_SOCKET = 1;
        int SO_BUSY_POLL = 46;

        long syscall(long number, long a1, long a2, long a3) throws LastErrorException;

        int getsockopt(int fd, int level, int optname, int[] optval, int[] optlen) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
