package io.rxbreak.core.counters.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.rxbreak.core.counters.CountersJson;

/**
 * Runs {@code rxbreak counters snapshot --json} for tests in other packages.
 */
public final class CountersCliAccess
{
    private CountersCliAccess()
    {
    }

    /**
     * @param args further options.
     * @return the parsed JSON; fails when the exit code is not 0.
     */
    public static JsonNode snapshotJson(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("counters", "snapshot", "--json"));
        all.addAll(List.of(args));
        final CliRun run = CliRun.run(all.toArray(new String[0]));
        if (run.exitCode() != 0)
        {
            throw new AssertionError(run.toString());
        }
        try
        {
            return CountersJson.mapper().readTree(run.out());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
