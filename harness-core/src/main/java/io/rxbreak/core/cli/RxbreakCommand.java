package io.rxbreak.core.cli;

/**
 * A subcommand of {@code rxbreak}, contributed by any module through {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/io.rxbreak.core.cli.RxbreakCommand}. The class carries picocli's
 * {@code @Command} annotation, has a public no-argument constructor and is usually a
 * {@code Callable<Integer>}. This keeps harness-core free of any dependency on the sender or receiver modules.
 */
public interface RxbreakCommand
{
    /**
     * @return where the command is listed in {@code rxbreak --help}: lower first, then by name.
     */
    default int order()
    {
        return 100;
    }
}
