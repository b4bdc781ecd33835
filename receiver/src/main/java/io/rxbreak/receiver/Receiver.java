package io.rxbreak.receiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.ThrottleSpec;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.receiver.accounting.SocketTrials;
import io.rxbreak.receiver.accounting.StreamTable;
import io.rxbreak.receiver.accounting.TrialAccounting;

/**
 * The receiver engine that {@code rxbreak receive} (and later the agent) drives: opens its sockets once, one
 * event-loop thread each, and keeps per-trial accounting that any thread may read while it runs.
 *
 * <pre>
 * Receiver receiver = Receiver.open(config);   // sockets open and reading
 * receiver.startTrial(7);                      // optional: else the first message's trial id is taken
 * receiver.setThrottle(ThrottleSpec.parse("--throttle", "rate:5000"));
 * ReceiverTrialReport now = receiver.snapshot(); // any thread, any time
 * receiver.close();                            // ends the trial; receiver.result(7) stays readable
 * </pre>
 */
public final class Receiver implements AutoCloseable
{
    private final ReceiverConfig config;
    private final TransportKind transport;
    private final List<String> notes;
    private final MultiThreadIoEventLoopGroup loops;
    private final List<ReceiverSocket> sockets;
    private final EpochClock epochClock;
    private volatile ThrottleSpec throttle;
    private volatile boolean closed;
    private final long openedNanoTime = System.nanoTime();

    private Receiver(final ReceiverConfig config, final TransportKind transport, final List<String> notes,
        final MultiThreadIoEventLoopGroup loops, final List<ReceiverSocket> sockets, final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        this.config = config;
        this.transport = transport;
        this.notes = notes;
        this.loops = loops;
        this.sockets = sockets;
        this.throttle = config.throttle();
    }

    /**
     * Open every socket (sockets-per-group for each group, or for each port's groups with shared sockets) and start
     * reading.
     *
     * @param config the validated configuration.
     * @return the running receiver.
     * @throws IllegalStateException when no native transport is available, or a socket cannot be opened.
     */
    public static Receiver open(final ReceiverConfig config)
    {
        final List<String> notes = new ArrayList<>();
        final TransportKind transport = Transports.available(config.transport(), notes);
        final String placed = placeOffReaders(config.readerCpus());
        if (placed != null)
        {
            notes.add(placed);
        }
        final List<List<MulticastGroup>> socketGroups = config.socketGroups();
        final int count = socketGroups.size() * config.socketsPerGroup();
        final MultiThreadIoEventLoopGroup loops = Transports.eventLoops(transport, count);
        final List<ReceiverSocket> sockets = new ArrayList<>();
        final EpochClock epochClock = EpochClock.system();
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Warmup.run(epochClock);
        final List<EventLoop> socketLoops = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            socketLoops.add((EventLoop)loops.next());
        }
        final String warmupNote = PathWarmup.run(socketLoops, transport, config, epochClock);
        if (warmupNote != null)
        {
            notes.add(warmupNote);
        }
        try
        {
            int index = 0;
            for (final List<MulticastGroup> joined : socketGroups)
            {
                for (int i = 0; i < config.socketsPerGroup(); i++)
                {
                    sockets.add(ReceiverSocket.open(
                        index, socketLoops.get(index), transport, joined, config, epochClock));
                    index++;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            sockets.forEach(socket -> socket.channel().close());
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while opening the sockets", ex);
        }
        catch (final RuntimeException ex)
        {
            sockets.forEach(socket -> socket.channel().close());
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw ex;
        }
        noteRcvbuf(config, sockets, notes);
        noteGarbageCollector(notes);
        return new Receiver(config, transport, Collections.unmodifiableList(notes), loops,
            Collections.unmodifiableList(sockets), epochClock);
    }

    /**
     * Keep every thread of this process (those it has and, by inheritance, those it makes) off the reading threads'
     * CPUs, which each reading thread then takes for itself.
     *
     * @return a note when that could not be done, else null.
     */
    private static String placeOffReaders(final CpuSet readerCpus)
    {
        if (readerCpus == null)
        {
            return null;
        }
        final CpuSet allowed = Threads.affinity(0);
        if (allowed == null)
        {
            return "--reader-cpus ignored: " + Threads.unavailableReason();
        }
        final CpuSet rest = allowed.minus(readerCpus);
        if (rest.isEmpty())
        {
            return "--reader-cpus " + readerCpus + ": no other CPU is left for the receiver's other threads (it may " +
                "use " + allowed + "); they share the reading threads' CPUs";
        }
        final String why = Threads.pinProcess(ProcessHandle.current().pid(), rest);
        return why == null ? null : "--reader-cpus: the other threads stay where they were: " + why;
    }

    private static void noteRcvbuf(final ReceiverConfig config, final List<ReceiverSocket> sockets,
        final List<String> notes)
    {
        final ReceiverSocket first = sockets.get(0);
        final long requested = config.rcvbufBytes();
        if (requested > 0 && !first.rcvbufNote().startsWith("SO_RCVBUF"))
        {
            notes.add("--rcvbuf-force: " + first.rcvbufNote());
        }
        else if (requested > 0 && config.rcvbufForce())
        {
            notes.add("--rcvbuf-force: " + first.rcvbufNote());
        }
        if (requested > 0 && first.rcvbufGranted() < 2 * requested)
        {
            notes.add("--rcvbuf: asked " + requested + " bytes, the kernel granted " + first.rcvbufGranted() +
                " (it doubles the request and caps it at net.core.rmem_max): raise the cap with " +
                "'sysctl -w net.core.rmem_max=" + requested + "' or use --rcvbuf-force as root");
        }
    }

    private static void noteGarbageCollector(final List<String> notes)
    {
        for (final java.lang.management.GarbageCollectorMXBean gc :
            java.lang.management.ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (gc.getName().startsWith("G1"))
            {
                notes.add("JVM: G1 young pauses of 30-130 ms were seen on a busy 2-core machine, longer than a " +
                    "receive buffer lasts at 100k msgs/s; for top rates run java with -XX:+UseParallelGC -Xmn32m");
                return;
            }
        }
    }

    /**
     * @return what the receiver had to tell about its set-up: a transport fallback, a capped buffer.
     */
    public List<String> notes()
    {
        return notes;
    }

    public ReceiverConfig config()
    {
        return config;
    }

    /**
     * @return the transport in use (epoll when io_uring was asked for but unavailable).
     */
    public TransportKind transport()
    {
        return transport;
    }

    public List<ReceiverSocket> sockets()
    {
        return sockets;
    }

    /**
     * @return the epoch clock every socket stamps receipt with (latency is its reading minus the header's intended
     *     send time): one for the receiver's life, which a controller measures on {@code GET /clock}.
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * Start a new trial on every socket now: the current one ends and stays readable as the previous trial.
     * Messages of the ended trial that still arrive are counted as {@code otherTrial} and skipped.
     *
     * @param trialId the new trial's id, as the sender will stamp it.
     */
    public void startTrial(final int trialId)
    {
        for (final ReceiverSocket socket : sockets)
        {
            socket.trials().rollOver(socket.trials().current(), trialId);
        }
    }

    /**
     * Change the throttle of every socket while it runs.
     *
     * @param spec the new throttle.
     */
    public void setThrottle(final ThrottleSpec spec)
    {
        for (final ReceiverSocket socket : sockets)
        {
            socket.reader().applyThrottle(spec);
        }
        throttle = spec;
    }

    public ThrottleSpec throttle()
    {
        return throttle;
    }

    /**
     * @return the current trial's accounting so far (exact once it ended); any thread.
     */
    public ReceiverTrialReport snapshot()
    {
        return build(SocketTrials::current);
    }

    /**
     * @return the trial before the current one, or null if there was none.
     */
    public ReceiverTrialReport previous()
    {
        if (sockets.get(0).trials().previous() == null)
        {
            return null;
        }
        return build(SocketTrials::previous);
    }

    /**
     * @param trialId a trial id.
     * @return that trial's result if it is the current or the previous one, else null.
     */
    public ReceiverTrialReport result(final int trialId)
    {
        if (sockets.get(0).trials().find(trialId) == null)
        {
            return null;
        }
        return build(trials -> trials.find(trialId));
    }

    /**
     * @return whether streams were seen and every stream seen on every socket has received its end marker.
     */
    public boolean allStreamsEnded()
    {
        int seen = 0;
        for (final ReceiverSocket socket : sockets)
        {
            final StreamTable streams = socket.trials().current().streams();
            for (int i = 0; i < streams.size(); i++)
            {
                seen++;
                if (!streams.get(i).isEnded())
                {
                    return false;
                }
            }
        }
        return seen > 0;
    }

    /**
     * Move every socket's latencies recorded since the last call into their trial totals and into {@code sink}
     * ({@link TrialAccounting#drainLatency}: a snapshot in between takes nothing away from the next sink).
     *
     * @param sink receives the latencies since the last drain into a sink, or null.
     */
    public void drainLatency(final Histogram sink)
    {
        for (final ReceiverSocket socket : sockets)
        {
            socket.trials().current().drainLatency(sink);
        }
    }


    private ReceiverTrialReport build(final Function<SocketTrials, TrialAccounting> select)
    {
        return TrialReports.assemble(sockets, select, closed, config.rcvbufBytes(), throttle.toString());
    }

    /**
     * @return nanoseconds since the receiver opened.
     */
    public long uptimeNs()
    {
        return System.nanoTime() - openedNanoTime;
    }

    /**
     * Stop reading, drain application queues, end the current trial with the sockets' final figures, close the
     * sockets and stop the threads. The results stay readable.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        for (final ReceiverSocket socket : sockets)
        {
            socket.reader().markClosing();
        }
        for (final ReceiverSocket socket : sockets)
        {
            final String problem = socket.reader().close();
            if (problem != null)
            {
                notesOnClose.add("socket " + socket.index() + " did not stop cleanly: " + problem);
            }
            socket.trials().endCurrent();
        }
        closed = true;
        for (final ReceiverSocket socket : sockets)
        {
            socket.channel().close().syncUninterruptibly();
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final List<String> notesOnClose = Collections.synchronizedList(new ArrayList<>());

    /**
     * @return problems met while closing (empty when it closed cleanly).
     */
    public List<String> closeProblems()
    {
        return List.copyOf(notesOnClose);
    }
}
