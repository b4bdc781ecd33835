package io.rxbreak.sender;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.RxbreakCommand;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.ByteSizeConverter;
import io.rxbreak.core.config.DurationConverter;
import io.rxbreak.core.config.GsoSetting;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.os.JvmQuiet;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.PatternSpec;
import io.rxbreak.core.protocol.SenderSnapshot;
import io.rxbreak.core.protocol.SenderTrialReport;

/**
 * {@code rxbreak send}: a thin wrapper over {@link Sender}: validate the options into a {@link SenderConfig} and a
 * {@link TrialPlan}, run one trial, print its statistics every interval and its result. SIGINT and SIGTERM stop
 * the trial cleanly: the end markers still go out and the final statistics are printed.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Sends rxbreak messages to multicast groups at an exact rate, and says so when it cannot keep up "
            + "(sender-limited, exit code 4).",
        "Host-only by default: egress on loopback with multicast TTL 0, so nothing leaves the host; another "
            + "interface only when named with --interface (TTL 1 there unless --ttl)."
    })
public final class SendCommand implements Callable<Integer>, RxbreakCommand
{
    private static final long HOOK_WAIT_MS = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--group", paramLabel = "ADDR:PORT",
        description = "Destination group, like 239.1.1.1:5000 or [ff15::1]:5000; repeatable; required unless a "
            + "replayed feed names its groups. Only multicast (224.0.0.0/4, ff00::/8) unless --allow-unicast.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--streams", paramLabel = "N", defaultValue = SenderConfig.Defaults.STREAMS,
        description = "Streams per group, each with its own sequence (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", converter = ByteSizeConverter.class,
        description = "Datagram length, header included: 32 to 65507 (default: ${DEFAULT-VALUE}). A warning says "
            + "when it exceeds the interface's MTU (it fragments).")
    long sizeBytes;

    @Option(names = "--rate", paramLabel = "N|max",
        description = "Messages per second in TOTAL across all groups and streams (like 100000, 250k, 1M), or max. "
            + "Default 10000 for the constant and onoff patterns; burst, steps and replay set their own.")
    String rate;

    @Option(names = "--pattern", paramLabel = "PATTERN",
        description = "constant (default); burst:N/PERIOD (N back to back every PERIOD); onoff:ON/OFF (--rate "
            + "during ON, silence during OFF); steps:RATE@DURATION,... ; replay:FILE (a pcap, pcapng or CSV feed "
            + "at its recorded offsets, sizes and groups; see docs/feed.md; playback:FILE is the same).")
    String pattern;

    @Option(names = "--speed", paramLabel = "F",
        description = "With replay: play the feed F times as fast (every offset divided by F), like 2 or 2.5 "
            + "(default: 1).")
    String speed;

    @Option(names = "--map", paramLabel = "FROM=TO",
        description = "With replay: send a recorded group to a test group, like 233.54.12.1:26477=239.255.0.1:5000 "
            + "or 233.54.12.1=239.255.0.1 (port kept); repeatable. Unmapped multicast groups are kept on a host-only "
            + "interface; on a named interface every group needs a mapping, or --map keep.")
    List<String> map = new ArrayList<>();

    @Option(names = "--loop", paramLabel = "N",
        description = "With replay: play the feed N times back to back (default: once, or for --duration when "
            + "given).")
    Long loop;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "How long to send after the warm-up, like 10s.")
    Long durationNs;

    @Option(names = "--count", paramLabel = "N", description = "How many messages to send after the warm-up.")
    Long count;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0",
        description = "Send for this long first, flagging the messages warm-up (default: none).")
    long warmupNs;

    @Option(names = "--interface", paramLabel = "NAME",
        description = "Egress interface (IP_MULTICAST_IF). Default lo: nothing leaves the host.")
    String interfaceName;

    @Option(names = "--ttl", paramLabel = "N",
        description = "Multicast TTL / IPv6 hop limit, set and read back. Default 0 on lo, 1 on another interface.")
    Integer ttl;

    @Option(names = "--allow-unicast", description = "Accept a unicast destination (the socket is then bound to "
        + "the interface).")
    boolean allowUnicast;

    @Option(names = GsoSetting.OPTION, paramLabel = "auto|off|N", defaultValue = SenderConfig.Defaults.GSO,
        description = "UDP GSO: one send carries up to N datagrams (2-64), each with its own header. auto (default) "
            + "uses it where the kernel supports it.")
    String gso;

    @Option(names = "--idle", paramLabel = "MODE", defaultValue = SenderConfig.Defaults.IDLE,
        description = "While waiting for the next message: spin, yield, sleep (until due, to the microsecond: for a "
            + "CPU shared with others) or park (on the event loop's timer); auto (default) spins from 10000 msg/s and "
            + "parks below.")
    IdleMode idle;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "0",
        description = "At most N due messages per batch (written and flushed together: sendmmsg). Default: 1024, "
            + "fewer for large datagrams.")
    int batch;

    @Option(names = "--send-path", paramLabel = "auto|netty", defaultValue = SenderConfig.Defaults.SEND_PATH,
        description = "How a replay's messages (each to its own group) and the end markers go out: auto (default) "
            + "calls sendmmsg on the socket directly, allocating nothing, where it can; netty writes them through "
            + "Netty (about 45 B allocated a message).")
    SenderConfig.SendPath sendPath;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = SenderConfig.Defaults.MAX_LAG, converter = DurationConverter.class,
        description = "A trial still this far behind its schedule at the end is sender-limited (default: "
            + "${DEFAULT-VALUE}); so is one that sent over 0.5 %% less than was due.")
    long maxLagNs;

    @Option(names = "--sndbuf", paramLabel = "BYTES", defaultValue = "0", converter = ByteSizeConverter.class,
        description = "SO_SNDBUF to ask for (default: the system's).")
    long sndbufBytes;

    @Option(names = "--trial-id", paramLabel = "N", defaultValue = "1",
        description = "Trial id written in every header (default: ${DEFAULT-VALUE}).")
    int trialId;

    @Option(names = "--end-markers", paramLabel = "N", defaultValue = "5",
        description = "Send the end-of-trial marker N times on every stream, 1 ms apart; 0 sends none, for a receiver "
            + "that is not rxbreak's (default: ${DEFAULT-VALUE}).")
    int endMarkers;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
        description = "Statistics every DURATION (default: ${DEFAULT-VALUE}).")
    long intervalNs;

    @Option(names = "--json", description = "Print JSON lines: a start object, one \"type\":\"interval\" object "
        + "per interval and a final \"type\":\"result\" object.")
    boolean json;

    @Option(names = "--quiet", description = "No interval statistics; only the start line and the result.")
    boolean quiet;

    @Mixin
    AgentOptions agentOptions;

    @Override
    public int order()
    {
        return 20;
    }

    @Override
    public Integer call() throws Exception
    {
        final ReplayFeed replay = replay();
        final SenderConfig config = config(replay);
        if (agentOptions.enabled())
        {
            agentOptions.validate();
            final String warmup = SendPathWarmup.run(config);
            if (warmup != null)
            {
                spec.commandLine().getErr().println("rxbreak send: " + warmup);
            }
            try (Sender sender = Sender.open(config, io.rxbreak.core.time.NanoClock.SYSTEM,
                new SnmpSndbufErrors(SnmpSndbufErrors.PROC_NET_SNMP)))
            {
                return SenderAgent.run(sender, replay, agentOptions, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            }
        }
        final TrialPlan plan = plan(replay);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        // as an agent does before its first trial: the send path compiled, the JIT and collector idle, so that the
        // first messages go out on time rather than in one burst after a compiler stall
        final String warmup = SendPathWarmup.run(config);
        if (warmup != null)
        {
            err.println("rxbreak send: " + warmup);
        }
        JvmQuiet.beforeTrial();
        final CountDownLatch printed = new CountDownLatch(1);
        final Sender sender = Sender.open(config, io.rxbreak.core.time.NanoClock.SYSTEM,
            new SnmpSndbufErrors(SnmpSndbufErrors.PROC_NET_SNMP));
        Thread hook = null;
        try
        {
            final Trial trial = sender.startTrial(plan);
            final Thread stopHook = new Thread(() -> onSignal(trial, printed), "rxbreak-send-stop");
            Runtime.getRuntime().addShutdownHook(stopHook);
            hook = stopHook;
            for (final String note : trial.notes())
            {
                err.println("send: " + note);
            }
            err.flush();
            if (json)
            {
                out.println(Json.MAPPER.writeValueAsString(SendReportFormatter.startJson(sender.setup(), trial)));
            }
            else
            {
                out.println(SendReportFormatter.startLine(sender.setup(), trial));
                if (!quiet)
                {
                    out.println(SendReportFormatter.INTERVAL_HEADER);
                }
            }
            out.flush();
            final SenderTrialReport result = report(trial, out);
            printResult(result, out);
            if ("stopped".equals(result.stopReason()))
            {
                return ExitCodes.INTERRUPTED;
            }
            return result.senderLimited() ? ExitCodes.NO_VALID_TRIAL : ExitCodes.OK;
        }
        finally
        {
            sender.close();
            printed.countDown();
            removeHook(hook);
        }
    }

    /**
     * @return the feed {@code --pattern replay:FILE} names, read and mapped, or null for another pattern; the
     *     replay options are checked either way.
     */
    private ReplayFeed replay()
    {
        final PatternSpec spec = PatternSpec.parse(pattern);
        if (!spec.isReplay())
        {
            if (speed != null || !map.isEmpty() || loop != null)
            {
                throw BadInputException.option(speed != null ? PatternSpec.SPEED_OPTION : loop != null ? "--loop" : "--map",
                    "only with --pattern replay:FILE");
            }
            if (groups.isEmpty())
            {
                throw BadInputException.option("--group", "at least one group is required, like 239.1.1.1:5000");
            }
            return null;
        }
        if (speed != null)
        {
            PatternSpec.parseSpeed(PatternSpec.SPEED_OPTION, speed);
        }
        if (loop != null && loop < 1)
        {
            throw BadInputException.option("--loop", "must be at least 1, not " + loop);
        }
        if (rate != null)
        {
            throw BadInputException.option(PatternSpec.RATE_OPTION, "not used with a replay, which keeps its feed's " +
                "timeline; use --speed to play it faster");
        }
        final ReplayFeed replay = ReplayFeed.load(spec.file(), map, Interfaces.isHostOnly(interfaceName));
        if (replay.routing() != null)
        {
            if (!groups.isEmpty())
            {
                throw BadInputException.option("--group", spec.file() + " names its groups (" +
                    replay.routing().groups().size() + "): send them elsewhere with --map, not --group");
            }
            if (streams != 1)
            {
                throw BadInputException.option("--streams", "a replay sends one stream per group, as recorded");
            }
        }
        else if (groups.isEmpty())
        {
            throw BadInputException.option("--group", spec.file() + " names no groups: give at least one --group");
        }
        return replay;
    }

    private SenderConfig config(final ReplayFeed replay)
    {
        return SenderConfig.builder()
            .groups(replay != null && replay.routing() != null ? replay.groups() : groups)
            .allowUnicast(allowUnicast)
            .streamsPerGroup(streams)
            .interfaceName(interfaceName)
            .ttl(ttl)
            .gso(gso)
            .idleMode(idle)
            .maxBatchMessages(batch)
            .sendPath(sendPath)
            .maxLagNs(maxLagNs)
            .sndbufBytes(sndbufBytes)
            .build();
    }

    private TrialPlan plan(final ReplayFeed replay)
    {
        if (count != null && count < 1)
        {
            throw BadInputException.option("--count", "must be at least 1, not " + count);
        }
        if (durationNs != null && durationNs <= 0)
        {
            throw BadInputException.option("--duration", "must be more than 0");
        }
        if (intervalNs <= 0)
        {
            throw BadInputException.option("--interval", "must be more than 0");
        }
        final TrialPlan.Builder builder = TrialPlan.builder().trialId(trialId);
        if (replay != null)
        {
            final long loops = loop != null ? loop : count != null || durationNs != null ? Long.MAX_VALUE : 1;
            builder.schedule(replay.schedule(speed == null ? 1 : PatternSpec.parseSpeed(PatternSpec.SPEED_OPTION, speed),
                loops, warmupNs));
        }
        else
        {
            builder.pattern(pattern).rate(rate);
        }
        return builder
            .sizeBytes(sizeBytes)
            .count(count == null ? 0 : count)
            .durationNs(durationNs == null ? 0 : durationNs)
            .warmupNs(warmupNs)
            .endMarkers(endMarkers)
            .build();
    }

    private SenderTrialReport report(final Trial trial, final PrintWriter out) throws Exception
    {
        final double target = trial.plan().schedule().targetRatePerSecond();
        SenderSnapshot previous = trial.snapshot();
        long nextNs = System.nanoTime() + intervalNs;
        while (true)
        {
            try
            {
                return trial.result().get(Math.max(0, nextNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException ex)
            {
                nextNs += intervalNs;
                final SenderSnapshot now = trial.snapshot();
                if (!quiet)
                {
                    out.println(json ? Json.MAPPER.writeValueAsString(SendReportFormatter.intervalJson(previous, now)) :
                        SendReportFormatter.intervalLine(previous, now, target));
                    out.flush();
                }
                previous = now;
            }
            catch (final ExecutionException ex)
            {
                throw ex.getCause() instanceof Exception ? (Exception)ex.getCause() : ex;
            }
        }
    }

    private void printResult(final SenderTrialReport result, final PrintWriter out) throws JsonProcessingException
    {
        if (json)
        {
            final ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("type", "result");
            node.setAll((ObjectNode)Json.MAPPER.valueToTree(result));
            out.println(Json.MAPPER.writeValueAsString(node));
        }
        else
        {
            out.println(SendReportFormatter.resultText(result));
        }
        out.flush();
    }

    /**
     * SIGINT or SIGTERM: stop the trial and let the command print the final statistics before the JVM exits.
     */
    private static void onSignal(final Trial trial, final CountDownLatch printed)
    {
        trial.stop();
        try
        {
            printed.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(final Thread hook)
    {
        if (hook == null)
        {
            return;
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // the JVM is shutting down because of a signal: the hook is running and ends now that we printed
        }
    }
}
