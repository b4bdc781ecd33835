package io.rxbreak.core.counters;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Current NIC ring sizes from {@code ethtool -g DEV}, when {@code ethtool} is installed.
 */
final class EthtoolRings
{
    private EthtoolRings()
    {
    }

    static boolean available()
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return false;
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            if (new File(dir, "ethtool").canExecute())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return {@code rx=N tx=N} of the current hardware settings, or null when ethtool cannot tell.
     */
    static String current(final String device, final long timeoutMs)
    {
        try
        {
            final Process process = new ProcessBuilder("ethtool", "-g", device).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                return null;
            }
            if (process.exitValue() != 0)
            {
                return null;
            }
            final int current = output.indexOf("Current hardware settings:");
            if (current < 0)
            {
                return null;
            }
            String rx = null;
            String tx = null;
            for (final String line : output.substring(current).split("\n"))
            {
                final String trimmed = line.trim();
                if (trimmed.startsWith("RX:") && rx == null)
                {
                    rx = trimmed.substring(3).trim();
                }
                else if (trimmed.startsWith("TX:") && tx == null)
                {
                    tx = trimmed.substring(3).trim();
                }
            }
            return rx == null ? null : "rx=" + rx + (tx == null ? "" : " tx=" + tx);
        }
        catch (final IOException ex)
        {
            return null; // ethtool vanished or failed to start: ring sizes absent
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
