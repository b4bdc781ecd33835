package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's tracing instances, for a test that checks none is left behind. They outlive any mount of tracefs
 * (rxbreak unmounts a tracefs it mounted, and its instances stay), so an unmounted tracefs is no empty list: when
 * tracefs is not mounted at {@value #MOUNT_POINT}, it is mounted there in a private mount namespace of a child
 * process ({@code unshare --mount}), listed, and the mount ends with that process; the host's mounts are not
 * touched. When neither works, the caller fails: a check that could not look must not pass. Needs root.
 */
public final class TracingInstances
{
    /** Where tracefs is mounted, on the host or in the private mount namespace. */
    public static final String MOUNT_POINT = "/sys/kernel/tracing";

    private TracingInstances()
    {
    }

    /**
     * @return the names of the tracing instances that exist now.
     * @throws AssertionError when they cannot be listed.
     */
    public static List<String> list()
    {
        final Path instances = Path.of(MOUNT_POINT, "instances");
        if (Files.isDirectory(instances))
        {
            try (Stream<Path> list = Files.list(instances))
            {
                return list.map(path -> path.getFileName().toString()).sorted().toList();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("could not list " + instances, ex);
            }
        }
        if (!Files.isDirectory(Path.of(MOUNT_POINT)))
        {
            throw new AssertionError("cannot look for tracing instances: no " + MOUNT_POINT + " (a kernel without "
                + "tracefs?)");
        }
        // "instances/" is listed only when the mount succeeded: an empty answer means none, never "could not look"
        final String listed = NetworkNamespace.run("unshare", "--mount", "--propagation", "private", "sh", "-c",
            "mount -t tracefs nodev " + MOUNT_POINT + " && cd " + MOUNT_POINT + "/instances && echo instances/ && "
                + "ls -1A");
        final List<String> lines = Arrays.stream(listed.split("\n")).map(String::trim).filter(l -> !l.isEmpty())
            .toList();
        if (lines.isEmpty() || !"instances/".equals(lines.get(0)))
        {
            throw new AssertionError("cannot look for tracing instances: mounting tracefs privately gave: " + listed);
        }
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }
}
