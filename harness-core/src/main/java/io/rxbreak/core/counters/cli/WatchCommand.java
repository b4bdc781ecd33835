package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
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

/**
 * {@code rxbreak counters watch}: a line per interval of what moved, per layer.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Print a line per interval of what moved: Udp InDatagrams/s and errors, the selected sockets' "
        + "drops and rx queue, softnet processed/s, backlog drops and squeezes, NIC drops, socket-buffer tracepoint "
        + "hits (root); then a line per CPU, socket and interface that moved. A drop that moved is marked '!'.",
        "Ctrl-C ends it; the tracing instances are removed."})
public final class WatchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    RootsOptions rootsOptions;

    @Mixin
    SelectionOptions selectionOptions;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
        description = "Time between lines, like 250ms or 2s (default: ${DEFAULT-VALUE}).")
    long intervalNs;

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

    @Override
    public Integer call() throws JsonProcessingException
    {
        if (intervalNs <= 0)
        {
            throw BadInputException.option("--interval", "must be more than 0, like 1s");
        }
        if (count < 0)
        {
            throw BadInputException.option("--count", "must be 0 (until Ctrl-C) or more");
        }
        final CounterRoots roots = selectionOptions.roots(rootsOptions.roots());
        selectionOptions.selection(roots);
        final PrintWriter out = spec.commandLine().getOut();
        final CounterSampler sampler = new CounterSampler(roots, false);
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
            return watch(out, sampler, roots, new Sources(tracer, unavailable, reasons, reasonsUnavailable));
        }
        finally
        {
            if (tracer != null)
            {
                tracer.close();
            }
            if (reasons != null)
            {
                reasons.close();
            }
        }
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

    private int watch(final PrintWriter out, final CounterSampler sampler, final CounterRoots roots,
        final Sources sources) throws JsonProcessingException
    {
        final Format format = new Format(!json && System.console() != null);
        final WatchLine line = new WatchLine(out, format, all);
        if (!json)
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
        for (long i = 1; count == 0 || i <= count; i++)
        {
            final long deadlineNs = startNs + i * intervalNs;
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
            if (json)
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
}
