package io.rxbreak.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.rxbreak.controller.agents.ReplayPlan;
import io.rxbreak.controller.report.RunFolderWriter;
import io.rxbreak.controller.report.cli.PipelineOptions;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.topology.Topology;
import io.rxbreak.controller.topology.TopologyReader;
import io.rxbreak.controller.tune.HostFiles;
import io.rxbreak.controller.tune.TuneFile;
import io.rxbreak.controller.tune.TuneState;
import io.rxbreak.controller.tune.Tuner;
import io.rxbreak.controller.tune.TuningPlan;
import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.ByteSizeConverter;
import io.rxbreak.core.config.DurationConverter;
import io.rxbreak.core.config.GsoSetting;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.TlsFingerprint;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Privileges;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.core.timeline.PrometheusMetric;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.feed.Feed;
import io.rxbreak.feed.FeedProfile;
import io.rxbreak.feed.FeedRouting;

/**
 * {@code rxbreak ramp}: raise the offered load trial by trial until the receive path loses data, find the break
 * point, and say which layer broke. Everything is validated before anything starts.
 */
@Command(
    name = "ramp",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Find the highest message rate this receiver takes with nothing lost (the no-drop rate, NDR) and the layer "
            + "that breaks first. Starts a receiver and a sender agent (or uses remote ones, or observes your own "
            + "application), ramps the offered load, refines the break point by binary search, confirms it with "
            + "longer trials, and writes a run folder (trials.jsonl as it goes, report.json, report.html, report.csv).",
        "",
        "Host-only by default: loopback, multicast TTL 0. --sandbox runs the whole ramp in a private network "
            + "namespace (root).",
        ""})
public final class RampCommand implements Callable<Integer>, RxbreakCommand
{
    /** The environment variable that tells a ramp it already runs inside its sandbox. */
    static final String IN_SANDBOX = "RXBREAK_IN_SANDBOX";
    /** The default group: administratively scoped, host-only with TTL 0 on loopback. */
    static final String DEFAULT_GROUP = "239.255.77.1:47001";
    /** The fastest a replayed feed is played when {@code --max-speed} is not given. */
    static final String DEFAULT_MAX_SPEED = "100";
    /** The option pinning the remote sender agent's TLS certificate. */
    static final String SENDER_AGENT_TLS_FINGERPRINT = "--sender-agent-tls-fingerprint";
    /** The option pinning the remote receiver agent's TLS certificate. */
    static final String RECEIVER_AGENT_TLS_FINGERPRINT = "--receiver-agent-tls-fingerprint";

    @Spec
    CommandSpec spec;

    @Option(names = "--group", paramLabel = "ADDR:PORT", description = "Multicast group, repeatable (default: "
        + DEFAULT_GROUP + "). Sender and receiver use the same groups.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--size", paramLabel = "BYTES", converter = ByteSizeConverter.class, defaultValue = "64",
        description = "Datagram length, header included (default: ${DEFAULT-VALUE}).")
    long sizeBytes;

    @Option(names = "--pattern", paramLabel = "SPEC", description = "The sender's pattern at each trial's rate "
        + "(default: constant). See 'rxbreak send --help'.")
    String pattern;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1", description = "Streams per group (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--replay", paramLabel = "FILE", description = "Ramp the speed of a recorded feed instead of a "
        + "constant rate: each trial plays FILE (pcap, pcapng or CSV; see docs/feed.md) at a speed-up factor, with its "
        + "own offsets, sizes and groups, and the result is the headroom: the highest factor with nothing lost.")
    String replay;

    @Option(names = "--map", paramLabel = "FROM=TO", description = "With --replay: send a recorded group to a test "
        + "group, like 233.54.12.1:26477=239.255.0.1:5000 or 233.54.12.1=239.255.0.1 (port kept); repeatable. "
        + "Unmapped multicast groups are kept on a host-only interface; elsewhere map each, or give --map keep.")
    List<String> map = new ArrayList<>();

    @Option(names = "--loop", paramLabel = "N", description = "With --replay: play the feed N times in each trial "
        + "(default: as many times as fill --duration at the trial's speed, at least once).")
    Long loop;

    @Option(names = "--start-speed", paramLabel = "F", description = "With --replay: the first trial's speed-up "
        + "factor (default: 1).")
    String startSpeed;

    @Option(names = "--max-speed", paramLabel = "F", description = "With --replay: the fastest the feed is played "
        + "(default: " + DEFAULT_MAX_SPEED + ").")
    String maxSpeed;

    @Option(names = "--verify-rate", paramLabel = "RATE", description = "No search: only the confirmation at RATE "
        + "(--confirm-duration in trials of --confirm-trial-duration, invalid trials retried); exit 0 when it held, 3 "
        + "when it did not, 4 when nothing valid could be said. A gate for pipelines that know their requirement.")
    String verifyRate;

    @Option(names = "--verify-speed", paramLabel = "F", description = "With --replay: --verify-rate at F times the "
        + "recorded feed (\"3x our peak must hold\").")
    String verifySpeed;

    @Option(names = "--sender-idle", paramLabel = "MODE", defaultValue = "auto",
        description = "What the local sender agent does between messages, as 'rxbreak send --idle' takes it: spin, "
            + "yield, sleep, park, or auto (default: ${DEFAULT-VALUE}: spins from 10000 msgs/s, parks below, and "
            + "sleeps when it shares a CPU with the receiver).")
    IdleMode senderIdle;

    @Option(names = "--interface", paramLabel = "DEV", defaultValue = Interfaces.LOOPBACK,
        description = "Interface to send and join on (default: lo, host-only with TTL 0).")
    String interfaceName;

    @Option(names = "--throttle", paramLabel = "SPEC", description = "The receiver's throttle, as 'rxbreak receive "
        + "--throttle' takes it: none, cost:DURATION, rate:N, stall:PAUSE/PERIOD, queue:CAPACITY:COST:drop|block.")
    String throttle;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", converter = ByteSizeConverter.class,
        description = "The receiver's SO_RCVBUF request (the kernel doubles it and caps it at net.core.rmem_max).")
    Long rcvbufBytes;

    @Option(names = "--rcvbuf-force", description = "Use SO_RCVBUFFORCE (needs CAP_NET_ADMIN).")
    boolean rcvbufForce;

    @Option(names = "--sockets", paramLabel = "N", defaultValue = "1",
        description = "Receiving sockets per group, each getting its own copy (default: ${DEFAULT-VALUE}).")
    int sockets;

    @Option(names = "--share-sockets", description = "The local receiver opens one socket per port (times --sockets) "
        + "joined to every group on it, instead of one per group: for feeds of tens to hundreds of groups.")
    boolean shareSockets;

    @Option(names = "--busy-poll", paramLabel = "USEC", description = "The local receiver's SO_BUSY_POLL in "
        + "microseconds, as 'rxbreak receive --busy-poll' takes it (default: off).")
    Integer busyPollUs;

    @Option(names = GsoSetting.OPTION, paramLabel = "auto|off|N", description = "The local sender's UDP GSO, as "
        + "'rxbreak send --gso' takes it (default: " + GsoSetting.DEFAULT + "). Packet counters and the kernel's drop "
        + "reasons count a GSO packet once, however many datagrams it holds: off makes each count a datagram.")
    String gso;

    @Option(names = "--start-rate", paramLabel = "RATE", defaultValue = RampConfig.Defaults.START_RATE,
        description = "The first trial's rate, messages/s (default: ${DEFAULT-VALUE}; 10k works).")
    String startRate;

    @Option(names = "--step", paramLabel = "xF|+N", defaultValue = RampConfig.Defaults.STEP,
        description = "How the ramp raises the rate: a factor (x1.5) or an increment (+10000) (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--max-rate", paramLabel = "RATE", defaultValue = RampConfig.Defaults.MAX_RATE,
        description = "The ramp never offers more (default: ${DEFAULT-VALUE}).")
    String maxRate;

    @Option(names = "--precision", paramLabel = "PCT", defaultValue = RampConfig.Defaults.PRECISION,
        description = "Refine until the bounds are this close (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = RampConfig.Defaults.DURATION,
        description = "Measured window of a ramp or refinement trial (default: ${DEFAULT-VALUE}).")
    long durationNs;

    @Option(names = "--warm-up", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = RampConfig.Defaults.WARM_UP,
        description = "Load before each trial's window, at the same rate; its messages must arrive too (default: ${DEFAULT-VALUE}).")
    long warmUpNs;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = RampConfig.Defaults.DRAIN,
        description = "Longest wait for a trial's tail to arrive (default: ${DEFAULT-VALUE}).")
    long drainNs;

    @Option(names = "--confirm-duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = RampConfig.Defaults.CONFIRM_DURATION,
        description = "Total measured time at the NDR before it is reported (default: ${DEFAULT-VALUE}).")
    long confirmDurationNs;

    @Option(names = "--confirm-trial-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        defaultValue = RampConfig.Defaults.CONFIRM_TRIAL_DURATION, description = "Measured window of each confirming trial (default: ${DEFAULT-VALUE}).")
    long confirmTrialDurationNs;

    @Option(names = "--pdr", paramLabel = "RATIO", description = "Also find the partial-drop rate: the highest rate "
        + "whose loss ratio stays at or under RATIO (like 0.001 or 0.1%%).")
    String pdr;

    @Option(names = "--tolerance", paramLabel = "PCT", defaultValue = RampConfig.Defaults.TOLERANCE,
        description = "How far the sender may miss its target before a trial is invalid (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--max-invalid-retries", paramLabel = "N", defaultValue = RampConfig.Defaults.MAX_INVALID_RETRIES,
        description = "How often an invalid trial is run again (default: ${DEFAULT-VALUE}).")
    int maxInvalidRetries;

    @Option(names = "--max-sender-lag", paramLabel = "DURATION", converter = DurationConverter.class,
        defaultValue = RampConfig.Defaults.MAX_SENDER_LAG, description = "A trial that lost messages after the sender fell this far behind its "
        + "schedule (it stalled, then burst the due messages), and lost no more than that burst held, is invalid and "
        + "run again; 0 turns the check off (default: ${DEFAULT-VALUE}).")
    long maxSenderLagNs;

    @Option(names = "--max-backlog-growth", paramLabel = "PCT|off", defaultValue = RampConfig.Defaults.MAX_BACKLOG_GROWTH,
        description = "A trial that lost nothing fails when the receiver fell behind the offered load by more than this "
        + "share of it: its latency grew that much faster than time passed, so its buffers were filling and a longer "
        + "trial would lose. Without it a receiver of capacity C passes up to about C + buffer / duration. 'off' "
        + "judges on loss alone (default: ${DEFAULT-VALUE}).")
    String maxBacklogGrowth;

    @Option(names = "--warm-up-trial", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Run one discarded trial at the start rate first, so that the agents' JIT compilation and "
            + "first allocations do not stall the first measured trial (default: on; --no-warm-up-trial skips it).")
    boolean warmUpTrial;

    @Option(names = "--max-trials", paramLabel = "N", defaultValue = RampConfig.Defaults.MAX_TRIALS,
        description = "Stop after this many trials (default: ${DEFAULT-VALUE}).")
    int maxTrials;

    @Option(names = Placement.SENDER_CPUS, paramLabel = "LIST", description = "The CPUs of the local sender agent, "
        + "as a CPU list like 0 or 0-2,4 (default: chosen to keep off the receiver's CPUs).")
    String senderCpus;

    @Option(names = Placement.RECEIVER_CPUS, paramLabel = "LIST", description = "The CPUs of the local receiver "
        + "agent (default: the last CPU, when there are two or more).")
    String receiverCpus;

    @Option(names = Placement.CONTROLLER_CPUS, paramLabel = "LIST", description = "The CPUs of the controller "
        + "(this process) (default: off the receiver's CPUs, and off the sender's when there are three or more).")
    String controllerCpus;

    @Option(names = "--calibrate", description = "First find what an unthrottled rxbreak receiver takes on this host "
        + "with the same size, buffer, sockets and placement (a coarse search, about 20 s): the most this harness can "
        + "tell. Every report states it; a break point near it is the harness's limit, not only the receiver's.")
    boolean calibrate;

    @Option(names = "--sender-agent", paramLabel = "URL", description = "Use this sender agent instead of starting one.")
    String senderAgent;

    @Option(names = "--receiver-agent", paramLabel = "URL", description = "Use this receiver agent instead of starting one.")
    String receiverAgent;

    @Option(names = "--agent-token", paramLabel = "TOKEN", description = "Token for remote agents (also RXBREAK_AGENT_TOKEN).")
    String agentToken;

    @Option(names = TopologyReader.OPTION, paramLabel = "FILE", description = "Ramp over a topology of many sender "
        + "and receiver agents (YAML: docs/topology.md), reached by URL or started over SSH: the rate split over the "
        + "senders, every receiver judged with its own break point, the run's the weakest's.")
    Path topologyFile;

    @Option(names = SENDER_AGENT_TLS_FINGERPRINT, paramLabel = "sha256:XX:...", description = "Pin the TLS "
        + "certificate of the --sender-agent (an https:// URL) by the fingerprint it printed ('"
        + AgentOptions.TLS_CERTIFICATE + "sha256:...'); without it the certificate must be trusted by this JVM's "
        + "trust store.")
    String senderAgentTlsFingerprint;

    @Option(names = RECEIVER_AGENT_TLS_FINGERPRINT, paramLabel = "sha256:XX:...", description = "Pin the TLS "
        + "certificate of the --receiver-agent (an https:// URL), as " + SENDER_AGENT_TLS_FINGERPRINT + " does.")
    String receiverAgentTlsFingerprint;

    @Option(names = "--observe-port", paramLabel = "PORT", description = "Observe mode: no rxbreak receiver; judge "
        + "your own application's sockets bound to PORT by their kernel counters.")
    Integer observePort;

    @Option(names = "--observe-pid", paramLabel = "PID", description = "Observe mode: the application's process "
        + "(its sockets on the group's port; another network namespace works).")
    Long observePid;

    @Option(names = "--observe-group", paramLabel = "ADDR:PORT", description = "Observe mode: the group the "
        + "application joined; the sender sends there.")
    String observeGroup;

    @Option(names = "--observe-loss-url", paramLabel = "URL", description = "Observe mode: the application's "
        + "Prometheus text endpoint, scraped every 250ms of each trial to lay its own loss on the trial's counter "
        + "timeline (with --observe-loss-metric).")
    URI observeLossUrl;

    @Option(names = "--observe-loss-metric", paramLabel = "NAME", description = "Observe mode: the counter of "
        + "messages the application lost, like app_lost_total (every label set added up).")
    String observeLossMetric;

    @Option(names = "--sandbox", description = "Run the whole ramp in a private network namespace of its own, "
        + "removed afterwards whatever happens (root).")
    boolean sandbox;

    @Option(names = SandboxSetup.SYSCTL_OPTION, paramLabel = "NAME=VALUE", description = "With --sandbox: set this "
        + "sysctl inside the sandbox's network namespace before the agents start, like net.ipv4.udp_rmem_min=8192; "
        + "repeatable. Only a sysctl that each network namespace has of its own (net.ipv4.udp_rmem_min, "
        + "net.core.somaxconn, ...); a machine-wide one is refused (net.core.netdev_max_backlog, netdev_budget, "
        + "dev_weight; rmem_max and rmem_default too, read-only inside): rxbreak never changes the host's.")
    List<String> sandboxSysctls = new ArrayList<>();

    @Option(names = SandboxSetup.RPS_OPTION, paramLabel = "LIST", description = "With --sandbox: Receive Packet "
        + "Steering on the sandbox's loopback: its received packets are queued to the softirq backlog of these CPUs "
        + "(a CPU list like 1), as a NIC's or a veth's are with rps_cpus.")
    String sandboxRps;

    @Option(names = TuneFile.OPTION, paramLabel = "FILE", description = "Apply a tuning file before the ramp and "
        + "restore it afterwards: sysctl.d lines (key = value), 'rps DEV [rx-N] = CPUS' and 'irq N|NAME = CPUS' "
        + "(docs/tuning.md). With --sandbox inside its namespace; what no namespace holds (machine-wide sysctls, IRQ "
        + "affinity) only with --tune-host. Each value is read back; the report records before, asked and read back.")
    Path tune;

    @Option(names = TuneFile.HOST_OPTION, description = "Let --tune change the host (root): machine-wide sysctls such "
        + "as net.core.netdev_max_backlog and rmem_max, IRQ affinity, and everything without --sandbox. The originals "
        + "are kept in /run/rxbreak/tune-PID.json first and restored on exit, Ctrl-C or crash (a killed run's by "
        + "the next run).")
    boolean tuneHost;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write report.json to FILE.")
    Path json;

    @Mixin
    PipelineOptions pipeline;

    @Override
    public int order()
    {
        return 10;
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (System.getenv(IN_SANDBOX) == null && Privileges.isRoot() && TuneState.inHostNamespace())
        {
            // a ramp killed outright (SIGKILL) could not restore what --tune-host changed nor delete its sandbox:
            // the next one does, even one refused for its options
            TuneState.repairLeftovers(TuneState.DIRECTORY, HostFiles.LIVE, err);
            Sandbox.removeLeftovers(err);
        }
        final RampSettings settings = validate();
        pipeline.validate();
        if (sandbox && System.getenv(IN_SANDBOX) == null)
        {
            final List<String> args = new ArrayList<>(List.of("ramp"));
            args.addAll(withoutSandbox(spec.commandLine().getParseResult().originalArgs()));
            if (this.out == null)
            {
                args.add("--out");
                args.add(settings.runDirectory().toString());
            }
            return Sandbox.run(args, settings.sandboxSetup(), settings.tune(), settings.tuneHost(), err);
        }
        if (settings.topology() != null)
        {
            return new TopologyRun(settings, pipeline, out, err).call();
        }
        if (settings.tune() == null || System.getenv(IN_SANDBOX) != null)
        {
            return new RampRun(settings, pipeline, out, err, Sandbox.tuningFromEnvironment()).call();
        }
        final Tuner tuner = Tuner.apply(settings.tune(), null, HostFiles.LIVE, true, TuneState.of(TuneState.DIRECTORY),
            err);
        try
        {
            err.println("rxbreak ramp: " + Sandbox.describe(tuner.record()));
            return new RampRun(settings, pipeline, out, err, tuner.record()).call();
        }
        finally
        {
            tuner.restore(err);
        }
    }

    /**
     * Validate everything as {@link #call()} does before it starts anything, and start nothing: for a command that
     * runs ramps (a sweep) and checks each of them before the first starts.
     *
     * @throws BadInputException naming the option to change.
     * @throws IOException when a file the options name cannot be read.
     */
    public void check() throws IOException
    {
        validate();
        pipeline.validate();
    }

    /**
     * @return the run folder a ramp writes when {@code --out} is not given: {@code runs/<timestamp>}, relative to the
     *     current folder.
     */
    public static Path defaultRunDirectory()
    {
        return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private String token()
    {
        if (agentToken != null && !agentToken.isEmpty())
        {
            return agentToken;
        }
        final String fromEnvironment = System.getenv("RXBREAK_AGENT_TOKEN");
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    private static long rate(final String option, final String text)
    {
        try
        {
            return RateText.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(option, ex.getMessage());
        }
    }

    private static List<String> withoutSandbox(final List<String> args)
    {
        final List<String> kept = new ArrayList<>();
        boolean seenCommand = false;
        for (final String arg : args)
        {
            if (!seenCommand)
            {
                seenCommand = "ramp".equals(arg);
                continue;
            }
            if (!"--sandbox".equals(arg))
            {
                kept.add(arg);
            }
        }
        return kept;
    }

    RampSettings validate() throws IOException
    {
        final List<MulticastGroup> parsed = new ArrayList<>();
        final boolean observe = observePort != null || observePid != null || observeGroup != null;
        if (observeGroup != null)
        {
            if (!groups.isEmpty())
            {
                throw BadInputException.option("--observe-group", "give the group either with --group or with --observe-group, not both");
            }
            parsed.add(MulticastGroup.parse("--observe-group", observeGroup, false));
        }
        final ReplayPlan replayPlan = replayPlan();
        if (replayPlan != null && replayPlan.routing() != null)
        {
            if (!groups.isEmpty() || observeGroup != null)
            {
                throw BadInputException.option("--group", replay + " names its groups (" +
                    replayPlan.routing().groups().size() + "): send them elsewhere with --map, not --group");
            }
            parsed.addAll(replayPlan.routing().groups());
        }
        else
        {
            for (final String group : groups.isEmpty() && observeGroup == null ? List.of(DEFAULT_GROUP) : groups)
            {
                parsed.add(MulticastGroup.parse("--group", group, false));
            }
        }
        final Topology topology = topology(observe, replayPlan);
        for (final MulticastGroup group : topology == null ? parsed : List.<MulticastGroup>of())
        {
            // a topology's agents join on their own hosts' interfaces
            Interfaces.resolve("--interface", interfaceName, group);
        }
        if (sizeBytes < MessageHeader.LENGTH || sizeBytes > MessageHeader.MAX_MESSAGE_LENGTH)
        {
            throw BadInputException.option("--size", sizeBytes + " is out of range: use " + MessageHeader.LENGTH + "-" +
                MessageHeader.MAX_MESSAGE_LENGTH + " bytes (the header is " + MessageHeader.LENGTH + ")");
        }
        if (streams < 1)
        {
            throw BadInputException.option("--streams", "must be 1 or more");
        }
        if (sockets < 1)
        {
            throw BadInputException.option("--sockets", "must be 1 or more");
        }
        if (rcvbufBytes != null && rcvbufBytes <= 0)
        {
            throw BadInputException.option("--rcvbuf", "must be more than 0 bytes, like 8MiB");
        }
        if (observe)
        {
            if (receiverAgent != null || throttle != null || rcvbufBytes != null || sockets != 1 || shareSockets)
            {
                throw BadInputException.option("--observe-port", "observe mode has no rxbreak receiver: drop "
                    + "--receiver-agent, --throttle, --rcvbuf, --sockets and --share-sockets");
            }
            if (parsed.size() != 1)
            {
                throw BadInputException.option("--group", "observe mode takes exactly one group");
            }
            if (observePort != null && observePort != parsed.get(0).port())
            {
                throw BadInputException.option("--observe-port", observePort + " differs from the group's port " +
                    parsed.get(0).port() + ": the sender sends to the group");
            }
            if (observePid != null && ProcessHandle.of(observePid).isEmpty())
            {
                throw BadInputException.option("--observe-pid", "no process " + observePid);
            }
        }
        final PrometheusMetric observeLoss = observeLoss(observe);
        agentOptions(observe);
        checkPin(SENDER_AGENT_TLS_FINGERPRINT, senderAgentTlsFingerprint, "--sender-agent", senderAgent);
        checkPin(RECEIVER_AGENT_TLS_FINGERPRINT, receiverAgentTlsFingerprint, "--receiver-agent", receiverAgent);
        if (calibrate && (senderAgent != null || receiverAgent != null))
        {
            throw BadInputException.option("--calibrate", "it measures this host with local agents: drop it, or "
                + "--sender-agent and --receiver-agent");
        }
        // read as the sender and the receiver will read them, before anything starts
        final PatternSpec patternSpec = PatternSpec.parse(pattern);
        if (patternSpec.isReplay())
        {
            throw BadInputException.option(PatternSpec.OPTION, "a ramp replays a feed with --replay " +
                patternSpec.file() + ", which ramps its speed");
        }
        if (patternSpec.setsOwnRate())
        {
            throw BadInputException.option(PatternSpec.OPTION, "'" + pattern + "' sets its own rate, and a ramp sets "
                + "the rate of every trial: send it with 'rxbreak send --pattern " + pattern + "'");
        }
        if (throttle != null)
        {
            ThrottleSpec.parse(throttle);
        }
        final Long verify = verifyRate(replayPlan);
        final long start = verify != null ? verify : replayPlan != null ?
            replayPlan.rateOf(PatternSpec.parseSpeed("--start-speed", startSpeed == null ? "1" : startSpeed)) :
            rate(RampConfig.START_RATE, startRate);
        final long max = replayPlan != null ?
            replayPlan.rateOf(PatternSpec.parseSpeed("--max-speed", maxSpeed == null ? DEFAULT_MAX_SPEED : maxSpeed)) :
            rate(RampConfig.MAX_RATE, maxRate);
        if (replayPlan != null && verify == null && max < start)
        {
            throw BadInputException.option("--max-speed", maxSpeed + " is below --start-speed " + startSpeed);
        }
        final RampConfig config = RampConfig.builder()
            .startRate(start)
            .step(step)
            .maxRate(verify != null ? Math.max(max, start) : max)
            .verifyRate(verify)
            .precision(RampConfig.parseRatio(RampConfig.PRECISION, precision))
            .trialDurationNs(durationNs)
            .warmUpNs(warmUpNs)
            .drainBoundNs(drainNs)
            .confirmDurationNs(confirmDurationNs)
            .confirmTrialDurationNs(confirmTrialDurationNs)
            .pdrRatio(pdr == null ? null : RampConfig.parseRatio(RampConfig.PDR, pdr))
            .tolerance(RampConfig.parseRatio(RampConfig.TOLERANCE, tolerance))
            .maxInvalidRetries(maxInvalidRetries)
            .maxTrials(maxTrials)
            .maxSenderLagNs(maxSenderLagNs)
            .maxBacklogGrowth("off".equalsIgnoreCase(maxBacklogGrowth) ? null
                : RampConfig.parseRatio(RampConfig.MAX_BACKLOG_GROWTH, maxBacklogGrowth))
            .build();
        final SandboxSetup sandboxSetup = sandboxSetup();
        final TuningPlan tuningPlan = tuningPlan();
        final Path runDirectory = this.out != null ? this.out : defaultRunDirectory();
        final String unwritable = RunFolderWriter.whyNotWritable(runDirectory);
        if (unwritable != null)
        {
            throw BadInputException.option("--out", unwritable);
        }
        final int datagramBytes = replayPlan != null ? replayPlan.largestDatagram() : (int)sizeBytes;
        return new RampSettings(config, parsed, datagramBytes, pattern, streams, interfaceName, throttle, rcvbufBytes,
            rcvbufForce, sockets, shareSockets, senderAgent, receiverAgent, token(), senderAgentTlsFingerprint,
            receiverAgentTlsFingerprint, observe,
            observePid == null ? 0 : observePid, runDirectory, json, warmUpTrial, senderIdle, System.getenv(IN_SANDBOX),
            spec.commandLine().getParseResult().originalArgs(), cpus(Placement.SENDER_CPUS, senderCpus),
            cpus(Placement.RECEIVER_CPUS, receiverCpus), cpus(Placement.CONTROLLER_CPUS, controllerCpus), calibrate,
            replayPlan, sandboxSetup, tuningPlan, tuneHost, observeLoss, busyPollUs, gso, topology);
    }

    /**
     * @return the topology file, read and checked; null without {@code --topology}. Refused beside the options that
     *     set one sender or receiver, which the file sets per agent.
     */
    private Topology topology(final boolean observe, final ReplayPlan replayPlan) throws IOException
    {
        if (topologyFile == null)
        {
            return null;
        }
        final String conflict = observe ? "--observe-port/--observe-pid/--observe-group" : senderAgent != null ?
            "--sender-agent" : receiverAgent != null ? "--receiver-agent" : replayPlan != null ? "--replay" : calibrate ?
            "--calibrate" : sandbox ? "--sandbox" : throttle != null ? "--throttle" : rcvbufBytes != null ? "--rcvbuf" :
            rcvbufForce ? "--rcvbuf-force" : sockets != 1 ? "--sockets" : shareSockets ? "--share-sockets" :
            busyPollUs != null ? "--busy-poll" : gso != null ? GsoSetting.OPTION : tune != null ? TuneFile.OPTION :
            senderCpus != null ? Placement.SENDER_CPUS : receiverCpus != null ? Placement.RECEIVER_CPUS : null;
        if (conflict != null)
        {
            throw BadInputException.option(TopologyReader.OPTION, "drop " + conflict + ": with a topology each agent "
                + "is set in the file (throttle, rcvbuf, sockets, groups, interface per agent)");
        }
        return TopologyReader.read(topologyFile);
    }

    /**
     * @param option the pin's option.
     * @param fingerprint the pin, or null.
     * @param urlOption the option of the agent's URL.
     * @param url the agent's URL, or null.
     */
    private static void checkPin(final String option, final String fingerprint, final String urlOption,
        final String url)
    {
        if (fingerprint == null)
        {
            return;
        }
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("https://"))
        {
            throw BadInputException.option(option, "pins the certificate of an agent reached over TLS: give " +
                urlOption + " https://HOST:PORT too");
        }
        try
        {
            TlsFingerprint.parse(fingerprint);
        }
        catch (final IllegalArgumentException ex)
        {
            throw BadInputException.option(option, ex.getMessage());
        }
    }

    /**
     * Check the options the ramp hands to the agents it starts: they do not reach an agent it does not start.
     */
    private void agentOptions(final boolean observe)
    {
        if (busyPollUs != null && busyPollUs < 0)
        {
            throw BadInputException.option("--busy-poll", "must be 0 (off) or more microseconds, not " + busyPollUs);
        }
        if (busyPollUs != null && (receiverAgent != null || observe))
        {
            throw BadInputException.option("--busy-poll", "sets the receiver this ramp starts; " + (observe ?
                "observe mode has none" : "a remote receiver agent (--receiver-agent) takes it when it starts"));
        }
        if (gso != null)
        {
            GsoSetting.parse(gso);
            if (senderAgent != null)
            {
                throw BadInputException.option(GsoSetting.OPTION, "sets the sender this ramp starts; a remote sender "
                    + "agent (--sender-agent) takes it when it starts");
            }
        }
    }

    /**
     * @return the tuning file, read and checked for its form; null without {@code --tune}. Refused when it could
     *     change the host without {@code --tune-host}, or {@code --tune-host} is given but cannot be honoured.
     */
    private TuningPlan tuningPlan()
    {
        if (System.getenv(IN_SANDBOX) != null)
        {
            // applied by the sandbox's parent, which passes what it applied; the option stays for the report
            return null;
        }
        if (tune == null)
        {
            if (tuneHost)
            {
                throw BadInputException.option(TuneFile.HOST_OPTION, "only with --tune FILE");
            }
            return null;
        }
        if (!sandbox && !tuneHost)
        {
            throw BadInputException.option(TuneFile.OPTION, "without --sandbox the file would change the host: add "
                + "--sandbox (root) to apply it inside a private namespace, or " + TuneFile.HOST_OPTION
                + " (root) to apply it to the host and restore it afterwards");
        }
        if (tuneHost && !Privileges.isRoot())
        {
            throw BadInputException.option(TuneFile.HOST_OPTION, "needs root to change the host's settings; run as "
                + "root, or drop it (with --sandbox the file's per-namespace settings apply inside the sandbox)");
        }
        if (tuneHost && !TuneState.inHostNamespace())
        {
            throw BadInputException.option(TuneFile.HOST_OPTION, "this process is not in the host's network "
                + "namespace, so its network settings are not the host's: run it from the host");
        }
        return TuneFile.read(tune);
    }

    /**
     * @param observe whether this is observe mode.
     * @return the application's loss counter, read once to check it, or null when not given.
     */
    private PrometheusMetric observeLoss(final boolean observe)
    {
        if ((observeLossUrl == null) != (observeLossMetric == null))
        {
            throw BadInputException.option(observeLossUrl == null ? "--observe-loss-url" : "--observe-loss-metric",
                "is needed too: --observe-loss-url and --observe-loss-metric go together");
        }
        if (observeLossUrl == null)
        {
            return null;
        }
        if (!observe)
        {
            throw BadInputException.option("--observe-loss-url", "is for observe mode (--observe-port, --observe-pid "
                + "or --observe-group): rxbreak's own receiver counts its loss itself");
        }
        if (!"http".equals(observeLossUrl.getScheme()) && !"https".equals(observeLossUrl.getScheme()))
        {
            throw BadInputException.option("--observe-loss-url", "must be an http:// or https:// URL, not "
                + observeLossUrl);
        }
        final PrometheusMetric metric = new PrometheusMetric(observeLossUrl, observeLossMetric);
        try
        {
            metric.counter(java.time.Duration.ofSeconds(2)).scrape();
        }
        catch (final IOException ex)
        {
            throw BadInputException.option("--observe-loss-url", "could not read " + observeLossMetric + ": "
                + ex.getMessage());
        }
        return metric;
    }

    /**
     * @return what the sandbox sets inside its namespace; refused without {@code --sandbox} (inside the sandbox the
     *     options stay on the command line, already applied, so that the report keeps them).
     */
    private SandboxSetup sandboxSetup()
    {
        if (!sandbox && System.getenv(IN_SANDBOX) == null)
        {
            for (final String option : List.of(SandboxSetup.SYSCTL_OPTION, SandboxSetup.RPS_OPTION))
            {
                if (spec.commandLine().getParseResult().hasMatchedOption(option))
                {
                    throw BadInputException.option(option, "only with --sandbox: it sets the sandbox's own network "
                        + "namespace, and rxbreak never changes the host's");
                }
            }
        }
        return SandboxSetup.parse(sandboxSysctls, sandboxRps);
    }

    /**
     * @return the feed {@code --replay} names, read, mapped and profiled; null without {@code --replay} (whose own
     *     options are refused then).
     * @throws BadInputException naming the file (its byte or line) or the option to change.
     */
    private ReplayPlan replayPlan()
    {
        final CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (replay == null)
        {
            for (final String option : List.of("--map", "--loop", "--start-speed", "--max-speed", "--verify-speed"))
            {
                if (given.hasMatchedOption(option))
                {
                    throw BadInputException.option(option, "only with --replay FILE");
                }
            }
            return null;
        }
        for (final String option : List.of(RampConfig.START_RATE, RampConfig.MAX_RATE, "--size", "--streams",
            PatternSpec.OPTION))
        {
            if (given.hasMatchedOption(option))
            {
                throw BadInputException.option(option, "not used with --replay: " + (option.equals("--size") ?
                    "the feed's sizes are sent as recorded" : option.equals("--streams") ? "a replay sends one stream " +
                    "per group, as recorded" : option.equals(PatternSpec.OPTION) ? "the feed is the pattern" :
                    "the ramp's variable is the speed; use --start-speed and --max-speed"));
            }
        }
        if (loop != null && loop < 1)
        {
            throw BadInputException.option("--loop", "must be at least 1, not " + loop);
        }
        final Feed feed = Feed.read(Path.of(replay));
        final FeedRouting routing = FeedRouting.resolve(feed, map, Interfaces.isHostOnly(interfaceName));
        final FeedProfile profile = FeedProfile.of(feed);
        if (!(profile.meanRatePerSecond() > 0))
        {
            throw BadInputException.option("--replay", replay + ": its " + feed.size() + " messages span no time, so it " +
                "has no rate to ramp; give a feed whose messages have different offsets");
        }
        return new ReplayPlan(replay, feed, routing, profile, List.copyOf(map), loop);
    }

    /**
     * @return the verify gate's rate ({@code --verify-rate}, or {@code --verify-speed} times the feed), or null.
     */
    private Long verifyRate(final ReplayPlan replayPlan)
    {
        if (verifyRate != null && verifySpeed != null)
        {
            throw BadInputException.option("--verify-speed", "give either --verify-rate or --verify-speed, not both");
        }
        if (verifyRate == null && verifySpeed == null)
        {
            return null;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--baseline"))
        {
            throw BadInputException.option("--baseline", "a verify gate has no break point to compare: drop --baseline, " +
                "or the verify option");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--pdr"))
        {
            throw BadInputException.option("--pdr", "a verify gate checks that nothing is lost at its rate: drop --pdr");
        }
        if (verifySpeed != null)
        {
            return replayPlan.rateOf(PatternSpec.parseSpeed("--verify-speed", verifySpeed));
        }
        return rate(RampConfig.VERIFY_RATE, verifyRate);
    }

    private static CpuSet cpus(final String option, final String list)
    {
        if (list == null)
        {
            return null;
        }
        final CpuSet cpus = CpuSet.parse(list, option);
        final CpuSet online = CpuSet.online();
        if (!cpus.isSubsetOf(online))
        {
            throw BadInputException.option(option, cpus + " names CPUs that are not online (online: " + online + ")");
        }
        return cpus;
    }
}
