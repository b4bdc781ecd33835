package io.rxbreak.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.controller.agents.ReceiverSide;
import io.rxbreak.controller.report.Environment;
import io.rxbreak.controller.topology.TopologyTrialRunner;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.Tunables;
import io.rxbreak.core.counters.TunablesReader;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.ReceiverStatus;

/**
 * Where a run ran, for its header: the kernel, the CPUs, the JVM, the agents and their setup, the placement, and the
 * kernel's tunables.
 */
final class RunEnvironment
{
    private RunEnvironment()
    {
    }

    /**
     * @param settings  the run's settings.
     * @param placement where the harness runs, or null when it could not be placed.
     * @param sender    the sender side.
     * @param receiver  the receiver side.
     * @return where the run ran, for the run folder.
     */
    static Environment of(final RampSettings settings, final Placement placement, final AgentSenderSide sender,
        final ReceiverSide receiver)
    {
        final Map<String, String> details = new LinkedHashMap<>();
        details.put("sender", sender.describe());
        details.put("receiver", receiver.describe());
        details.put("groups", String.join(" ", settings.groups().stream().map(Object::toString).toList()));
        details.put("sizeBytes", Integer.toString(settings.sizeBytes()));
        details.put("pattern", settings.pattern() == null ? "constant" : settings.pattern());
        details.put("throttle", settings.throttle() == null ? "none" : settings.throttle());
        if (settings.sandboxName() != null)
        {
            details.put("sandbox", settings.sandboxName());
        }
        details.put("placement", placement == null ? "not set (" + Threads.unavailableReason() + ")" :
            placement.describe());
        details.put("senderSetup", Json.toLine(sender.status().setup()));
        Long requested = null;
        Long granted = null;
        if (receiver instanceof AgentReceiverSide)
        {
            final ReceiverStatus status = ((AgentReceiverSide)receiver).status();
            requested = status.rcvbufRequested();
            granted = status.rcvbufGranted();
            details.put("receiverTransport", status.transport() == null ? "epoll" : status.transport());
        }
        return new Environment(kernelRelease(), CpuSet.online().size(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            settings.interfaceName(), requested, granted, details, AutoTuners.find());
    }

    /**
     * @param settings  the run's settings.
     * @param senders   a topology's senders.
     * @param receiver  one of its receivers.
     * @return where that receiver's ramp ran, for its run folder.
     */
    static Environment ofTopology(final RampSettings settings, final List<TopologyTrialRunner.Sender> senders,
        final TopologyTrialRunner.Receiver receiver)
    {
        final Map<String, String> details = new LinkedHashMap<>();
        final List<String> sending = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        for (final TopologyTrialRunner.Sender sender : senders)
        {
            sending.add(sender.name() + ": " + sender.side().describe());
            sender.groups().forEach(group -> groups.add(group.toString()));
        }
        details.put("topology", settings.topology().file().toString());
        details.put("sender", senders.size() + " senders (" + String.join("; ", sending) + ")");
        details.put("receiver", receiver.name() + ": " + receiver.side().describe());
        details.put("groups", String.join(" ", groups));
        details.put("sizeBytes", Integer.toString(settings.sizeBytes()));
        details.put("pattern", settings.pattern() == null ? "constant" : settings.pattern());
        final ReceiverStatus status = receiver.side().status();
        details.put("throttle", status.throttle() == null ? "none" : status.throttle());
        details.put("senderSetup", Json.toLine(senders.get(0).side().status().setup()));
        details.put("receiverTransport", status.transport() == null ? "epoll" : status.transport());
        return new Environment(kernelRelease(), CpuSet.online().size(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            settings.interfaceName(), status.rcvbufRequested(), status.rcvbufGranted(), details, AutoTuners.find());
    }

    private static String kernelRelease()
    {
        try
        {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        }
        catch (final IOException ex)
        {
            return System.getProperty("os.version");
        }
    }

    /**
     * @return the kernel tunables by name; in the sandbox with the host's values of those it cannot see.
     */
    static Map<String, String> tunables()
    {
        final Tunables tunables = new TunablesReader(CounterRoots.LIVE).read();
        final Map<String, String> all = new LinkedHashMap<>(tunables.sysctls());
        // In the sandbox most net.core tunables are invisible; the sandbox's parent read the host's values for us.
        Sandbox.parseHostSysctls(System.getenv(Sandbox.HOST_SYSCTLS)).forEach((name, value) ->
        {
            if (!all.containsKey(name))
            {
                all.put(name, value);
            }
        });
        tunables.rpsCpus().forEach((queue, mask) -> all.put(queue + " rps_cpus", mask));
        if (tunables.ringSizes() != null)
        {
            tunables.ringSizes().forEach((dev, rings) -> all.put(dev + " rings", rings));
        }
        return all;
    }
}
