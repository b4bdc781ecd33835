package io.rxbreak.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;

/**
 * The version printed by {@code --version}: rxbreak's own, the JVM and the kernel.
 */
public final class VersionProvider implements CommandLine.IVersionProvider
{
    /**
     * @return rxbreak's version from the build.
     */
    public static String version()
    {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/rxbreak/core/version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {
            "rxbreak " + version(),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"),
        };
    }
}
