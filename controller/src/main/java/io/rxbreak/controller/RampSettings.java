package io.rxbreak.controller;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.controller.agents.ReplayPlan;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.topology.Topology;
import io.rxbreak.controller.tune.TuningPlan;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.timeline.PrometheusMetric;

/**
 * A ramp's whole configuration, validated once before anything starts.
 *
 * @param search the search.
 * @param groups the groups sender and receiver use.
 * @param sizeBytes the datagram length.
 * @param pattern the sender's pattern, or null for constant.
 * @param streams streams per group.
 * @param interfaceName where to send and join.
 * @param throttle the receiver's throttle, or null.
 * @param rcvbufBytes the receiver's SO_RCVBUF request, or null for the default.
 * @param rcvbufForce whether to use SO_RCVBUFFORCE.
 * @param sockets receiving sockets per group.
 * @param shareSockets whether the groups of one port share their receiving sockets ({@code --share-sockets}).
 * @param senderAgentUrl a remote sender agent, or null to start one.
 * @param receiverAgentUrl a remote receiver agent, or null to start one.
 * @param agentToken the remote agents' token, or null.
 * @param senderAgentTlsFingerprint the remote sender agent's pinned TLS certificate fingerprint, or null.
 * @param receiverAgentTlsFingerprint the remote receiver agent's pinned TLS certificate fingerprint, or null.
 * @param observe whether observe mode judges the user's own application.
 * @param observePid the observed application's process, or 0.
 * @param runDirectory the run folder.
 * @param jsonCopy where to copy report.json too, or null.
 * @param warmUpTrial whether a discarded trial at the start rate runs first.
 * @param senderIdle the local sender agent's {@code --idle} mode.
 * @param sandboxName the sandbox this runs in (from the environment), or null.
 * @param commandLine the arguments as typed.
 * @param senderCpus {@code --sender-cpus}, or null to choose.
 * @param receiverCpus {@code --receiver-cpus}, or null to choose.
 * @param controllerCpus {@code --controller-cpus}, or null to choose.
 * @param calibrate whether to measure the harness's ceiling first ({@code --calibrate}).
 * @param replay the feed every trial replays ({@code --replay}), or null for the pattern.
 * @param sandboxSetup what {@code --sandbox} sets inside its namespace ({@code --sandbox-sysctl},
 *     {@code --sandbox-rps}).
 * @param tune the tuning file to apply ({@code --tune}), read; null without one, and inside the sandbox (whose
 *     parent applied it).
 * @param tuneHost whether the tuning file may change the host ({@code --tune-host}).
 * @param observeLoss observe mode: the application's own loss counter ({@code --observe-loss-url},
 *     {@code --observe-loss-metric}), laid on each trial's counter timeline; or null.
 * @param busyPollUs the local receiver's SO_BUSY_POLL ({@code --busy-poll}), or null for its default (off).
 * @param gso the local sender's {@code --gso} as typed (checked), or null for its default.
 * @param topology the agents of a ramp over many hosts ({@code --topology}), read and checked; null for one sender
 *     and one receiver.
 */
public record RampSettings(
    RampConfig search,
    List<MulticastGroup> groups,
    int sizeBytes,
    String pattern,
    int streams,
    String interfaceName,
    String throttle,
    Long rcvbufBytes,
    boolean rcvbufForce,
    int sockets,
    boolean shareSockets,
    String senderAgentUrl,
    String receiverAgentUrl,
    String agentToken,
    String senderAgentTlsFingerprint,
    String receiverAgentTlsFingerprint,
    boolean observe,
    long observePid,
    Path runDirectory,
    Path jsonCopy,
    boolean warmUpTrial,
    IdleMode senderIdle,
    String sandboxName,
    List<String> commandLine,
    CpuSet senderCpus,
    CpuSet receiverCpus,
    CpuSet controllerCpus,
    boolean calibrate,
    ReplayPlan replay,
    SandboxSetup sandboxSetup,
    TuningPlan tune,
    boolean tuneHost,
    PrometheusMetric observeLoss,
    Integer busyPollUs,
    String gso,
    Topology topology)
{
    /**
     * @return the groups as options for an agent: {@code --group G} for each.
     */
    public List<String> groupOptions()
    {
        final List<String> options = new ArrayList<>();
        for (final MulticastGroup group : groups)
        {
            options.add("--group");
            options.add(group.toString());
        }
        return options;
    }
}
