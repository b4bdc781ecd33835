package io.rxbreak.controller;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.os.CpuSet;

/**
 * What a sandbox sets inside its own network namespace before the ramp starts there ({@code --sandbox-sysctl},
 * {@code --sandbox-rps}). Only state that the namespace owns: deleting the namespace undoes all of it, and the host
 * is never changed. A sysctl that a network namespace has no copy of (a machine-wide one, such as
 * {@code net.core.netdev_max_backlog}, missing inside, or {@code net.core.rmem_max}, read-only inside on Linux 6.x) is
 * refused once the namespace shows it, before anything starts in it.
 *
 * @param sysctls the sysctls to set, dotted name to value, in the order given.
 * @param rpsCpus the CPUs the sandbox loopback's received packets are steered to (Receive Packet Steering), or null
 *     to leave it as the kernel made it (off).
 */
public record SandboxSetup(Map<String, String> sysctls, CpuSet rpsCpus)
{
    /** The option that sets a sysctl inside the sandbox. */
    public static final String SYSCTL_OPTION = "--sandbox-sysctl";
    /** The option that turns on RPS on the sandbox's loopback. */
    public static final String RPS_OPTION = "--sandbox-rps";
    /** Nothing to set. */
    public static final SandboxSetup NONE = new SandboxSetup(Map.of(), null);
    /** The sandbox loopback's RPS mask, as the namespace's sysfs shows it. */
    static final String LOOPBACK_RPS_FILE = "/sys/class/net/lo/queues/rx-0/rps_cpus";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_-]+)+");

    /**
     * Keeps the order given.
     */
    public SandboxSetup
    {
        sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    }

    /**
     * @param sysctls {@code --sandbox-sysctl} as typed, {@code NAME=VALUE} each.
     * @param rps {@code --sandbox-rps} as typed, a CPU list, or null.
     * @return the setup.
     * @throws BadInputException naming the option when an entry is malformed, names no sysctl of this kernel, or a
     *     CPU that is not online.
     */
    static SandboxSetup parse(final List<String> sysctls, final String rps)
    {
        final Map<String, String> parsed = new LinkedHashMap<>();
        for (final String entry : sysctls)
        {
            final int equals = entry.indexOf('=');
            final String name = equals < 0 ? entry.trim() : entry.substring(0, equals).trim();
            final String value = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (equals < 0 || !NAME.matcher(name).matches() || value.isEmpty() || value.indexOf('\n') >= 0)
            {
                throw BadInputException.option(SYSCTL_OPTION, "'" + entry + "' is not NAME=VALUE, like " +
                    "net.ipv4.udp_rmem_min=8192");
            }
            if (!name.startsWith("net."))
            {
                // kernel.*, vm.* and the like are writable inside a network namespace yet belong to the whole machine
                throw BadInputException.option(SYSCTL_OPTION, name + " is not a network sysctl (net.*): a network "
                    + "namespace has no copy of it, so setting it in the sandbox would change the host; use --tune FILE "
                    + "with --tune-host to change it for the run and have it restored");
            }
            if (!Files.exists(sysctlFile(name)))
            {
                throw BadInputException.option(SYSCTL_OPTION, "this kernel has no sysctl " + name + " (no " +
                    sysctlFile(name) + ")");
            }
            parsed.put(name, value);
        }
        CpuSet rpsCpus = null;
        if (rps != null)
        {
            rpsCpus = CpuSet.parse(rps, RPS_OPTION);
            final CpuSet online = CpuSet.online();
            if (!rpsCpus.isSubsetOf(online))
            {
                throw BadInputException.option(RPS_OPTION, rpsCpus + " names CPUs that are not online (online: " +
                    online + ")");
            }
        }
        return new SandboxSetup(parsed, rpsCpus);
    }

    /**
     * @return whether there is nothing to set.
     */
    public boolean isEmpty()
    {
        return sysctls.isEmpty() && rpsCpus == null;
    }

    /**
     * @param name a sysctl name, dotted like {@code net.core.rmem_max} or slashed like {@code net/core/rmem_max} (a
     *     slashed name keeps its dots: the VLAN interface in {@code net/ipv4/conf/eth0.100/rp_filter}).
     * @return its file under {@code /proc/sys}.
     */
    public static Path sysctlFile(final String name)
    {
        return Path.of("/proc/sys", name.indexOf('/') >= 0 ? name : name.replace('.', '/'));
    }

    /**
     * @param cpus a CPU set.
     * @return the kernel's bitmap form of it: hex words of 32 bits, separated by commas, like {@code 2} or
     *     {@code 1,00000000}.
     */
    public static String mask(final CpuSet cpus)
    {
        BigInteger bits = BigInteger.ZERO;
        for (int cpu = cpus.first(); cpu >= 0 && cpu <= cpus.last(); cpu++)
        {
            if (cpus.contains(cpu))
            {
                bits = bits.setBit(cpu);
            }
        }
        final String hex = bits.toString(16);
        final StringBuilder text = new StringBuilder();
        for (int end = hex.length(); end > 0; end -= 8)
        {
            final String word = hex.substring(Math.max(0, end - 8), end);
            text.insert(0, text.length() == 0 ? word : word + ",");
        }
        return text.toString();
    }

    /**
     * @param text a bitmap as the kernel prints it, like {@code 00000002} or {@code 1,00000000}.
     * @return its value.
     */
    public static BigInteger maskValue(final String text)
    {
        return new BigInteger(text.trim().replace(",", ""), 16);
    }
}
