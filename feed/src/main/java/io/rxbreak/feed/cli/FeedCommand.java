package io.rxbreak.feed.cli;

import java.util.concurrent.Callable;

import io.rxbreak.core.cli.RxbreakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rxbreak feed}: recorded feeds (captures and CSV timelines).
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Recorded feeds: a capture (pcap, pcapng from tcpdump, dumpcap, tshark) or a CSV timeline, read "
        + "into when each UDP datagram went, where and how long it was.",
    subcommands = {InspectCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class FeedCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: inspect");
    }

    @Override
    public int order()
    {
        return 55;
    }
}
