package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.Capture;
import io.rxbreak.core.counters.CounterDiff;
import io.rxbreak.core.counters.CounterDiffer;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.CounterSampler;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.CountersJson;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.SocketSelection;

/**
 * {@code rxbreak counters diff BEFORE AFTER}: what moved between two captures, or a capture and the live system.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "What moved between two captures (or a capture and the live system: AFTER given as 'live' or "
        + "'/'), explained per layer.")
public final class DiffCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    RootsOptions rootsOptions;

    @Mixin
    SelectionOptions selectionOptions;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "A capture folder, or 'live'.")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "A capture folder, or 'live' (or '/').")
    String after;

    @Option(names = "--json", description = "One JSON object (the contract in docs/counters.md).")
    boolean json;

    @Option(names = "--all", description = "Show every CPU, counter and socket, not only what moved.")
    boolean all;

    @Override
    public Integer call() throws JsonProcessingException
    {
        final CounterSnapshot earlier = load(before, "BEFORE");
        final CounterSnapshot later = load(after, "AFTER");
        final CounterRoots liveRoots = selectionOptions.roots(rootsOptions.roots());
        final SocketSelection selection = selectionOptions.selection(liveRoots);
        final DropReasons none = DropReasons.unavailable(DropReasons.ONLY_OVER_AN_INTERVAL);
        final CounterDiff diff = CounterDiffer.diff(earlier.withDropReasons(none), later.withDropReasons(none), selection);
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(CountersJson.mapper().writeValueAsString(CountersJson.diff(diff)));
        }
        else
        {
            new TextReport(out, new Format(false)).diff(diff, all);
        }
        out.flush();
        return 0;
    }

    private CounterSnapshot load(final String what, final String label)
    {
        if ("live".equals(what) || "/".equals(what))
        {
            final CounterRoots roots = selectionOptions.roots(rootsOptions.roots());
            return Commands.read(() -> new CounterSampler(roots, true).sample(), "--proc-root");
        }
        final Path dir = Path.of(what);
        if (!Files.isDirectory(dir))
        {
            throw new BadInputException(label + ": " + what + " is not a folder; give a capture folder or 'live'");
        }
        if (!Files.isDirectory(dir.resolve("proc")))
        {
            throw new BadInputException(label + ": " + what + " is not a capture (no proc/ folder in it); "
                + "make one with 'rxbreak counters capture DIR'");
        }
        return Commands.read(() -> Capture.read(dir), label);
    }
}
