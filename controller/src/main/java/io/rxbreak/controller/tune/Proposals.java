package io.rxbreak.controller.tune;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rxbreak.core.counters.DropReasonKind;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.LayerSysctl;

/**
 * Computes the {@link Proposal} for the layer that broke first from the run's own figures:
 * <ul>
 * <li>socket buffer: the buffer that holds what the worst failed trial had in it plus what it lost, with a quarter
 * more, rounded up to a power of two, as {@code net.core.rmem_max} and {@code rmem_default} (those below it), and
 * half of it as the receiver's {@code --rcvbuf} (the kernel doubles the request); the sweep turns {@code rcvbuf}
 * with {@code --rcvbuf-force}, so it needs no host change;</li>
 * <li>softirq backlog: {@code netdev_max_backlog} that holds the run's backlog plus the worst trial's drops, a quarter
 * more, rounded up to a power of two; {@code netdev_budget} and {@code netdev_budget_usecs} doubled when the softirq
 * ran out of budget (time_squeeze);</li>
 * <li>global UDP memory: {@code udp_mem}'s pressure and max raised by the pages the worst trial's drops needed, a
 * quarter more, rounded up to a power of two;</li>
 * <li>routing/filtering: {@code net.ipv4.conf.all.rp_filter} loose (2) when the kernel's reason was
 * {@code IP_RPFILTER}; a firewall, a membership or a route is no sysctl;</li>
 * <li>the NIC (ethtool, not sysctl), validation (the sender or the path), the application, a receiver that fell behind, and unexplained loss: no
 * sysctl.</li>
 * </ul>
 */
public final class Proposals
{
    /** The page size {@code udp_mem} counts in. */
    static final long PAGE_BYTES = 4096;

    private static final String UNEXPLAINED = "unexplained";
    private static final String RCVBUF_FORCE = "--rcvbuf-force";
    private static final long DEFAULT_RMEM = 212_992;
    private static final String DEFAULT_BACKLOG = "1000";
    private static final String DEFAULT_BUDGET = "300";
    private static final String DEFAULT_BUDGET_USECS = "2000";

    private Proposals()
    {
    }

    /**
     * @param figures where the run broke and what it lost there; null when nothing failed.
     * @param tunables the run's kernel tunables by name (the current values).
     * @param commandLine the run's arguments as typed, for the sweep.
     * @return the proposal, or null when nothing failed.
     */
    public static Proposal of(final BreakFigures figures, final Map<String, String> tunables,
        final List<String> commandLine)
    {
        if (figures == null)
        {
            return null;
        }
        if (figures.fellBehind())
        {
            return none(ProposalKind.SLOWER_THAN_LOAD, figures);
        }
        if (UNEXPLAINED.equals(figures.layer()))
        {
            return none(ProposalKind.UNEXPLAINED, figures);
        }
        final Layer layer;
        try
        {
            layer = Layer.ofLabel(figures.layer());
        }
        catch (final IllegalArgumentException ex)
        {
            return none(ProposalKind.UNEXPLAINED, figures);
        }
        switch (layer)
        {
            case SOCKET_BUFFER:
                return socketBuffer(figures, tunables, commandLine);
            case SOFTIRQ_BACKLOG:
                return softirqBacklog(figures, tunables, commandLine);
            case GLOBAL_UDP_MEMORY:
                return udpMemory(figures, tunables, commandLine);
            case NIC:
                return none(ProposalKind.ETHTOOL, figures);
            case ROUTING_FILTERING:
                return routingFiltering(figures, tunables, commandLine);
            case VALIDATION:
                return none(ProposalKind.VALIDATION, figures);
            default:
                return none(ProposalKind.APPLICATION, figures);
        }
    }

    private static Proposal none(final ProposalKind kind, final BreakFigures figures)
    {
        return new Proposal(kind, figures, List.of(), null, List.of());
    }

    private static Proposal socketBuffer(final BreakFigures figures, final Map<String, String> tunables,
        final List<String> commandLine)
    {
        final long granted = figures.rcvbufGrantedBytes() != null ? figures.rcvbufGrantedBytes() :
            number(tunables.get(LayerSysctl.RMEM_DEFAULT.sysctlName()), DEFAULT_RMEM);
        final long needed = figures.truesizeBytes() != null && figures.bufferDatagrams() != null ?
            withMargin((figures.bufferDatagrams() + figures.worstTrialDrops()) * figures.truesizeBytes()) :
            2 * granted;
        final long buffer = powerOfTwoAbove(Math.max(needed, granted + 1));
        final List<ProposedSetting> settings = new ArrayList<>();
        for (final LayerSysctl sysctl : List.of(LayerSysctl.RMEM_MAX, LayerSysctl.RMEM_DEFAULT))
        {
            final String current = tunables.get(sysctl.sysctlName());
            // a limit already at or above the buffer is not what stopped it: leave it
            if (current == null || number(current, 0) < buffer)
            {
                settings.add(new ProposedSetting(sysctl.sysctlName(), current, Long.toString(buffer)));
            }
        }
        // the sweep turns the request, forced past net.core.rmem_max, so that it measures the buffer without
        // changing the host: the request now (half of what was granted) against the proposed one
        final List<String> options = new ArrayList<>(withoutOption(rampOptions(commandLine), "--rcvbuf"));
        if (!options.contains(RCVBUF_FORCE))
        {
            options.add(RCVBUF_FORCE);
        }
        final List<String> sweep = new ArrayList<>(List.of("sweep", "rcvbuf=" + granted / 2 + "," + buffer / 2));
        sweep.addAll(options);
        return new Proposal(ProposalKind.SYSCTL, figures, settings, buffer / 2, sweep);
    }

    private static Proposal softirqBacklog(final BreakFigures figures, final Map<String, String> tunables,
        final List<String> commandLine)
    {
        final String backlogName = LayerSysctl.NETDEV_MAX_BACKLOG.sysctlName();
        final long backlog = number(tunables.get(backlogName), Long.parseLong(DEFAULT_BACKLOG));
        final long proposed = powerOfTwoAbove(Math.max(withMargin(backlog + figures.worstTrialDrops()), backlog + 1));
        final List<ProposedSetting> settings = new ArrayList<>();
        settings.add(new ProposedSetting(backlogName, tunables.get(backlogName), Long.toString(proposed)));
        if (figures.timeSqueeze() != null && figures.timeSqueeze() > 0)
        {
            for (final LayerSysctl sysctl : List.of(LayerSysctl.NETDEV_BUDGET, LayerSysctl.NETDEV_BUDGET_USECS))
            {
                final long current = number(tunables.get(sysctl.sysctlName()), Long.parseLong(
                    sysctl == LayerSysctl.NETDEV_BUDGET ? DEFAULT_BUDGET : DEFAULT_BUDGET_USECS));
                settings.add(new ProposedSetting(sysctl.sysctlName(), tunables.get(sysctl.sysctlName()),
                    Long.toString(2 * current)));
            }
        }
        return new Proposal(ProposalKind.SYSCTL, figures, settings, null,
            sweep(LayerSysctl.NETDEV_MAX_BACKLOG, tunables, Long.toString(proposed), rampOptions(commandLine)));
    }

    /**
     * Reverse-path filtering is the one routing/filtering drop a sysctl fixes: loose mode (2) for every interface
     * accepts a source that is reachable through any of them, as multicast from another network often is. A
     * firewall, a missing membership or route: no sysctl.
     */
    private static Proposal routingFiltering(final BreakFigures figures, final Map<String, String> tunables,
        final List<String> commandLine)
    {
        if (!figures.kernelReasons().contains(DropReasonKind.IP_RPFILTER.kernelName()))
        {
            return none(ProposalKind.FILTER, figures);
        }
        final LayerSysctl knob = LayerSysctl.RP_FILTER_ALL;
        final String loose = "2";
        return new Proposal(ProposalKind.SYSCTL, figures,
            List.of(new ProposedSetting(knob.sysctlName(), tunables.get(knob.sysctlName()), loose)), null,
            sweep(knob, tunables, loose, rampOptions(commandLine)));
    }

    private static Proposal udpMemory(final BreakFigures figures, final Map<String, String> tunables,
        final List<String> commandLine)
    {
        final String name = LayerSysctl.UDP_MEM.sysctlName();
        final String current = tunables.get(name);
        final String[] pages = current == null ? new String[0] : current.trim().split("\\s+");
        if (pages.length != 3)
        {
            return none(ProposalKind.UNEXPLAINED, figures);
        }
        final long min = number(pages[0], 0);
        final long pressure = number(pages[1], 0);
        final long max = number(pages[2], 0);
        final long perDatagram = figures.truesizeBytes() != null ? figures.truesizeBytes() : PAGE_BYTES;
        final long extra = withMargin((figures.worstTrialDrops() * perDatagram + PAGE_BYTES - 1) / PAGE_BYTES);
        final long newPressure = powerOfTwoAbove(pressure + extra);
        final long newMax = Math.max(powerOfTwoAbove(max + extra), newPressure);
        final String proposed = min + " " + newPressure + " " + newMax;
        return new Proposal(ProposalKind.SYSCTL, figures, List.of(new ProposedSetting(name, current, proposed)), null,
            sweep(LayerSysctl.UDP_MEM, tunables, proposed, rampOptions(commandLine)));
    }

    private static List<String> sweep(final LayerSysctl knob, final Map<String, String> tunables,
        final String proposed, final List<String> options)
    {
        final String current = tunables.get(knob.sysctlName());
        final String now = current == null ? "" : current.trim().replaceAll("\\s+", " ") + ",";
        final List<String> args = new ArrayList<>(List.of("sweep", knob.sysctlName() + "=" + now + proposed));
        args.addAll(options);
        return args;
    }

    /**
     * @param commandLine a ramp's arguments as typed.
     * @return its ramp options, for a sweep: after {@code ramp}, without where the run's files went
     *     ({@code --out}, {@code --json}, {@code --junit}), which a sweep chooses per point.
     */
    static List<String> rampOptions(final List<String> commandLine)
    {
        final List<String> options = new ArrayList<>();
        final int ramp = commandLine.indexOf("ramp");
        for (int i = ramp + 1; i < commandLine.size(); i++)
        {
            final String arg = commandLine.get(i);
            final String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (List.of("--out", "--json", "--junit").contains(name))
            {
                i += arg.contains("=") ? 0 : 1;
                continue;
            }
            options.add(arg);
        }
        return options;
    }

    private static List<String> withoutOption(final List<String> options, final String option)
    {
        final List<String> result = new ArrayList<>();
        for (int i = 0; i < options.size(); i++)
        {
            final String arg = options.get(i);
            if (arg.equals(option))
            {
                i++;
                continue;
            }
            if (!arg.startsWith(option + "="))
            {
                result.add(arg);
            }
        }
        return result;
    }

    private static long withMargin(final long value)
    {
        return value + (value + 3) / 4;
    }

    /**
     * @param value a positive number.
     * @return the smallest power of two at or above it.
     */
    static long powerOfTwoAbove(final long value)
    {
        return value <= 1 ? 1 : Long.highestOneBit(value - 1) << 1;
    }

    private static long number(final String text, final long otherwise)
    {
        if (text == null)
        {
            return otherwise;
        }
        try
        {
            return new BigInteger(text.trim()).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return otherwise;
        }
    }
}
