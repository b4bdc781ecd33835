package io.rxbreak.core.counters.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.Capture;
import io.rxbreak.core.counters.CounterRoots;

/**
 * {@code rxbreak counters capture DIR}: copy the counter files into a folder for a later diff.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Copy the counter files, the tunables and 'uname -a' into DIR at the paths they were read from "
        + "(DIR/proc/net/udp, DIR/sys/class/net/eth0/statistics/...), with the time in DIR/capture.json.",
        "Capture before and after an incident and compare with 'rxbreak counters diff BEFORE AFTER'."})
public final class CaptureCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    RootsOptions rootsOptions;

    @Parameters(index = "0", paramLabel = "DIR", description = "A new (or empty) folder to write the capture to.")
    Path dir;

    @picocli.CommandLine.Option(names = "--pid", paramLabel = "PID",
        description = "Capture the network files of this process's namespace (/proc/PID/net/).")
    long pid;

    @Override
    public Integer call()
    {
        CounterRoots roots = rootsOptions.roots();
        if (pid != 0)
        {
            if (pid < 0 || !Files.isDirectory(roots.procRoot().resolve(Long.toString(pid))))
            {
                throw BadInputException.option("--pid", "no process " + pid + " in " + roots.procRoot());
            }
            roots = roots.inNamespaceOf(pid);
        }
        checkEmpty(dir);
        final CounterRoots from = roots;
        final List<String> files = Commands.read(() -> Capture.write(from, dir), "--proc-root");
        final PrintWriter out = spec.commandLine().getOut();
        out.println("captured " + files.size() + " files into " + dir + " (read it with --proc-root " +
            dir.resolve("proc") + " --sys-root " + dir.resolve("sys") + ", or diff it)");
        out.flush();
        return 0;
    }

    private static void checkEmpty(final Path dir)
    {
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new BadInputException("DIR: " + dir + " is a file; name a new folder");
        }
        if (Files.isDirectory(dir))
        {
            try (Stream<Path> entries = Files.list(dir))
            {
                if (entries.findAny().isPresent())
                {
                    throw new BadInputException("DIR: " + dir + " is not empty; name a new folder");
                }
            }
            catch (final IOException ex)
            {
                throw new BadInputException("DIR: cannot list " + dir + ": " + ex.getMessage(), ex);
            }
        }
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new BadInputException("DIR: cannot create " + dir + ": " + ex.getMessage(), ex);
        }
    }
}
