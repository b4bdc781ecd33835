package io.rxbreak.receiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.accounting.LatencyLog;
import io.rxbreak.receiver.agent.ReceiverAgent;

/**
 * {@code rxbreak receive}: a thin command around {@link Receiver}. Prints the set-up, one line per interval and a
 * final summary (or, with {@code --json}, the final result as one JSON object on stdout and the rest on stderr).
 * Reads commands on stdin while it runs: {@code throttle SPEC}, {@code trial ID}, {@code stop}.
 */
@Command(
    name = "receive",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Receives rxbreak multicast messages as fast as the kernel lets it (Netty epoll, recvmmsg), or slowed on "
            + "purpose by a throttle, and accounts every message: received, unique, gaps, duplicates, out of "
            + "order, the sockets' kernel drops, application drops, one-way latency.",
        "While it runs, stdin takes: 'throttle SPEC' (change the throttle), 'trial ID' (start a new trial), 'stop'."
    })
public final class ReceiveCommand implements java.util.concurrent.Callable<Integer>, RxbreakCommand
{
    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions agentOptions;

    @Option(names = "--group", paramLabel = "ADDR:PORT", required = true,
        description = "A multicast group to join; repeatable. Each socket binds to the group's address and port.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = Interfaces.LOOPBACK,
        description = "The interface to join on (default: ${DEFAULT-VALUE}, host-only).")
    String interfaceName;

    @Option(names = "--sockets", paramLabel = "N", defaultValue = ReceiverConfig.Defaults.SOCKETS,
        description = "Sockets per group; each gets its own copy of every message (default: ${DEFAULT-VALUE}).")
    int socketsPerGroup;

    @Option(names = "--share-sockets", description = "One socket per port (times --sockets) joined to every group "
        + "on that port, instead of one per group: for feeds of tens to hundreds of groups (each socket has a reading "
        + "thread). Each group's streams are still counted on their own; the drops are counted per socket.")
    boolean shareSockets;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", converter = ByteSizeConverter.class,
        description = "SO_RCVBUF to ask for, like 8MiB; requested and granted are reported.")
    Long rcvbufBytes;

    @Option(names = "--rcvbuf-force",
        description = "Use SO_RCVBUFFORCE (needs CAP_NET_ADMIN; ignores net.core.rmem_max).")
    boolean rcvbufForce;

    @Option(names = "--busy-poll", paramLabel = "USEC", defaultValue = "0",
        description = "SO_BUSY_POLL in microseconds (default: off).")
    int busyPollUs;

    @Option(names = "--reader-cpus", paramLabel = "LIST",
        description = "Run the reading threads on these CPUs (a CPU list like 1 or 2-3) and every other thread of "
            + "the receiver (JIT compilers, garbage collector, reports, the agent's control plane) on the others, "
            + "so that nothing of the receiver's own competes with its reads (default: where the process runs).")
    String readerCpus;

    @Option(names = "--transport", paramLabel = "recvmmsg|epoll|io_uring", defaultValue = ReceiverConfig.Defaults.TRANSPORT,
        description = "How the sockets are read: recvmmsg into one reused buffer on a thread per socket, no object "
            + "per datagram (default: ${DEFAULT-VALUE}); epoll or io_uring: Netty's read path (io_uring falls back to "
            + "epoll when unavailable).")
    String transport;

    @Option(names = "--throttle", paramLabel = "SPEC", defaultValue = ReceiverConfig.Defaults.THROTTLE,
        description = "none | cost:DURATION[:fixed|uniform|exponential] | rate:N | stall:PAUSE/PERIOD[:random] | "
            + "queue:CAPACITY:COST:drop|block (default: ${DEFAULT-VALUE}).")
    String throttle;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Stop after this long, like 30s.")
    Long durationNs;

    @Option(names = "--until-end",
        description = "Stop once every stream seen has sent its end-of-trial marker, after --drain.")
    boolean untilEnd;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = ReceiverConfig.Defaults.DRAIN,
        description = "With --until-end: how long to keep reading after the last stream ended (default: "
            + "${DEFAULT-VALUE}).")
    long drainNs;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
        defaultValue = ReceiverConfig.Defaults.INTERVAL,
        description = "Report interval (default: ${DEFAULT-VALUE}).")
    long intervalNs;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write interval latency histograms to FILE.")
    Path hlog;

    @Option(names = "--json", description = "Print the final result as one JSON object on stdout; the rest on stderr.")
    boolean json;

    @Option(names = "--max-message-size", paramLabel = "BYTES", converter = ByteSizeConverter.class,
        defaultValue = "" + MessageHeader.DEFAULT_MAX_MESSAGE_LENGTH,
        description = "The largest datagram read whole (default: ${DEFAULT-VALUE}).")
    long maxMessageBytes;

    @Option(names = "--batch", paramLabel = "N", defaultValue = ReceiverConfig.Defaults.BATCH,
        description = "Datagrams per recvmmsg call (default: ${DEFAULT-VALUE}).")
    int batch;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean signalled;

    @Override
    public int order()
    {
        return 20;
    }

    @Override
    public Integer call() throws Exception
    {
        final ReceiverConfig config = config();
        if (agentOptions.enabled())
        {
            agentOptions.validate();
            try (Receiver receiver = Receiver.open(config))
            {
                return ReceiverAgent.run(receiver, agentOptions, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter human = json ? spec.commandLine().getErr() : out;
        final Receiver receiver = Receiver.open(config);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            signalled = true;
            spec.commandLine().getErr().println("rxbreak receive: stopping on a signal");
            spec.commandLine().getErr().flush();
            stopRequested.countDown();
            awaitQuietly(finished);
        }, "rxbreak-receive-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LatencyLog latencyLog = null;
        try
        {
            ResultFormatter.printSetup(human, receiver);
            if (config.hlog() != null)
            {
                latencyLog = new LatencyLog(config.hlog(), System.currentTimeMillis());
            }
            startStdinReader(receiver, human);
            run(receiver, config, human, latencyLog);
            receiver.close();
            if (latencyLog != null)
            {
                latencyLog.writeInterval(receiver, System.currentTimeMillis());
            }
            final ReceiverTrialReport result = receiver.snapshot();
            if (json)
            {
                ResultFormatter.printSummary(human, result);
                out.println(Json.toLine(result));
            }
            else
            {
                ResultFormatter.printSummary(out, result);
            }
            for (final String problem : receiver.closeProblems())
            {
                spec.commandLine().getErr().println("rxbreak receive: " + problem);
            }
            out.flush();
            human.flush();
            return signalled ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
        finally
        {
            receiver.close();
            if (latencyLog != null)
            {
                latencyLog.close();
            }
            finished.countDown();
            if (!signalled)
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private void run(final Receiver receiver, final ReceiverConfig config, final PrintWriter human,
        final LatencyLog latencyLog) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        long nextReportNs = startNs + config.reportIntervalNs();
        long endedAtNs = 0;
        ReceiverTrialReport before = null;
        long beforeNs = startNs;
        while (true)
        {
            final long nowNs = System.nanoTime();
            if (config.durationNs() > 0 && nowNs - startNs >= config.durationNs())
            {
                return;
            }
            if (config.untilEnd() && receiver.allStreamsEnded())
            {
                if (endedAtNs == 0)
                {
                    endedAtNs = nowNs;
                }
                if (nowNs - endedAtNs >= config.drainNs())
                {
                    return;
                }
            }
            if (nowNs - nextReportNs >= 0)
            {
                if (latencyLog != null)
                {
                    latencyLog.writeInterval(receiver, System.currentTimeMillis());
                }
                final ReceiverTrialReport now = receiver.snapshot();
                final boolean sameTrial = before != null && java.util.Objects.equals(before.trialId(), now.trialId());
                ResultFormatter.printInterval(human, (nowNs - startNs) / 1e9, now, sameTrial ? before : null,
                    (nowNs - beforeNs) / 1e9);
                before = now;
                beforeNs = nowNs;
                nextReportNs += config.reportIntervalNs();
            }
            if (stopRequested.await(Math.min(10_000_000L, Math.max(0, nextReportNs - System.nanoTime())),
                TimeUnit.NANOSECONDS))
            {
                return;
            }
        }
    }

    private void startStdinReader(final Receiver receiver, final PrintWriter human)
    {
        final InputStream in = System.in;
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    onCommand(receiver, human, line.trim());
                }
            }
            catch (final IOException ex)
            {
                human.println("stdin: " + ex.getMessage() + "; stdin commands are off");
                human.flush();
            }
        }, "rxbreak-receive-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private void onCommand(final Receiver receiver, final PrintWriter human, final String line)
    {
        final String[] words = line.split("\\s+", 2);
        try
        {
            switch (words[0].toLowerCase(Locale.ROOT))
            {
                case "":
                    return;
                case "throttle":
                    receiver.setThrottle(ThrottleSpec.parse("throttle", words.length > 1 ? words[1] : ""));
                    human.println("throttle now " + receiver.throttle());
                    break;
                case "trial":
                    receiver.startTrial(Integer.parseInt(words.length > 1 ? words[1].trim() : ""));
                    human.println("trial " + words[1].trim() + " started");
                    break;
                case "stop":
                    human.println("stopping");
                    stopRequested.countDown();
                    break;
                default:
                    human.println("unknown command '" + line + "': throttle SPEC | trial ID | stop");
            }
        }
        catch (final BadInputException | NumberFormatException ex)
        {
            human.println("rejected '" + line + "': " + ex.getMessage());
        }
        human.flush();
    }

    private ReceiverConfig config()
    {
        final ReceiverConfig.Builder builder = ReceiverConfig.builder();
        for (final String group : groups)
        {
            builder.group(MulticastGroup.parse("--group", group, false));
        }
        builder.interfaceName(interfaceName).socketsPerGroup(socketsPerGroup).shareSockets(shareSockets).rcvbufForce(rcvbufForce)
            .busyPollUs(busyPollUs).throttle(ThrottleSpec.parse("--throttle", throttle)).untilEnd(untilEnd)
            .drainNs(drainNs).reportIntervalNs(intervalNs).hlog(hlog).batch(batch)
            .readerCpus(readerCpus == null ? null : CpuSet.parse(readerCpus, "--reader-cpus"));
        if (rcvbufBytes != null)
        {
            builder.rcvbufBytes(rcvbufBytes);
        }
        if (durationNs != null)
        {
            if (durationNs <= 0)
            {
                throw BadInputException.option("--duration", "must be > 0");
            }
            builder.durationNs(durationNs);
        }
        if (maxMessageBytes > Integer.MAX_VALUE)
        {
            throw BadInputException.option("--max-message-size", "too large");
        }
        builder.maxMessageBytes((int)maxMessageBytes);
        return builder.transport(TransportKind.parse(transport)).build();
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
