package io.rxbreak.core.counters.cli;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.Option;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.ProcessSockets;
import io.rxbreak.core.counters.SocketSelection;
import io.rxbreak.core.net.MulticastGroup;

/**
 * Which sockets to report: {@code --port}, {@code --inode}, {@code --pid}, {@code --group}.
 */
public final class SelectionOptions
{
    @Option(names = "--port", paramLabel = "PORT", description = "Sockets bound to this local port.")
    int port;

    @Option(names = "--inode", paramLabel = "INODE", split = ",",
        description = "Sockets with these inodes (as in /proc/PID/fd socket:[INODE]).")
    List<Long> inodes = List.of();

    @Option(names = "--pid", paramLabel = "PID",
        description = "The sockets of this process, read in its network namespace (/proc/PID/net/).")
    long pid;

    @Option(names = "--group", paramLabel = "GROUP[:PORT]",
        description = "Sockets bound to this multicast group (or, with a port, to the wildcard address on it).")
    String group;

    /**
     * @return the selection in the words of its options, like {@code --port 5000 --pid 42}, or
     *     {@code all UDP sockets}.
     */
    String describe()
    {
        final StringBuilder text = new StringBuilder();
        if (port > 0)
        {
            text.append(" --port ").append(port);
        }
        if (!inodes.isEmpty())
        {
            text.append(" --inode ").append(String.join(",", inodes.stream().map(String::valueOf).toList()));
        }
        if (pid > 0)
        {
            text.append(" --pid ").append(pid);
        }
        if (group != null)
        {
            text.append(" --group ").append(group);
        }
        return text.length() == 0 ? "all UDP sockets" : text.toString().strip();
    }

    /**
     * @param roots the validated roots.
     * @return the roots, in the namespace of {@code --pid} when given.
     */
    CounterRoots roots(final CounterRoots roots)
    {
        if (pid < 0)
        {
            throw BadInputException.option("--pid", "must be a process id > 0");
        }
        if (pid > 0 && !Files.isDirectory(roots.procRoot().resolve(Long.toString(pid))))
        {
            throw BadInputException.option("--pid", "no process " + pid + " in " + roots.procRoot());
        }
        return pid > 0 ? roots.inNamespaceOf(pid) : roots;
    }

    /**
     * @param roots the roots (for {@code --pid}'s descriptors).
     * @return the selection, re-read for {@code --pid} each time it is called.
     */
    SocketSelection selection(final CounterRoots roots)
    {
        if (port < 0 || port > 65535)
        {
            throw BadInputException.option("--port", port + " is not a port: expected 1-65535");
        }
        final Set<Long> wanted = new LinkedHashSet<>(inodes);
        if (pid > 0)
        {
            final Set<Long> processInodes;
            try
            {
                processInodes = ProcessSockets.inodes(roots.procRoot(), pid);
            }
            catch (final IllegalArgumentException ex)
            {
                throw BadInputException.option("--pid", ex.getMessage());
            }
            catch (final UncheckedIOException ex)
            {
                throw BadInputException.option("--pid", ex.getMessage());
            }
            if (!wanted.isEmpty())
            {
                wanted.retainAll(processInodes);
                if (wanted.isEmpty())
                {
                    throw BadInputException.option("--inode", "none of " + inodes + " belongs to process " + pid);
                }
            }
            else
            {
                wanted.addAll(processInodes);
                if (wanted.isEmpty())
                {
                    wanted.add(-1L); // a process without sockets selects none, not all
                }
            }
        }
        int groupPort = port;
        InetAddress groupAddress = null;
        if (group != null)
        {
            if (group.matches(".*[0-9]:[0-9]+$") || group.startsWith("["))
            {
                final MulticastGroup parsed = MulticastGroup.parse("--group", group, false);
                groupAddress = parsed.address();
                if (port != 0 && port != parsed.port())
                {
                    throw BadInputException.option("--port", port + " contradicts --group " + group);
                }
                groupPort = parsed.port();
            }
            else
            {
                groupAddress = MulticastGroup.parse("--group", group.contains(":") ? "[" + group + "]:1" : group + ":1",
                    false).address();
            }
        }
        return new SocketSelection(groupPort, wanted, groupAddress);
    }

    /**
     * @return whether any selection option was given.
     */
    boolean any()
    {
        return port != 0 || !inodes.isEmpty() || pid != 0 || group != null;
    }
}
