package io.rxbreak.core.counters.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.DurationConverter;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.counters.CounterDiff;
import io.rxbreak.core.counters.CounterDiffer;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.CounterSampler;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.CountersJson;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.TracepointCounts;
import io.rxbreak.core.counters.tracing.DropReasonCounter;
import io.rxbreak.core.counters.tracing.TracepointCounter;
import io.rxbreak.core.timeline.PrometheusCounter;
import io.rxbreak.core.timeline.RecordingHeader;
import io.rxbreak.core.timeline.RecordingWriter;
import io.rxbreak.core.timeline.TimelineRecorder;

/**
 * {@code rxbreak counters watch}: a line per interval of what moved, per layer; with {@code --record FILE}, a
 * {@link io.rxbreak.core.timeline.TimelineSample} per interval appended to a recording instead.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Print a line per interval of what moved: Udp InDatagrams/s and errors, the selected sockets' "
        + "drops and rx queue, softnet processed/s, backlog drops and squeezes, NIC drops, socket-buffer tracepoint "
        + "hits and the kernel's drop reasons (root); then a line per CPU, socket and interface that moved. A drop that moved is marked '!'.",
        "With --record FILE, append a JSON line per interval (default every 100ms) to FILE instead, for hours, "
            + "for rxbreak report FILE to chart (see docs/counters.md).",
        "Ctrl-C ends it; the tracing instances are removed."})
public final class WatchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    RootsOptions rootsOptions;

    @Mixin
    SelectionOptions selectionOptions;

    /** The time between lines on the console. */
    static final long DEFAULT_INTERVAL_NS = 1_000_000_000L;
    /** The time between samples of a recording. */
    static final long DEFAULT_RECORD_INTERVAL_NS = 100_000_000L;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Time between lines, like 250ms or 2s (default: 1s; 100ms with --record).")
    Long intervalNs;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
        description = "Stop after N lines (default: until Ctrl-C).")
    long count;

    @Option(names = "--json", description = "One JSON object (a diff, see docs/counters.md) per interval.")
    boolean json;

    @Option(names = "--all", description = "Show every CPU and socket each interval, not only what moved.")
    boolean all;

    @Option(names = "--no-tracepoints", description = "Do not count the socket-buffer tracepoints.")
    boolean noTracepoints;

    @Option(names = "--no-drop-reasons",
        description = "Do not count the kernel's drop reasons (skb:kfree_skb, machine-wide; root).")
    boolean noDropReasons;

    @Option(names = "--record", paramLabel = "FILE",
        description = "Append a JSON line per interval to FILE (a new file), flushed each line, until --count or "
            + "Ctrl-C; rxbreak report FILE charts it.")
    Path record;

    @Option(names = "--app-loss-url", paramLabel = "URL",
        description = "With --record: the application's Prometheus text endpoint, scraped each interval, like "
            + "http://127.0.0.1:9100/metrics.")
    URI appLossUrl;

    @Option(names = "--app-loss-metric", paramLabel = "NAME",
        description = "With --app-loss-url: the counter of messages the application lost, like app_lost_total "
            + "(every label set added up).")
    String appLossMetric;

    @Override
    public Integer call() throws JsonProcessingException
    {
        if (intervalNs == null)
        {
            intervalNs = record == null ? DEFAULT_INTERVAL_NS : DEFAULT_RECORD_INTERVAL_NS;
        }
        if (intervalNs <= 0)
        {
            throw BadInputException.option("--interval", "must be more than 0, like 1s");
        }
        if (record != null && (json || all))
        {
            throw BadInputException.option(json ? "--json" : "--all", "is for the lines printed: --record writes "
                + "every sample to its file (read it with rxbreak report FILE)");
        }
        final PrometheusCounter appLoss = appLoss();
        if (count < 0)
        {
            throw BadInputException.option("--count", "must be 0 (until Ctrl-C) or more");
        }
        final CounterRoots roots = selectionOptions.roots(rootsOptions.roots());
        selectionOptions.selection(roots);
        final PrintWriter out = spec.commandLine().getOut();
        final CounterSampler sampler = new CounterSampler(roots, false);
        final TimelineRecorder recorder = record == null ? null : recorder(appLoss);
        final TracepointCounter tracer;
        final TracepointCounts unavailable;
        if (noTracepoints)
        {
            tracer = null;
            unavailable = TracepointCounts.unavailable("--no-tracepoints");
        }
        else if (!rootsOptions.live())
        {
            tracer = null;
            unavailable = TracepointCounts.unavailable("not the live system (--proc-root/--sys-root given)");
        }
        else
        {
            final String[] reason = new String[1];
            tracer = TracepointCounter.tryOpen(rootsOptions.sysRoot, reason);
            unavailable = tracer == null ? TracepointCounts.unavailable(reason[0]) : null;
        }
        final DropReasonCounter reasons;
        final DropReasons reasonsUnavailable;
        if (noDropReasons)
        {
            reasons = null;
            reasonsUnavailable = DropReasons.unavailable("--no-drop-reasons");
        }
        else if (!rootsOptions.live())
        {
            reasons = null;
            reasonsUnavailable = DropReasons.unavailable("not the live system (--proc-root/--sys-root given)");
        }
        else
        {
            final String[] reason = new String[1];
            reasons = DropReasonCounter.tryOpen(rootsOptions.sysRoot, rootsOptions.procRoot, reason);
            reasonsUnavailable = reasons == null ? DropReasons.unavailable(reason[0]) : null;
        }
        try
        {
            return watch(out, sampler, roots, new Sources(tracer, unavailable, reasons, reasonsUnavailable), recorder);
        }
        finally
        {
            // the reverse of opening; whichever closes last unmounts a tracefs this process mounted (Tracefs)
            if (reasons != null)
            {
                reasons.close();
            }
            if (tracer != null)
            {
                tracer.close();
            }
            if (recorder != null)
            {
                closeQuietly(recorder);
                if (recorder.started())
                {
                    out.println("recorded " + recorder.samples() + " samples to " + record);
                    out.flush();
                }
                else
                {
                    deleteQuietly(record); // refused before its first line: leave nothing behind
                }
            }
        }
    }

    private PrometheusCounter appLoss()
    {
        if ((appLossUrl == null) != (appLossMetric == null))
        {
            throw BadInputException.option(appLossUrl == null ? "--app-loss-url" : "--app-loss-metric",
                "is needed too: --app-loss-url and --app-loss-metric go together");
        }
        if (appLossUrl == null)
        {
            return null;
        }
        if (record == null)
        {
            throw BadInputException.option("--app-loss-url", "needs --record FILE: the application's loss is recorded");
        }
        if (!"http".equals(appLossUrl.getScheme()) && !"https".equals(appLossUrl.getScheme()))
        {
            throw BadInputException.option("--app-loss-url", "must be an http:// or https:// URL, not " + appLossUrl);
        }
        final PrometheusCounter counter = new PrometheusCounter(appLossUrl, appLossMetric,
            Duration.ofNanos(Math.max(intervalNs / 2, 50_000_000L)));
        try
        {
            counter.scrape();
        }
        catch (final IOException ex)
        {
            throw BadInputException.option("--app-loss-url", "could not read " + appLossMetric + ": "
                + ex.getMessage());
        }
        return counter;
    }

    private TimelineRecorder recorder(final PrometheusCounter appLoss)
    {
        try
        {
            return new TimelineRecorder(RecordingWriter.create(record), appLoss);
        }
        catch (final IOException ex)
        {
            throw BadInputException.option("--record", "cannot write a new file " + record + ": " + describe(ex));
        }
    }

    private RecordingHeader header(final CounterSnapshot first)
    {
        return new RecordingHeader(RecordingHeader.SCHEMA_VERSION, hostName(), first.bootId(),
            System.getProperty("os.version"), intervalNs, first.epochMs(), selectionOptions.describe(),
            appLossUrl == null ? null : appLossUrl.toString(), appLossMetric);
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof java.nio.file.FileAlreadyExistsException)
        {
            return "it exists (give a new file name)";
        }
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return "no such folder";
        }
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getMessage();
    }

    private static String hostName()
    {
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final IOException ex)
        {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            java.nio.file.Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void closeQuietly(final TimelineRecorder recorder)
    {
        try
        {
            recorder.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private int watch(final PrintWriter out, final CounterSampler sampler, final CounterRoots roots,
        final Sources sources, final TimelineRecorder recorder) throws JsonProcessingException
    {
        final Format format = new Format(!json && System.console() != null);
        final WatchLine line = new WatchLine(out, format, all);
        if (recorder != null)
        {
            out.println("recording " + selectionOptionsText() + " every " + Units.formatDuration(intervalNs) + " to "
                + record + (count == 0 ? " until Ctrl-C" : " for " + count + " samples"));
            out.flush();
        }
        else if (!json)
        {
            out.println("watching " + selectionOptionsText() + " every " + Units.formatDuration(intervalNs) +
                (sources.tracer() == null ? "; tracepoints unavailable: " + sources.tracerUnavailable().unavailableReason()
                    : "") + (sources.reasons() == null
                    ? "; drop reasons unavailable: " + sources.reasonsUnavailable().unavailableReason()
                    : "; drop reasons counted machine-wide"));
            line.header();
            out.flush();
        }
        CounterSnapshot previous = sources.sample(sampler);
        final long startNs = previous.monotonicNs();
        if (recorder != null)
        {
            try
            {
                recorder.header(header(previous));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("could not write " + record + ": " + ex.getMessage(), ex);
            }
        }
        long slot = 0;
        for (long i = 1; count == 0 || i <= count; i++)
        {
            // the next slot of the schedule; slots already past are skipped (a sampler that was held up, by a busy
            // machine or a pause, gives one longer interval, never a burst of short ones to catch up)
            slot = Math.max(slot + 1, (System.nanoTime() - startNs) / intervalNs + 1);
            final long deadlineNs = startNs + slot * intervalNs;
            long leftNs;
            while ((leftNs = deadlineNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(leftNs);
                if (Thread.currentThread().isInterrupted())
                {
                    return ExitCodes.INTERRUPTED;
                }
            }
            final CounterSnapshot now = sources.sample(sampler);
            final CounterDiff diff = CounterDiffer.diff(previous, now, selectionOptions.selection(roots));
            if (recorder != null)
            {
                try
                {
                    recorder.onInterval(diff);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("could not write " + record + ": " + ex.getMessage(), ex);
                }
            }
            else if (json)
            {
                final ObjectNode node = CountersJson.diff(diff);
                node.put("type", "watch");
                node.put("sequence", i);
                out.println(CountersJson.mapper().writeValueAsString(node));
                out.flush();
            }
            else
            {
                line.print(diff);
            }
            previous = now;
        }
        return ExitCodes.OK;
    }

    private String selectionOptionsText()
    {
        return selectionOptions.any() ? "the selected sockets" : "all UDP sockets";
    }

    /**
     * What a watch counts besides the files: the tracepoints and the drop reasons, each a counter or why not.
     */
    private record Sources(TracepointCounter tracer, TracepointCounts tracerUnavailable, DropReasonCounter reasons,
        DropReasons reasonsUnavailable)
    {
        CounterSnapshot sample(final CounterSampler sampler)
        {
            final CounterSnapshot snapshot = Commands.read(sampler::sample, "--proc-root");
            return snapshot.withTracepoints(tracer == null ? tracerUnavailable : tracer.read())
                .withDropReasons(reasons == null ? reasonsUnavailable : reasons.read());
        }
    }
}
