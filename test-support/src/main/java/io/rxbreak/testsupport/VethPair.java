package io.rxbreak.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two test namespaces joined by a veth pair, created directly inside them (the pair never exists in the host's
 * namespace): end A gets {@value #ADDRESS_A}/30, end B {@value #ADDRESS_B}/30 (RFC 2544's benchmarking range,
 * existing only inside the namespaces), both up and running with multicast on. {@link #close()} deletes the pair; deleting
 * either namespace deletes it too.
 */
public final class VethPair implements AutoCloseable
{
    /** End A's address. */
    public static final String ADDRESS_A = "198.18.1.1";
    /** End B's address. */
    public static final String ADDRESS_B = "198.18.1.2";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration LINK_UP_TIMEOUT = Duration.ofSeconds(10);

    private final NetworkNamespace a;
    private final String nameA;
    private final String nameB;

    private VethPair(final NetworkNamespace a, final String nameA, final String nameB)
    {
        this.a = a;
        this.nameA = nameA;
        this.nameB = nameB;
    }

    /**
     * @param a the namespace of end A.
     * @param b the namespace of end B.
     * @return the pair, addressed, up and running.
     */
    public static VethPair create(final NetworkNamespace a, final NetworkNamespace b)
    {
        final String base = "rxbv" + ProcessHandle.current().pid() % 100_000 + "-" + SEQUENCE.incrementAndGet() % 100;
        final VethPair pair = new VethPair(a, base + "a", base + "b");
        NetworkNamespace.run("ip", "link", "add", pair.nameA, "netns", a.name(), "type", "veth", "peer", "name",
            pair.nameB, "netns", b.name());
        try
        {
            configure(a, pair.nameA, ADDRESS_A);
            configure(b, pair.nameB, ADDRESS_B);
            awaitRunning(a, pair.nameA);
            awaitRunning(b, pair.nameB);
        }
        catch (final RuntimeException | AssertionError ex)
        {
            pair.close();
            throw ex;
        }
        return pair;
    }

    /**
     * Wait until devices set up are running: a veth's carrier comes up when the kernel's link watch gets to it (up to
     * a second later, more on a busy host); until then the device is up but not running, and rxbreak refuses it as
     * down.
     *
     * @param ns      their namespace.
     * @param devices the devices.
     */
    public static void awaitRunning(final NetworkNamespace ns, final String... devices)
    {
        for (final String device : devices)
        {
            Deadline.await(LINK_UP_TIMEOUT, () -> device + " in " + ns.name() + " running: " + operState(ns, device),
                () -> "UP".equals(operState(ns, device)));
        }
    }

    private static String operState(final NetworkNamespace ns, final String device)
    {
        final String[] fields = NetworkNamespace.run("ip", "-n", ns.name(), "-o", "link", "show", "dev", device)
            .split("\\s+");
        for (int i = 0; i + 1 < fields.length; i++)
        {
            if ("state".equals(fields[i]))
            {
                return fields[i + 1];
            }
        }
        return "unknown";
    }

    private static void configure(final NetworkNamespace ns, final String device, final String address)
    {
        NetworkNamespace.run("ip", "-n", ns.name(), "addr", "add", address + "/30", "dev", device);
        NetworkNamespace.run("ip", "-n", ns.name(), "link", "set", device, "multicast", "on");
        NetworkNamespace.run("ip", "-n", ns.name(), "link", "set", device, "up");
    }

    /**
     * @return end A's device name (in namespace A).
     */
    public String nameA()
    {
        return nameA;
    }

    /**
     * @return end B's device name (in namespace B).
     */
    public String nameB()
    {
        return nameB;
    }

    @Override
    public void close()
    {
        try
        {
            NetworkNamespace.run("ip", "-n", a.name(), "link", "del", nameA);
        }
        catch (final AssertionError ex)
        {
            // already gone with its namespace
        }
    }
}
