package io.rxbreak.controller.topology;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.protocol.ReceiverStatus;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.core.wire.MessageHeader;

/**
 * The agents of a topology, reached or started, and checked before anything is measured: every agent answers, plays
 * its role, speaks this controller's protocol version; every sender sends to groups of its own; every receiver joins
 * every sender's groups. The agents the file gives by URL are asked first (their groups are theirs); then those
 * the controller starts (here, or over SSH) are started all at once, each sender on groups of its own and each
 * receiver on all of them. Every problem is collected and reported at once, one line per agent
 * ({@link TopologyCheckException}). Closing stops what was started, last first.
 */
public final class TopologyAgents implements AutoCloseable
{
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<TopologyTrialRunner.Sender> senders = new ArrayList<>();
    private final List<TopologyTrialRunner.Receiver> receivers = new ArrayList<>();
    private boolean anyLocal;

    /**
     * How the controller starts agents, on this host or over SSH.
     */
    public interface Starter
    {
        /**
         * @param role {@code sender} or {@code receiver}.
         * @param args the rxbreak subcommand and its options, without the agent options.
         * @return the agent's JVM, starting here.
         */
        LocalAgent.Launch local(String role, List<String> args);

        /**
         * @param agent the agent of the file, with an SSH target.
         * @param argv  the command to run there: rxbreak's command, the subcommand and its options, {@code --agent}.
         * @param token the token, passed through the environment.
         * @return the agent, listening.
         */
        Remote ssh(TopologyAgent agent, List<String> argv, String token);
    }

    /**
     * An agent started elsewhere: its URL, its certificate's fingerprint (or null), and how to stop it.
     *
     * @param url the URL it listens on.
     * @param tlsFingerprint the fingerprint of its TLS certificate as it printed it, or null.
     * @param stop what stops it.
     */
    public record Remote(String url, String tlsFingerprint, AutoCloseable stop)
    {
    }

    /**
     * The settings of the ramp that the agents take when the file does not say.
     *
     * @param interfaceName the ramp's {@code --interface}.
     * @param firstGroup the ramp's first group: the first sender's default group, the next ones counting up from it.
     * @param streams the ramp's {@code --streams}.
     * @param sizeBytes the datagram length.
     * @param senderIdle the local senders' {@code --idle}, as typed.
     * @param callTimeout how long a call to an agent may take.
     */
    public record Defaults(String interfaceName, MulticastGroup firstGroup, int streams, int sizeBytes,
        String senderIdle, Duration callTimeout)
    {
    }

    private TopologyAgents()
    {
    }

    /**
     * @param topology the checked file.
     * @param defaults the ramp's settings the file does not override.
     * @param starter  starts agents.
     * @param err      where progress is told.
     * @return the agents, reached and checked.
     * @throws TopologyCheckException naming every agent that failed a check; what was started is stopped.
     */
    public static TopologyAgents reach(final Topology topology, final Defaults defaults, final Starter starter,
        final PrintWriter err)
    {
        final TopologyAgents agents = new TopologyAgents();
        try
        {
            agents.reachAll(topology, defaults, starter, err);
            return agents;
        }
        catch (final RuntimeException ex)
        {
            agents.close();
            throw ex;
        }
    }

    private void reachAll(final Topology topology, final Defaults defaults, final Starter starter,
        final PrintWriter err)
    {
        final String token = topology.token();
        final List<String> problems = new ArrayList<>();
        for (final TopologyAgent agent : topology.agents())
        {
            if (token == null && agent.ssh() != null && !onLoopback(agent.listen()))
            {
                problems.add(agent.name() + " (" + agent.ssh() + "): an agent listening beyond loopback needs the token:"
                    + " set the environment variable " + topology.tokenEnv());
            }
        }
        check(problems);
        // the agents already running, first: a sender's groups are its own
        final Map<TopologyAgent, CompletableFuture<Object>> reached = new HashMap<>();
        for (final TopologyAgent agent : topology.agents())
        {
            if (agent.url() != null)
            {
                reached.put(agent, CompletableFuture.supplyAsync(() -> side(agent, agent.url(),
                    agent.tlsFingerprint(), token, null, defaults)));
            }
        }
        final Map<TopologyAgent, Object> sides = new HashMap<>();
        for (final TopologyAgent agent : topology.agents())
        {
            if (agent.url() != null)
            {
                sides.put(agent, await(reached.get(agent), agent, problems));
            }
        }
        final Map<TopologyAgent, List<MulticastGroup>> groups = new HashMap<>();
        int nextDefault = 0;
        for (final TopologyAgent sender : topology.senders())
        {
            if (sender.url() != null)
            {
                if (sides.get(sender) instanceof AgentSenderSide agentSide)
                {
                    final List<MulticastGroup> own = new ArrayList<>();
                    for (final String group : agentSide.status().setup().groups())
                    {
                        own.add(MulticastGroup.parse("groups", group, false));
                    }
                    if (!sender.groups().isEmpty() && !Set.copyOf(sender.groups()).equals(Set.copyOf(own)))
                    {
                        problems.add(sender.name() + " (" + sender.url() + "): sends to " + own + ", the topology " +
                            "gives " + sender.groups() + ": start it with the file's groups, or drop them from the file");
                    }
                    groups.put(sender, own);
                }
            }
            else
            {
                groups.put(sender, sender.groups().isEmpty() ? List.of(defaultGroup(defaults.firstGroup(), nextDefault++)) :
                    sender.groups());
            }
        }
        final Map<MulticastGroup, String> owner = new HashMap<>();
        final Set<MulticastGroup> everyGroup = new LinkedHashSet<>();
        for (final TopologyAgent sender : topology.senders())
        {
            for (final MulticastGroup group : groups.getOrDefault(sender, List.of()))
            {
                final String other = owner.putIfAbsent(group, sender.name());
                if (other != null)
                {
                    problems.add(sender.name() + ": sends to " + group + " as " + other + " does: give each sender " +
                        "groups of its own (a receiver tells senders apart by group)");
                }
                everyGroup.add(group);
            }
        }
        // nothing is started while the agents already running or the file's groups fail the checks
        check(problems);
        // then those this controller starts, all at once
        for (final TopologyAgent agent : topology.agents())
        {
            if (agent.started())
            {
                final List<String> args = agent.role() == TopologyAgent.Role.SENDER ?
                    senderArgs(agent, groups.get(agent), defaults) : receiverArgs(agent, everyGroup, defaults);
                reached.put(agent, agent.ssh() != null ?
                    CompletableFuture.supplyAsync(() -> startedOverSsh(agent, args, token, starter, defaults)) :
                    CompletableFuture.supplyAsync(() -> startedHere(agent, args, starter, defaults)));
            }
        }
        for (final TopologyAgent agent : topology.agents())
        {
            final Object side = agent.url() != null ? sides.get(agent) : await(reached.get(agent), agent, problems);
            if (side instanceof AgentSenderSide sender)
            {
                senders.add(new TopologyTrialRunner.Sender(agent.name(), sender, groups.get(agent)));
            }
            else if (side instanceof AgentReceiverSide receiver)
            {
                final Set<String> joined = new LinkedHashSet<>();
                for (final ReceiverStatus.Socket socket : receiver.status().sockets())
                {
                    joined.add(MulticastGroup.parse("groups", socket.group(), false).toString());
                }
                final List<String> missing = new ArrayList<>();
                for (final MulticastGroup group : everyGroup)
                {
                    if (!joined.contains(group.toString()))
                    {
                        missing.add(group + " (" + owner.get(group) + ")");
                    }
                }
                if (!missing.isEmpty())
                {
                    problems.add(agent.name() + " (" + agent.where() + "): does not join " + String.join(", ", missing)
                        + ": every receiver takes every sender's groups; start it with them");
                }
                final String throttle = receiver.status().throttle() == null ? "none" : receiver.status().throttle();
                if (agent.url() != null && agent.throttle() != null && !sameThrottle(agent.throttle(), throttle))
                {
                    problems.add(agent.name() + " (" + agent.url() + "): runs with throttle " + throttle + ", the " +
                        "topology gives " + agent.throttle() + ": a running agent keeps the throttle it started with");
                }
                receivers.add(new TopologyTrialRunner.Receiver(agent.name(), receiver));
            }
        }
        check(problems);
        err.println("rxbreak ramp: topology " + topology.file() + ": " + senders.size() + " sender(s), " +
            receivers.size() + " receiver(s), each answering protocol version " +
            io.rxbreak.core.protocol.AgentApi.PROTOCOL_VERSION);
        err.flush();
    }

    /**
     * @return the senders, in the file's order.
     */
    public List<TopologyTrialRunner.Sender> senders()
    {
        return senders;
    }

    /**
     * @return the receivers, in the file's order.
     */
    public List<TopologyTrialRunner.Receiver> receivers()
    {
        return receivers;
    }

    /**
     * @return whether an agent runs on this host, started by this controller (the harness then shares its CPUs).
     */
    public boolean anyLocal()
    {
        return anyLocal;
    }

    /**
     * @param first the first sender's default group.
     * @param index the sender's number among those without groups, from 0.
     * @return its default group: the first one's address counted up by the index, on the same port.
     */
    static MulticastGroup defaultGroup(final MulticastGroup first, final int index)
    {
        final byte[] address = first.address().getAddress();
        int carry = index;
        for (int i = address.length - 1; i >= 0 && carry > 0; i--)
        {
            final int sum = (address[i] & 0xff) + carry;
            address[i] = (byte)sum;
            carry = sum >>> 8;
        }
        try
        {
            return new MulticastGroup(InetAddress.getByAddress(address), first.port());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean sameThrottle(final String given, final String running)
    {
        return ThrottleSpec.parse("throttle", given).equals(ThrottleSpec.parse("throttle", running));
    }

    private static List<String> senderArgs(final TopologyAgent agent, final List<MulticastGroup> groups,
        final Defaults defaults)
    {
        final List<String> args = new ArrayList<>(List.of("send"));
        for (final MulticastGroup group : groups)
        {
            args.addAll(List.of("--group", group.toString()));
        }
        args.addAll(List.of("--streams", Integer.toString(agent.streams() == null ? defaults.streams() :
            agent.streams()), "--interface", interfaceOf(agent, defaults), "--idle", defaults.senderIdle()));
        if (agent.ttl() != null)
        {
            args.addAll(List.of("--ttl", Integer.toString(agent.ttl())));
        }
        return args;
    }

    private static List<String> receiverArgs(final TopologyAgent agent, final Set<MulticastGroup> groups,
        final Defaults defaults)
    {
        final List<String> args = new ArrayList<>(List.of("receive"));
        for (final MulticastGroup group : agent.groups().isEmpty() ? groups : agent.groups())
        {
            args.addAll(List.of("--group", group.toString()));
        }
        args.addAll(List.of("--interface", interfaceOf(agent, defaults), "--sockets",
            Integer.toString(agent.sockets() == null ? 1 : agent.sockets())));
        if (agent.throttle() != null)
        {
            args.addAll(List.of("--throttle", agent.throttle()));
        }
        if (agent.rcvbufBytes() != null)
        {
            args.addAll(List.of("--rcvbuf", Long.toString(agent.rcvbufBytes())));
        }
        if (defaults.sizeBytes() > MessageHeader.DEFAULT_MAX_MESSAGE_LENGTH)
        {
            args.addAll(List.of("--max-message-size", Integer.toString(defaults.sizeBytes())));
        }
        return args;
    }

    private static String interfaceOf(final TopologyAgent agent, final Defaults defaults)
    {
        return agent.interfaceName() != null ? agent.interfaceName() : defaults.interfaceName();
    }

    private Object startedHere(final TopologyAgent agent, final List<String> args, final Starter starter,
        final Defaults defaults)
    {
        final LocalAgent.Launch launch = starter.local(agent.role().word(), args);
        register(launch);
        final LocalAgent local = launch.await(Duration.ofSeconds(30));
        register(local);
        synchronized (this)
        {
            anyLocal = true;
        }
        return side(agent, local.url(), local.tlsFingerprint(), null, local, defaults);
    }

    private Object startedOverSsh(final TopologyAgent agent, final List<String> args, final String token,
        final Starter starter, final Defaults defaults)
    {
        final List<String> argv = new ArrayList<>(agent.command() == null ? List.of("rxbreak") :
            List.of(agent.command().trim().split("\\s+")));
        argv.addAll(args);
        argv.addAll(List.of("--agent", agent.listen() == null ? Topology.DEFAULT_LISTEN : agent.listen()));
        final Remote remote = starter.ssh(agent, argv, token);
        register(remote.stop());
        final String pinned = agent.tlsFingerprint();
        if (pinned != null && remote.tlsFingerprint() != null && !pinned.equalsIgnoreCase(remote.tlsFingerprint()))
        {
            throw new IllegalStateException("its certificate's fingerprint " + remote.tlsFingerprint() +
                " is not the pinned " + pinned);
        }
        return side(agent, remote.url(), pinned != null ? pinned : remote.tlsFingerprint(), token, null, defaults);
    }

    private static Object side(final TopologyAgent agent, final String url, final String fingerprint,
        final String token, final LocalAgent local, final Defaults defaults)
    {
        final AgentClient client = new AgentClient(url, token, defaults.callTimeout(), fingerprint);
        return agent.role() == TopologyAgent.Role.SENDER ? new AgentSenderSide(client, local) :
            new AgentReceiverSide(client, local);
    }

    private synchronized void register(final AutoCloseable closeable)
    {
        started.add(closeable);
    }

    private static Object await(final CompletableFuture<Object> future, final TopologyAgent agent,
        final List<String> problems)
    {
        try
        {
            return future.join();
        }
        catch (final CompletionException ex)
        {
            final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            problems.add(agent.name() + " (" + agent.where() + "): " + cause.getMessage());
            return null;
        }
    }

    private static void check(final List<String> problems)
    {
        if (!problems.isEmpty())
        {
            throw new TopologyCheckException(problems);
        }
    }

    private static boolean onLoopback(final String listen)
    {
        if (listen == null)
        {
            return false;
        }
        final String host = listen.contains(":") ? listen.substring(0, listen.lastIndexOf(':')) : "127.0.0.1";
        try
        {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    @Override
    public synchronized void close()
    {
        for (int i = started.size() - 1; i >= 0; i--)
        {
            try
            {
                started.get(i).close();
            }
            catch (final Exception ex)
            {
                // stopping the rest matters more; a process that would not stop is killed with this one's exit
            }
        }
        started.clear();
    }
}
