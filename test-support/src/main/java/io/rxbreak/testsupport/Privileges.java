package io.rxbreak.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need root: skipped with a printed reason when not root, but never skipped under {@code CI=true},
 * where a missing privilege is a failure ({@link Skips}).
 */
public final class Privileges
{
    /** The group {@link SkippedTestsListener} counts these skips in. */
    public static final String NOT_ROOT = "not root";

    private Privileges()
    {
    }

    /**
     * @return whether this process runs as root (effective uid 0). The product asks {@code
     *     io.rxbreak.core.os.Privileges}; this module sits below harness-core (whose tests use it), so it cannot.
     */
    private static boolean isRoot()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Uid:"))
                {
                    final String[] fields = line.trim().split("\\s+");
                    return "0".equals(fields[2]);
                }
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        return false;
    }

    /**
     * @return whether this runs under continuous integration ({@code CI=true}).
     */
    public static boolean isCi()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skip the calling test when not root (printing why), or fail it under CI.
     *
     * @param why what the test needs root for.
     */
    public static void assumeRoot(final String why)
    {
        if (isRoot())
        {
            return;
        }
        Skips.skipOrFail(NOT_ROOT, "needs root (" + why + "); run the tests as root to include it");
    }
}
