package io.rxbreak.core.counters.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.CounterRoots;

/**
 * {@code --proc-root} and {@code --sys-root}: read a capture (or any copy) as if it were the live system.
 */
public final class RootsOptions
{
    @Option(names = "--proc-root", paramLabel = "DIR", description = "Read /proc from DIR (default: /proc).")
    Path procRoot = Path.of("/proc");

    @Option(names = "--sys-root", paramLabel = "DIR", description = "Read /sys from DIR (default: /sys).")
    Path sysRoot = Path.of("/sys");

    /**
     * @return the validated roots.
     * @throws BadInputException naming the option whose folder does not exist.
     */
    CounterRoots roots()
    {
        if (!Files.isDirectory(procRoot))
        {
            throw BadInputException.option("--proc-root", procRoot + " is not a folder");
        }
        if (!Files.isDirectory(sysRoot))
        {
            throw BadInputException.option("--sys-root", sysRoot + " is not a folder");
        }
        return CounterRoots.of(procRoot, sysRoot);
    }

    /**
     * @return whether these are the live roots.
     */
    boolean live()
    {
        return procRoot.equals(Path.of("/proc")) && sysRoot.equals(Path.of("/sys"));
    }
}
