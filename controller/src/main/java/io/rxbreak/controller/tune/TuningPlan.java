package io.rxbreak.controller.tune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.config.BadInputException;

/**
 * A tuning file, read: its settings in order, not yet applied.
 *
 * @param file the file as given.
 * @param entries its setting lines, in order.
 */
public record TuningPlan(Path file, List<TuneEntry> entries)
{
    private static final String NET = "/sys/class/net/";
    private static final String INTERRUPTS = "/proc/interrupts";

    /**
     * Copies the list.
     */
    public TuningPlan
    {
        entries = List.copyOf(entries);
    }

    /**
     * @return whether any line changes the host whatever the sandbox holds (IRQ affinity).
     */
    public boolean hasIrq()
    {
        return entries.stream().anyMatch(entry -> entry.kind() == TuneKind.IRQ);
    }

    /**
     * Where each line goes and which kernel file it writes, without writing anything. In a sandbox a network
     * sysctl the namespace can write, and RPS of an interface it has, go inside; everything else is machine-wide and
     * goes to the host only with {@code --tune-host}.
     *
     * @param sandbox the sandbox's files, or null without a sandbox.
     * @param host the host's files.
     * @param tuneHost whether {@code --tune-host} lets lines change the host.
     * @return the targets in the file's order; a {@code -} line whose key is missing is left out.
     * @throws BadInputException naming the file, the line and the key when a key is missing or machine-wide without
     *     {@code --tune-host}.
     */
    List<Target> resolve(final KernelFiles sandbox, final KernelFiles host, final boolean tuneHost)
    {
        final List<Target> targets = new ArrayList<>();
        for (final TuneEntry entry : entries)
        {
            switch (entry.kind())
            {
                case SYSCTL:
                    sysctl(entry, sandbox, host, tuneHost, targets);
                    break;
                case RPS:
                    rps(entry, sandbox, host, tuneHost, targets);
                    break;
                default:
                    irq(entry, host, tuneHost, targets);
                    break;
            }
        }
        return targets;
    }

    private void sysctl(final TuneEntry entry, final KernelFiles sandbox, final KernelFiles host,
        final boolean tuneHost, final List<Target> targets)
    {
        final String file = entry.sysctlFile().toString();
        if (sandbox != null && entry.isNetworkSysctl() && sandbox.writable(file))
        {
            targets.add(new Target(entry, TuneSite.SANDBOX, entry.sysctlName(), file, sandbox));
            return;
        }
        if (!host.exists(file))
        {
            if (!entry.ignoreFailure())
            {
                throw error(entry, "this kernel has no sysctl " + entry.sysctlName() + " (no " + file + ")");
            }
            return;
        }
        if (!tuneHost)
        {
            throw error(entry, entry.sysctlName() + (sandbox == null ? " would change the host" :
                " is machine-wide (a network namespace has no copy of its own to set)") + ": " +
                TuneFile.HOST_OPTION + " applies it to the host (as root)");
        }
        targets.add(new Target(entry, TuneSite.HOST, entry.sysctlName(), file, host));
    }

    private void rps(final TuneEntry entry, final KernelFiles sandbox, final KernelFiles host,
        final boolean tuneHost, final List<Target> targets)
    {
        final String[] words = entry.key().split(" ");
        final String device = words[0];
        final String queues = NET + device + "/queues";
        final KernelFiles files;
        final TuneSite site;
        if (sandbox != null && sandbox.exists(NET + device))
        {
            files = sandbox;
            site = TuneSite.SANDBOX;
        }
        else if (host.exists(NET + device) && tuneHost)
        {
            files = host;
            site = TuneSite.HOST;
        }
        else if (host.exists(NET + device))
        {
            throw error(entry, "rps " + device + (sandbox == null ? " would change the host" :
                ": the sandbox has no interface " + device + ", the host has") + ": " + TuneFile.HOST_OPTION +
                " applies it to the host (as root)");
        }
        else
        {
            if (!entry.ignoreFailure())
            {
                throw error(entry, "no interface " + device + (sandbox == null ? "" : " in the sandbox or") +
                    " on this host");
            }
            return;
        }
        final List<String> names = words.length > 1 ? List.of(words[1]) :
            files.list(queues).stream().filter(name -> name.startsWith("rx-")).toList();
        for (final String queue : names)
        {
            final String file = queues + "/" + queue + "/rps_cpus";
            if (!files.exists(file))
            {
                if (!entry.ignoreFailure())
                {
                    throw error(entry, "no " + file + (site == TuneSite.SANDBOX ? " in the sandbox" : "") +
                        " (no such queue, or a kernel without CONFIG_RPS)");
                }
                continue;
            }
            targets.add(new Target(entry, site, "rps " + device + " " + queue, file, files));
        }
    }

    private void irq(final TuneEntry entry, final KernelFiles host, final boolean tuneHost,
        final List<Target> targets)
    {
        if (!tuneHost)
        {
            throw error(entry, "irq " + entry.key() + ": IRQ affinity is machine-wide: " + TuneFile.HOST_OPTION +
                " applies it to the host (as root)");
        }
        final String number = irqNumber(entry.key(), host);
        final String file = number == null ? null : "/proc/irq/" + number + "/smp_affinity_list";
        if (file == null || !host.exists(file))
        {
            if (!entry.ignoreFailure())
            {
                throw error(entry, "no IRQ " + entry.key() + " on this host (see /proc/interrupts)");
            }
            return;
        }
        targets.add(new Target(entry, TuneSite.HOST, "irq " + number, file, host));
    }

    /**
     * @param key an IRQ's number, or its name as the last column of {@code /proc/interrupts} shows it.
     * @param host the host's files.
     * @return its number, or null when no IRQ has that name.
     */
    static String irqNumber(final String key, final KernelFiles host)
    {
        if (key.chars().allMatch(Character::isDigit))
        {
            return key;
        }
        final String interrupts;
        try
        {
            interrupts = host.read(INTERRUPTS);
        }
        catch (final IOException ex)
        {
            return null;
        }
        for (final String line : interrupts.split("\n"))
        {
            final String[] columns = line.trim().split("\\s+");
            if (columns.length > 1 && columns[0].endsWith(":") && columns[columns.length - 1].equals(key))
            {
                final String number = columns[0].substring(0, columns[0].length() - 1);
                if (number.chars().allMatch(Character::isDigit))
                {
                    return number;
                }
            }
        }
        return null;
    }

    BadInputException error(final TuneEntry entry, final String problem)
    {
        return BadInputException.option(TuneFile.OPTION, entry.where(file) + ": " + problem);
    }

    /**
     * One kernel file a line writes.
     *
     * @param entry the line.
     * @param site where.
     * @param key the setting's name for the report.
     * @param file the kernel file.
     * @param files how to reach it.
     */
    record Target(TuneEntry entry, TuneSite site, String key, String file, KernelFiles files)
    {
    }
}
