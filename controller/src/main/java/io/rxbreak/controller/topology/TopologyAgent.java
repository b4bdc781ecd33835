package io.rxbreak.controller.topology;

import java.util.List;

import io.rxbreak.core.net.MulticastGroup;

/**
 * One agent of a topology file: its role and name, how to reach it (a URL) or start it (an SSH target, or here when
 * the file gives neither), and what it sends or receives.
 *
 * @param name           its name in the reports, unique in the file.
 * @param role           sender or receiver.
 * @param url            the URL of an agent already running, or null.
 * @param ssh            the SSH target ({@code user@host}) to start it on, or null.
 * @param sshOptions     extra options for the ssh client (like {@code -i KEY}); empty for none.
 * @param command        how to run rxbreak on the SSH target (split on blanks), or null for {@code rxbreak}.
 * @param listen         the started agent's {@code --agent} address, or null for {@link Topology#DEFAULT_LISTEN}
 *                       (SSH) or loopback (here).
 * @param tlsFingerprint the pinned SHA-256 of its TLS certificate ({@code sha256:AB:...}), or null.
 * @param interfaceName  where it sends or joins, or null for the ramp's {@code --interface}.
 * @param groups         a sender's own groups, a receiver's joined groups; empty for the defaults (a group of its own
 *                       per sender; every sender's groups per receiver).
 * @param streams        a sender's streams per group, or null for the ramp's {@code --streams}.
 * @param ttl            a started sender's multicast TTL ({@code --ttl}: more than 1 to cross routers), or null for
 *                       the sender's default.
 * @param throttle       a receiver's throttle, or null for none.
 * @param rcvbufBytes    a receiver's SO_RCVBUF request, or null for the default.
 * @param sockets        a receiver's sockets per group, or null for one.
 */
public record TopologyAgent(
    String name,
    Role role,
    String url,
    String ssh,
    List<String> sshOptions,
    String command,
    String listen,
    String tlsFingerprint,
    String interfaceName,
    List<MulticastGroup> groups,
    Integer streams,
    Integer ttl,
    String throttle,
    Long rcvbufBytes,
    Integer sockets)
{
    /**
     * An agent's role.
     */
    public enum Role
    {
        /** Sends its share of the offered rate. */
        SENDER,
        /** Receives every sender's groups and is judged on its own. */
        RECEIVER;

        /**
         * @return the role as the file and the control protocol spell it.
         */
        public String word()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Copies the lists.
     */
    public TopologyAgent
    {
        sshOptions = sshOptions == null ? List.of() : List.copyOf(sshOptions);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * @return whether the controller starts it (over SSH or here), rather than reaching one already running.
     */
    public boolean started()
    {
        return url == null;
    }

    /**
     * @return where it is, in words: its URL, its SSH target, or this host.
     */
    public String where()
    {
        return url != null ? url : ssh != null ? ssh : "this host";
    }

    /**
     * @param groups the groups it sends or joins, as decided.
     * @return this agent with those groups.
     */
    public TopologyAgent withGroups(final List<MulticastGroup> groups)
    {
        return new TopologyAgent(name, role, url, ssh, sshOptions, command, listen, tlsFingerprint, interfaceName,
            groups, streams, ttl, throttle, rcvbufBytes, sockets);
    }
}
