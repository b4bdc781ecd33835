package io.rxbreak.core.counters;

import java.net.InetAddress;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sockets a report is about: by local port, by inode (for example those of a process), by the group they
 * are bound to, or all. Criteria combine with AND; an empty selection selects all sockets.
 */
public final class SocketSelection
{
    /** Every socket. */
    public static final SocketSelection ALL = new SocketSelection(0, Set.of(), null);

    private final int port;
    private final Set<Long> inodes;
    private final InetAddress group;

    /**
     * @param port a local port, or 0 for any.
     * @param inodes socket inodes, or empty for any.
     * @param group a group: sockets bound to it, or (when a port is given) to the wildcard address on that
     *     port; null for any.
     */
    public SocketSelection(final int port, final Set<Long> inodes, final InetAddress group)
    {
        this.port = port;
        this.inodes = Set.copyOf(new TreeSet<>(inodes));
        this.group = group;
    }

    /**
     * @return whether this selects every socket.
     */
    public boolean all()
    {
        return port == 0 && inodes.isEmpty() && group == null;
    }

    /**
     * @param socket a socket.
     * @return whether it is selected.
     */
    public boolean matches(final UdpSocket socket)
    {
        if (port != 0 && socket.localPort() != port)
        {
            return false;
        }
        if (!inodes.isEmpty() && !inodes.contains(socket.inode()))
        {
            return false;
        }
        if (group != null)
        {
            return socket.boundTo(group) || (port != 0 && socket.boundToWildcard());
        }
        return true;
    }

    public int port()
    {
        return port;
    }

    public Set<Long> inodes()
    {
        return inodes;
    }

    public InetAddress group()
    {
        return group;
    }

    @Override
    public String toString()
    {
        if (all())
        {
            return "all sockets";
        }
        final StringBuilder text = new StringBuilder();
        if (port != 0)
        {
            text.append("port ").append(port);
        }
        if (group != null)
        {
            text.append(text.length() > 0 ? ", " : "").append("group ").append(group.getHostAddress());
        }
        if (!inodes.isEmpty())
        {
            text.append(text.length() > 0 ? ", " : "").append("inodes ").append(new TreeSet<>(inodes));
        }
        return text.toString();
    }
}
