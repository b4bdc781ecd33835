package io.rxbreak.core.counters.cli;

import java.util.concurrent.Callable;

import io.rxbreak.core.cli.RxbreakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak counters}: the kernel's receive-path counters, per layer.
 */
@Command(
    name = "counters",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "The kernel's receive-path counters (softnet_stat, /proc/net/udp, snmp, dev, interface statistics, "
        + "tunables), and drops per layer: NIC, softirq backlog, socket buffer, global UDP memory, application.",
    subcommands = {WatchCommand.class, SnapshotCommand.class, CaptureCommand.class, DiffCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class CountersCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a subcommand is required: watch, snapshot, capture or diff");
    }

    @Override
    public int order()
    {
        return 50;
    }
}
