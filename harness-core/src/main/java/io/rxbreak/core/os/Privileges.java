package io.rxbreak.core.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process may do to the host: the one place that asks whether it runs as root.
 */
public final class Privileges
{
    private Privileges()
    {
    }

    /**
     * @return whether this process runs with effective uid 0 (from {@code /proc/self/status}); false when that
     *     cannot be read.
     */
    public static boolean isRoot()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Uid:"))
                {
                    return "0".equals(line.trim().split("\\s+")[2]);
                }
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        return false;
    }
}
