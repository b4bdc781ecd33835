package io.rxbreak.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several "hosts" on one machine, joined by a "switch": each host is a {@link NetworkNamespace} with one veth device
 * ({@link #interfaceName}) addressed {@value #SUBNET}.(i+1)/24 (RFC 2544's benchmarking range, existing only inside
 * the namespaces), loopback up, and multicast (224.0.0.0/4) routed over the veth; the veths' far ends are ports of
 * a Linux bridge in a namespace of its own, with multicast snooping off so that every multicast frame floods to
 * every host, as a plain switch does. Processes started through {@link #host(int)} run on that host. {@link #close()}
 * kills every process in every namespace and deletes them (a lab left by a test JVM that died is deleted by the next
 * one, as any {@link NetworkNamespace} is). Needs root: call {@link Privileges#assumeRoot(String)} first.
 */
public final class NamespaceLab implements AutoCloseable
{
    /** The hosts' network: host i is {@code SUBNET.(i+1)}. */
    public static final String SUBNET = "198.18.5";
    /** The most hosts a lab holds. */
    public static final int MAX_HOSTS = 100;

    private static final String BRIDGE = "br0";

    private final NetworkNamespace switchNamespace;
    private final List<NetworkNamespace> hosts = new ArrayList<>();

    private NamespaceLab(final NetworkNamespace switchNamespace)
    {
        this.switchNamespace = switchNamespace;
    }

    /**
     * @param hostCount how many hosts, 1 to {@value #MAX_HOSTS}.
     * @return the lab, every device up and running.
     */
    public static NamespaceLab create(final int hostCount)
    {
        if (hostCount < 1 || hostCount > MAX_HOSTS)
        {
            throw new IllegalArgumentException("a lab holds 1 to " + MAX_HOSTS + " hosts, not " + hostCount);
        }
        final NamespaceLab lab = new NamespaceLab(NetworkNamespace.createBare());
        try
        {
            final String switchName = lab.switchNamespace.name();
            NetworkNamespace.run("ip", "-n", switchName, "link", "add", BRIDGE, "type", "bridge", "mcast_snooping", "0",
                "forward_delay", "0");
            NetworkNamespace.run("ip", "-n", switchName, "link", "set", BRIDGE, "up");
            final List<String> ports = new ArrayList<>();
            for (int i = 0; i < hostCount; i++)
            {
                final NetworkNamespace host = NetworkNamespace.createBare();
                lab.hosts.add(host);
                final String device = deviceName(i);
                final String port = "sw" + i;
                // both ends are made directly in their namespaces: neither ever exists in this machine's own
                NetworkNamespace.run("ip", "link", "add", device, "netns", host.name(), "type", "veth", "peer", "name",
                    port, "netns", switchName);
                NetworkNamespace.run("ip", "-n", switchName, "link", "set", port, "master", BRIDGE);
                NetworkNamespace.run("ip", "-n", switchName, "link", "set", port, "up");
                ports.add(port);
                NetworkNamespace.run("ip", "-n", host.name(), "addr", "add", hostAddress(i) + "/24", "dev", device);
                NetworkNamespace.run("ip", "-n", host.name(), "link", "set", device, "multicast", "on");
                NetworkNamespace.run("ip", "-n", host.name(), "link", "set", device, "up");
                NetworkNamespace.run("ip", "-n", host.name(), "route", "add", "224.0.0.0/4", "dev", device, "src",
                    hostAddress(i));
            }
            VethPair.awaitRunning(lab.switchNamespace, ports.toArray(new String[0]));
            for (int i = 0; i < hostCount; i++)
            {
                VethPair.awaitRunning(lab.hosts.get(i), deviceName(i));
            }
        }
        catch (final RuntimeException | AssertionError ex)
        {
            lab.close();
            throw ex;
        }
        return lab;
    }

    /**
     * @return how many hosts the lab has.
     */
    public int hostCount()
    {
        return hosts.size();
    }

    /**
     * @param i the host's index, from 0.
     * @return its namespace: {@link NetworkNamespace#start}, {@link NetworkNamespace#startJava} and
     *     {@link NetworkNamespace#exec} run there; the lab closes it.
     */
    public NetworkNamespace host(final int i)
    {
        return hosts.get(i);
    }

    /**
     * @param i the host's index, from 0.
     * @return its address on the lab's network, {@value #SUBNET}.(i+1).
     */
    public String address(final int i)
    {
        return hostAddress(Objects.checkIndex(i, hosts.size()));
    }

    /**
     * @param i the host's index, from 0.
     * @return the name of its veth device (in its namespace), like {@code lab0}.
     */
    public String interfaceName(final int i)
    {
        return deviceName(Objects.checkIndex(i, hosts.size()));
    }

    private static String deviceName(final int i)
    {
        return "lab" + i;
    }

    private static String hostAddress(final int i)
    {
        return SUBNET + "." + (i + 1);
    }

    /**
     * @return the switch's namespace, which holds the bridge and the veths' far ends.
     */
    public NetworkNamespace switchNamespace()
    {
        return switchNamespace;
    }

    @Override
    public void close()
    {
        final List<Throwable> failures = new ArrayList<>();
        for (final NetworkNamespace host : hosts)
        {
            closeQuietly(host, failures);
        }
        closeQuietly(switchNamespace, failures);
        if (!failures.isEmpty())
        {
            final AssertionError error = new AssertionError("could not remove the lab: " + failures.get(0).getMessage(),
                failures.get(0));
            failures.subList(1, failures.size()).forEach(error::addSuppressed);
            throw error;
        }
    }

    private static void closeQuietly(final NetworkNamespace ns, final List<Throwable> failures)
    {
        try
        {
            ns.close();
        }
        catch (final RuntimeException | AssertionError ex)
        {
            failures.add(ex);
        }
    }
}
