package io.rxbreak.receiver.agent;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.AgentLoop;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.AgentRequest;
import io.rxbreak.core.control.AgentResponse;
import io.rxbreak.core.control.ClockHandler;
import io.rxbreak.core.control.PrometheusText;
import io.rxbreak.core.control.Router;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.TrialCounterWindow;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.os.DatagramMemory;
import io.rxbreak.core.os.JvmQuiet;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.ReceiverBeginAnswer;
import io.rxbreak.core.protocol.ReceiverEndAnswer;
import io.rxbreak.core.protocol.ReceiverStatus;
import io.rxbreak.core.protocol.ReceiverTrial;
import io.rxbreak.core.protocol.ReceiverTrialEnd;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.ThrottleAnswer;
import io.rxbreak.core.protocol.ThrottleChange;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.receiver.Receiver;
import io.rxbreak.receiver.ReceiverSocket;
import io.rxbreak.receiver.accounting.MemInfo;

/**
 * {@code rxbreak receive --agent}: the receiver driven by a controller over the control protocol
 * ({@link AgentApi}). Its sockets stay open across trials; each trial starts clean, and the kernel counters of
 * this host and namespace (its own sockets by inode, the softirq backlog, Udp RcvbufErrors and MemErrors, the
 * NIC, the tracepoints when root) are sampled at the start and the end of every trial.
 */
public final class ReceiverAgent
{
    private static final long POLL_MS = 5;
    private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Receiver receiver;
    private final TrialCounterWindow window;
    private static final long PEAK_SAMPLE_MS = 5;

    private final AtomicLong peakRxQueueBytes = new AtomicLong();
    private final ScheduledExecutorService peakSampler = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "rxbreak-receive-rxq-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Integer trialId;
    private volatile ThreadGroupClock readersClock;
    private volatile ThreadGroupClock agentClock;

    private ReceiverAgent(final Receiver receiver)
    {
        this.receiver = receiver;
        final Set<Long> inodes = new LinkedHashSet<>();
        for (final ReceiverSocket socket : receiver.sockets())
        {
            inodes.add(socket.inode());
        }
        this.window = new TrialCounterWindow(CounterRoots.LIVE, () -> inodes, true);
        peakSampler.scheduleAtFixedRate(this::samplePeak, PEAK_SAMPLE_MS, PEAK_SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The largest receive queue of any socket, sampled every {@value #PEAK_SAMPLE_MS} ms (SO_MEMINFO, off the
     * receiving threads): a queue at the granted buffer means the socket buffer was full.
     */
    private void samplePeak()
    {
        for (final ReceiverSocket socket : receiver.sockets())
        {
            final long queued = socket.memInfo().rxQueueBytes();
            peakRxQueueBytes.accumulateAndGet(queued, Math::max);
        }
    }

    /**
     * Serve until SIGINT/SIGTERM, or until the controller that started it is gone.
     *
     * @param receiver the opened receiver.
     * @param options where to listen, the token, TLS, whether to exit with the parent.
     * @param out where the listening line goes.
     * @param err where a warning goes.
     * @return the exit code.
     * @throws InterruptedException when interrupted while binding.
     */
    public static int run(final Receiver receiver, final AgentOptions options, final PrintWriter out,
        final PrintWriter err) throws InterruptedException
    {
        final ReceiverAgent agent = new ReceiverAgent(receiver);
        try
        {
            AgentLoop.serve(options, agent.router(), out, err, "receive");
        }
        finally
        {
            agent.peakSampler.shutdownNow();
            agent.window.close();
        }
        return 0;
    }

    private Router router()
    {
        return new Router()
            .get(AgentApi.STATUS, this::status)
            .get(AgentApi.METRICS, this::metrics)
            .get(AgentApi.CLOCK, new ClockHandler(receiver.epochClock()))
            .post(AgentApi.TRIAL_BEGIN, this::begin)
            .post(AgentApi.TRIAL_END, this::end)
            .post(AgentApi.THROTTLE, this::throttle);
    }

    private AgentResponse status(final AgentRequest request)
    {
        final List<ReceiverStatus.Socket> sockets = new ArrayList<>();
        long requested = 0;
        long granted = Long.MAX_VALUE;
        for (final ReceiverSocket socket : receiver.sockets())
        {
            sockets.add(new ReceiverStatus.Socket(socket.index(), socket.label(), socket.inode(),
                socket.rcvbufRequested(), socket.rcvbufGranted(), socket.rcvbufNote()));
            requested = socket.rcvbufRequested();
            granted = Math.min(granted, socket.rcvbufGranted());
        }
        return AgentResponse.json(new ReceiverStatus(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION, trialId,
            receiver.transport().name().toLowerCase(Locale.ROOT), receiver.throttle().toString(), sockets,
            receiver.config().socketsPerGroup(), requested == 0 ? null : requested,
            granted == Long.MAX_VALUE ? null : granted, window.tracepointEvents(), receiver.notes()));
    }

    private AgentResponse begin(final AgentRequest request) throws InterruptedException
    {
        final ReceiverTrial body = request.bodyAs(ReceiverTrial.class);
        final ReceiveBuffer buffer = body.sizeBytes() == null ? null : buffer(body.sizeBytes());
        // let this JVM's compiler threads finish what the last trial queued before the next one starts
        JvmQuiet.beforeTrial();
        receiver.drainLatency(null);
        peakRxQueueBytes.set(0);
        window.begin();
        receiver.startTrial(body.trialId());
        trialId = body.trialId();
        final List<Integer> readers = readingTids();
        readersClock = ThreadGroupClock.of(ProcessHandle.current().pid(), readers);
        agentClock = ThreadGroupClock.allBut(ProcessHandle.current().pid(), readers);
        readersClock.start();
        agentClock.start();
        return AgentResponse.json(new ReceiverBeginAnswer(body.trialId(), buffer));
    }

    /**
     * @return what the smallest receive buffer holds in datagrams of the trial's size, or null when unknown.
     */
    private ReceiveBuffer buffer(final int sizeBytes)
    {
        long granted = Long.MAX_VALUE;
        for (final ReceiverSocket socket : receiver.sockets())
        {
            granted = Math.min(granted, socket.rcvbufGranted());
        }
        try
        {
            final long truesize = DatagramMemory.truesizeBytes(sizeBytes);
            return new ReceiveBuffer(granted, truesize, Math.max(1, granted / truesize));
        }
        catch (final IllegalStateException ex)
        {
            return null;
        }
    }

    private List<Integer> readingTids()
    {
        final List<Integer> tids = new ArrayList<>();
        for (final ReceiverSocket socket : receiver.sockets())
        {
            if (socket.readingTid() > 0 && !tids.contains(socket.readingTid()))
            {
                tids.add(socket.readingTid());
            }
        }
        return tids;
    }

    private AgentResponse end(final AgentRequest request) throws InterruptedException
    {
        final ReceiverTrialEnd body = request.bodyAs(ReceiverTrialEnd.class);
        if (trialId == null || trialId != body.trialId())
        {
            throw new AgentException(409, "trial " + body.trialId() + " was not begun here (current: " + trialId + ")");
        }
        final Drain drain = drain(body.drainBoundNs());
        final Histogram latency = new Histogram(3);
        receiver.drainLatency(latency);
        final ReceiverTrialReport result = receiver.result(body.trialId());
        final WindowCounters counters = window.end();
        final CpuUse readers = readersClock == null ? null : readersClock.stop();
        final CpuUse agent = agentClock == null ? null : agentClock.stop();
        return AgentResponse.json(new ReceiverEndAnswer(result, counters, drain.drained(), drain.note(),
            encode(latency), peakRxQueueBytes.get(), readers, agent));
    }

    /**
     * How a trial's tail was read.
     *
     * @param drained whether the sockets' queues emptied within the bound.
     * @param note null when they emptied with every end marker read, else what happened.
     */
    private record Drain(boolean drained, String note)
    {
        /** Every stream's end marker read, the queues empty. */
        static final Drain WITH_END_MARKERS = new Drain(true, null);
        /** The queues empty and nothing read for a while, but some end markers missing. */
        static final Drain WITHOUT_END_MARKERS = new Drain(true,
            "drained without every end marker (lost, or the sender never sent them)");

        /**
         * @param note what was still queued at the bound.
         * @return a tail not read in time: the figures cannot be trusted.
         */
        static Drain timedOut(final String note)
        {
            return new Drain(false, note);
        }
    }

    /**
     * Wait for the trial's tail: every stream's end marker read and the sockets' queues empty; or, when the markers
     * were lost, the queues empty and nothing read for a while.
     *
     * @return how the tail was read, or why it was not in time.
     */
    private Drain drain(final long boundNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + boundNs;
        long lastDatagrams = datagrams();
        long quietSinceNs = System.nanoTime();
        while (true)
        {
            final boolean empty = queuedBytes() == 0;
            if (empty && receiver.allStreamsEnded())
            {
                return Drain.WITH_END_MARKERS;
            }
            final long now = System.nanoTime();
            final long datagrams = datagrams();
            if (datagrams != lastDatagrams)
            {
                lastDatagrams = datagrams;
                quietSinceNs = now;
            }
            if (empty && now - quietSinceNs >= QUIET_NS)
            {
                return Drain.WITHOUT_END_MARKERS;
            }
            if (now - deadlineNs >= 0)
            {
                return Drain.timedOut("after " + TimeUnit.NANOSECONDS.toMillis(boundNs) + " ms " + queuedBytes() +
                    " bytes were still queued in the sockets (raise --drain, or the receiver is far too slow)");
            }
            Thread.sleep(POLL_MS);
        }
    }

    private long queuedBytes()
    {
        long bytes = 0;
        for (final ReceiverSocket socket : receiver.sockets())
        {
            bytes += socket.memInfo().rxQueueBytes();
        }
        return bytes;
    }

    private long datagrams()
    {
        return receiver.snapshot().datagrams();
    }

    private static String encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    private AgentResponse throttle(final AgentRequest request)
    {
        final ThrottleChange body = request.bodyAs(ThrottleChange.class);
        receiver.setThrottle(ThrottleSpec.parse("throttle", body.throttle()));
        return AgentResponse.json(new ThrottleAnswer(receiver.throttle().toString()));
    }

    private AgentResponse metrics(final AgentRequest request)
    {
        final PrometheusText text = new PrometheusText();
        final ReceiverTrialReport now = receiver.snapshot();
        text.gauge("rxbreak_receiver_trial_id", "The current trial.", trialId == null ? 0 : trialId);
        text.counter("rxbreak_receiver_received_total", "Valid messages of the current trial received.", now.received());
        text.counter("rxbreak_receiver_gaps_total", "Messages missing from the current trial's sequences.", now.gaps());
        text.counter("rxbreak_receiver_application_drops_total", "Messages the receiver's application queue dropped.",
            now.applicationDrops());
        for (final ReceiverSocket socket : receiver.sockets())
        {
            final MemInfo memInfo = socket.memInfo();
            final Map<String, String> labels = Map.of("group", socket.label(), "inode",
                Long.toString(socket.inode()));
            text.sample("rxbreak_receiver_socket_drops_total", "counter",
                "The socket's kernel drops (SO_MEMINFO sk_drops, since it opened).", labels, memInfo.drops());
            text.sample("rxbreak_receiver_socket_rx_queue_bytes", "gauge",
                "The socket's receive queue, kernel memory (skb truesize).", labels, memInfo.rxQueueBytes());
            text.sample("rxbreak_receiver_socket_rcvbuf_bytes", "gauge", "SO_RCVBUF as granted.", labels,
                memInfo.rcvbufBytes());
        }
        return AgentResponse.text(AgentResponse.PROMETHEUS, text.toString());
    }
}
