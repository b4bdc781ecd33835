package io.rxbreak.controller.scenario;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.rxbreak.core.cli.RxbreakCommand;

/**
 * {@code rxbreak scenario}: a customer's loss, written down once and run again: {@code run FILE} runs it through the
 * ramp and judges its goal, {@code list [DIR]} shows the library.
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Scenarios that reproduce a customer's loss: a YAML file names the feed (a recorded one, or a "
        + "pattern), the receiver (throttle, sockets, buffer), the host (sysctls and RPS inside the sandbox), the "
        + "search and the goal that must hold (see docs/scenarios.md).",
    subcommands = {ScenarioRunCommand.class, ScenarioListCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
public final class ScenarioCommand implements Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run FILE or list [DIR]");
    }

    @Override
    public int order()
    {
        return 15;
    }
}
