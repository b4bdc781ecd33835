package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.CounterSampler;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.CountersJson;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.SocketSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak counters snapshot}: every counter once.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Print every receive-path counter once: softnet_stat, snmp, UDP sockets, interfaces, tunables.")
public final class SnapshotCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    RootsOptions rootsOptions;

    @Mixin
    SelectionOptions selectionOptions;

    @Option(names = "--json", description = "One JSON object (the contract in docs/counters.md).")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException
    {
        final CounterRoots roots = selectionOptions.roots(rootsOptions.roots());
        final SocketSelection selection = selectionOptions.selection(roots);
        final CounterSnapshot snapshot = Commands.read(() -> new CounterSampler(roots, true).sample(), "--proc-root")
            .withDropReasons(DropReasons.unavailable(DropReasons.ONLY_OVER_AN_INTERVAL));
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(CountersJson.mapper().writeValueAsString(CountersJson.snapshot(snapshot)));
        }
        else
        {
            new TextReport(out, new Format(false)).snapshot(snapshot, selection);
        }
        out.flush();
        return 0;
    }
}
