package io.rxbreak.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import io.rxbreak.core.config.BadInputException;

/**
 * The root of the {@code rxbreak} command line. Subcommands come from every module on the class path through
 * {@link RxbreakCommand} and {@link ServiceLoader}. {@link #newCommandLine(PrintWriter, PrintWriter)} is the one
 * factory that {@link Main} and the tests use.
 */
@Command(
    name = "rxbreak",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Finds the highest multicast message rate this receiver takes with nothing lost (the break "
        + "point), and which layer of the receive path breaks first: NIC, softirq backlog, socket buffer, "
        + "global UDP memory or the application.",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    commandListHeading = "%nCommands:%n")
public final class Rxbreak implements Runnable
{
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "Print stack traces of errors and more detail.")
    boolean verbose;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, for example 'counters watch'");
    }

    /**
     * @param out where commands print their results.
     * @param err where errors go.
     * @return the command line with every subcommand found on the class path, error handling and exit codes set.
     */
    public static CommandLine newCommandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new Rxbreak());
        final List<RxbreakCommand> commands = new ArrayList<>();
        ServiceLoader.load(RxbreakCommand.class).forEach(commands::add);
        commands.sort(Comparator.comparingInt(RxbreakCommand::order)
            .thenComparing(command -> new CommandLine(command).getCommandName()));
        for (final RxbreakCommand command : commands)
        {
            commandLine.addSubcommand(command);
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Rxbreak::onParameterException);
        commandLine.setExecutionExceptionHandler(Rxbreak::onExecutionException);
        applyExitCodeList(commandLine);
        return commandLine;
    }

    private static void applyExitCodeList(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().usageMessage()
            .exitCodeListHeading("%nExit codes:%n")
            .exitCodeList(ExitCodes.describe());
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            applyExitCodeList(sub);
        }
    }

    private static int onParameterException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + ex.getMessage() +
            " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')");
        if (isVerbose(commandLine) || containsVerbose(args))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static int onExecutionException(
        final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        final boolean verbose = isVerbose(commandLine);
        if (ex instanceof BadInputException)
        {
            err.println(name + ": " + ex.getMessage());
            if (verbose)
            {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        final String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println(name + ": error: " + message + (verbose ? "" : " (--verbose shows the stack trace)"));
        if (verbose)
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof InterruptedException ? ExitCodes.INTERRUPTED : ExitCodes.FAILURE;
    }

    private static boolean isVerbose(final CommandLine commandLine)
    {
        CommandLine root = commandLine;
        while (root.getParent() != null)
        {
            root = root.getParent();
        }
        ParseResult result = root.getParseResult();
        while (result != null)
        {
            if (result.hasMatchedOption("--verbose"))
            {
                return true;
            }
            result = result.subcommand();
        }
        return false;
    }

    private static boolean containsVerbose(final String[] args)
    {
        for (final String arg : args)
        {
            if ("--verbose".equals(arg))
            {
                return true;
            }
        }
        return false;
    }
}
