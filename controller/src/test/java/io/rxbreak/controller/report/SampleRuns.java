package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.TrialRunner;
import io.rxbreak.controller.trial.Latency;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.core.timeline.TrialTimeline;

/**
 * Run folders for the report tests, written by the real {@link RunFolderWriter} from the real search driving a
 * SIMULATED receive path (no packet is sent): the softirq backlog overflows above {@code backlogCapacity}, the
 * socket buffer above {@code socketCapacity}, and a little loss is left without a counter. Latency, rx_queue and
 * time_squeeze rise as the load nears the break point, as they do on a real host.
 */
public final class SampleRuns
{
    private SampleRuns()
    {
    }

    /**
     * @return the configuration of the sample runs (NDR and a 0.1 % PDR).
     */
    public static RampConfig config()
    {
        return RampConfig.builder().startRate(5_000).step("x1.5").maxRate(1_000_000).pdrRatio(0.001)
            .trialDurationNs(TimeUnit.SECONDS.toNanos(5)).build();
    }

    /**
     * @param interfaceName the interface to record (a test may pass hostile text).
     * @param commandLine   the command line to record.
     * @return a header.
     */
    public static RunHeader header(final String interfaceName, final List<String> commandLine)
    {
        return RunHeader.of(commandLine, "2026-11-25T00:00:00Z", config(),
            new Environment("6.18.0-sim", 2, "OpenJDK 17.0.15", interfaceName, 4L << 20, 425_984L,
                Map.of("host", "simulated-testbed", "nic driver", "veth"), List.of()),
            Map.of("net.core.rmem_max", "212992", "net.core.netdev_max_backlog", "1000",
                "net.core.netdev_budget", "300", "net.ipv4.udp_mem", "188088 250785 376176"));
    }

    /**
     * @return the usual header.
     */
    public static RunHeader header()
    {
        return header("veth-rx0", List.of("ramp", "--group", "239.1.1.1:4000", "--start-rate", "5000", "--pdr",
            "0.1%"));
    }

    /**
     * @param backlogCapacity msgs/s above which the softirq backlog drops the excess.
     * @param socketCapacity  msgs/s above which the socket buffer drops the excess.
     * @return the simulated receive path.
     */
    public static TrialRunner receivePath(final long backlogCapacity, final long socketCapacity)
    {
        return request ->
        {
            final long rate = request.targetRate();
            final long sent = rate * request.durationNs() / 1_000_000_000L;
            final long backlog = rate > backlogCapacity ? sent * (rate - backlogCapacity) / rate : 0;
            final long afterBacklog = sent - backlog;
            final long socket = rate > socketCapacity ? afterBacklog * (rate - socketCapacity) / rate : 0;
            final long unexplained = (backlog + socket) / 200;
            final long lost = backlog + socket + unexplained;
            final double load = Math.min(1.5, rate / (double)Math.min(backlogCapacity, socketCapacity));
            final long p50 = (long)(3_000 + 6_000 * load * load);
            return TrialResult.builder().achievedRate(rate).senderLagNs(15_000).sent(sent).received(sent - lost)
                .gaps(lost).socketDrops("239.1.1.1:4000 inode 77", socket).drops(Layer.SOFTIRQ_BACKLOG, backlog)
                .drops(Layer.GLOBAL_UDP_MEMORY, 0).drops(Layer.NIC, 0).hostRcvbufErrors(socket)
                .timeSqueeze((long)(40 * load * load * load)).peakRxQueueBytes(Math.min(425_984L,
                    (long)(425_984 * load * load * 0.8)))
                .latency(new Latency(p50, p50 * 2, p50 * 6, p50 * 15, p50 * 60))
                .counterTimeline(counterTimeline(request.trial(), request.durationNs(), backlog, socket)).build();
        };
    }

    /**
     * @return a trial's counter timeline at {@link TrialTimeline#STEP_NS}: quiet, but for all of its backlog and
     *     socket drops in the point {@link #lossPoint} of it.
     */
    private static List<TimelineSample> counterTimeline(final int trial, final long durationNs, final long backlog,
        final long socket)
    {
        final int points = (int)Math.max(1, durationNs / TrialTimeline.STEP_NS);
        final long startMs = 1_796_190_000_000L + trial * 100_000L;
        final List<TimelineSample> samples = new ArrayList<>();
        for (int i = 0; i < points; i++)
        {
            final boolean loss = i == lossPoint(durationNs);
            samples.add(new TimelineSample(startMs + (i + 1) * TrialTimeline.STEP_NS / 1_000_000L,
                TrialTimeline.STEP_NS, Map.of(Layer.SOFTIRQ_BACKLOG, loss ? backlog : 0L, Layer.SOCKET_BUFFER,
                    loss ? socket : 0L), loss && socket > 0 ? Map.of(77L, socket) : Map.of(),
                Map.of(77L, loss ? 425_984L : 832L), Map.of(0, loss ? 12L : 0L, 1, 0L), Map.of(0, 2_500L, 1, 300L),
                Map.of(0, loss ? 200_000_000L : 1_000_000L, 1, 0L), Map.of(0, 0L, 1, 0L), null));
        }
        return samples;
    }

    /**
     * @param durationNs a trial's duration.
     * @return the point of its counter timeline that holds all of its loss: the middle one.
     */
    public static int lossPoint(final long durationNs)
    {
        return (int)Math.max(1, durationNs / TrialTimeline.STEP_NS) / 2;
    }

    /**
     * Write a complete run folder (run.json, trials.jsonl, report.json).
     *
     * @param directory the folder.
     * @param header    the header.
     * @param runner    the simulated receive path.
     * @return the report written.
     * @throws IOException when it cannot be written.
     */
    public static RunReport complete(final Path directory, final RunHeader header, final TrialRunner runner)
        throws IOException
    {
        try (RunFolderWriter writer = RunFolderWriter.create(directory, header))
        {
            final SearchResult result = new RampSearch(header.config(), runner, writer).run();
            final RunReport report = RunReports.of(header, result, "2026-11-25T00:06:40Z");
            writer.writeReport(report);
            return report;
        }
    }

    /**
     * @param directory the folder.
     * @return a complete run: NDR near 20,000 msgs/s, the softirq backlog breaking first.
     * @throws IOException when it cannot be written.
     */
    public static RunReport complete(final Path directory) throws IOException
    {
        return complete(directory, header(), receivePath(20_000, 24_000));
    }

    /**
     * A run cut short: the writer's trials up to {@code keepTrials}, no report.json, the last line cut in half.
     *
     * @param directory  the folder.
     * @param keepTrials complete trials to keep.
     * @throws IOException when it cannot be written.
     */
    public static void interrupted(final Path directory, final int keepTrials) throws IOException
    {
        complete(directory);
        Files.delete(directory.resolve(RunFolder.REPORT_FILE));
        final Path trials = directory.resolve(RunFolder.TRIALS_FILE);
        final List<String> lines = Files.readAllLines(trials);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < keepTrials; i++)
        {
            text.append(lines.get(i)).append('\n');
        }
        text.append(lines.get(keepTrials), 0, lines.get(keepTrials).length() / 2);
        Files.writeString(trials, text);
    }
}
