package io.rxbreak.sender;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoop;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.SenderSnapshot;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.LinearTrend;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.sender.schedule.Schedule;

/**
 * A trial running on the sender's event-loop thread: everything due goes out in one bounded batch (written, then
 * flushed per channel, so Netty sends it with sendmmsg; a replay's batch, each message to its own group, and the end
 * markers through a {@link RoutedSender}, which calls sendmmsg itself where it can), then the thread idles until the
 * next message is due.
 * It keeps the thread for the whole trial (a stop request is a volatile flag it reads between batches) and gives
 * the event loop back only when the socket would block, so that writability events are seen, or for a wait long
 * enough to sleep on the event loop's timer: every return to the event loop is work beside the pacer, and code the
 * JIT compiles while the trial runs. The hot path allocates nothing: slots and packets are made before the trial
 * starts and counters are plain ordered stores.
 * <p>
 * Message i goes to stream {@code i % streams} (streams numbered across destinations), with sequence
 * {@code i / streams}; its header carries the time the schedule meant it to go, not when it went.
 */
final class TrialLoop implements Runnable
{
    /** The fewest measured messages that make a lag trend. */
    private static final long MIN_TREND_MESSAGES = 20;
    /** The shortest span of due times that makes a lag trend, seconds. */
    private static final double MIN_TREND_SPAN_SECONDS = 0.2;

    private static final long PARK_THRESHOLD_NS = 200_000L;
    private static final long PARK_EARLY_NS = 100_000L;
    /** With {@link IdleMode#SLEEP}: waits shorter than this are spun, not slept. */
    private static final long SLEEP_MIN_NS = 10_000L;
    private static final long MARKER_INTERVAL_NS = 1_000_000L;
    /** How long the sending thread sleeps before a trial's first message. */
    private static final long START_SETTLE_NS = 2_000_000L;
    private static final long DRAIN_RETRY_NS = 50_000L;

    private final EventLoop eventLoop;
    private final SendSockets sockets;
    private final GroupSlots[] slots;
    private final RoutedSender routedSlots;
    private final RoutedSender markers;
    private final long[] streamSequences;
    private final TrialPlan plan;
    private final Schedule schedule;
    private final Pacer pacer;
    private final NanoClock clock;
    private final EpochClock epochClock;
    private final IdleMode idleMode;
    private final SendCounters counters = new SendCounters();
    private final int streams;
    private final int streamsPerGroup;
    private final int sizeBytes;
    private final boolean variableLength;
    private final boolean maxRate;
    private final long warmupNs;
    private final long maxLagLimitNs;
    private final SndbufErrorsSource sndbufErrors;
    private final TrialResultBuilder resultBuilder;
    private final CompletableFuture<SenderTrialReport> result = new CompletableFuture<>();
    private final LinearTrend lagTrend = new LinearTrend();
    private final LinearTrend.Points lagPoints = lagTrend.points();
    private final PacingRecorder pacing;
    private final Runnable markerTask = this::sendMarkerRound;

    private volatile boolean stopRequested;
    private volatile int state;
    private volatile long startNs;
    private boolean started;
    private volatile boolean launched;
    private long finishNs;
    private Pacer.End end = Pacer.End.NONE;
    private int markerRounds;
    private long allocatedAtStart = -1;
    private volatile OptionalLong sndbufAtStart = OptionalLong.empty();

    static final int STARTING = 0;
    static final int RUNNING = 1;
    static final int FINISHING = 2;
    static final int DONE = 3;

    TrialLoop(
        final EventLoop eventLoop,
        final SendSockets sockets,
        final GroupSlots[] slots,
        final RoutedSender routedSlots,
        final RoutedSender markers,
        final TrialPlan plan,
        final int streamsPerGroup,
        final int maxBatch,
        final IdleMode idleMode,
        final NanoClock clock,
        final EpochClock epochClock,
        final long maxLagLimitNs,
        final SndbufErrorsSource sndbufErrors,
        final TrialResultBuilder resultBuilder,
        final PacingRecorder pacing)
    {
        this.pacing = pacing;
        this.eventLoop = eventLoop;
        this.sockets = sockets;
        this.slots = slots;
        this.routedSlots = routedSlots;
        this.markers = markers;
        this.plan = plan;
        this.schedule = plan.schedule();
        this.clock = clock;
        this.epochClock = epochClock;
        this.idleMode = idleMode;
        this.streamsPerGroup = streamsPerGroup;
        this.streams = sockets.recipients.length * streamsPerGroup;
        this.streamSequences = routedSlots != null ? new long[streams] : null;
        this.sizeBytes = plan.sizeBytes();
        this.variableLength = schedule.variableLength();
        this.maxRate = schedule.isMaxRate();
        this.warmupNs = plan.warmupNs();
        this.maxLagLimitNs = maxLagLimitNs;
        this.sndbufErrors = sndbufErrors;
        this.resultBuilder = resultBuilder;
        final long warmupMessages = plan.warmupNs() == 0 || maxRate ? 0 : schedule.countBefore(plan.warmupNs());
        final long endIndex = plan.count() > 0 ? warmupMessages + plan.count() : Long.MAX_VALUE;
        final long endOffsetNs = plan.durationNs() > 0 ? plan.warmupNs() + plan.durationNs() : Schedule.END;
        this.pacer = new Pacer(schedule, endIndex, endOffsetNs, maxBatch);
    }

    CompletableFuture<SenderTrialReport> result()
    {
        return result;
    }

    /**
     * Start sending, from the thread that set the trial up: the headers are written and the counters read here,
     * so that the sending thread begins with the first message.
     *
     * @throws IllegalStateException when launched before.
     */
    void launch()
    {
        if (launched)
        {
            throw new IllegalStateException("trial " + plan.trialId() + " was started before");
        }
        launched = true;
        sndbufAtStart = sndbufErrors.sndbufErrors();
        if (slots != null)
        {
            for (int g = 0; g < slots.length; g++)
            {
                slots[g].encodeAll(plan.trialId(), sizeBytes, g * streamsPerGroup, streamsPerGroup);
            }
        }
        sockets.attach(counters, true);
        eventLoop.execute(this);
    }

    void requestStop()
    {
        stopRequested = true;
        eventLoop.execute(this);
    }

    @Override
    public void run()
    {
        if (state >= FINISHING)
        {
            return;
        }
        if (!started)
        {
            begin();
        }
        if (stopRequested)
        {
            finish(Pacer.End.STOPPED, clock.nanoTime());
            return;
        }
        if (anyQueued())
        {
            eventLoop.schedule(this, DRAIN_RETRY_NS, TimeUnit.NANOSECONDS);
            return;
        }
        while (true)
        {
            final long nowNs = clock.nanoTime();
            final Pacer.End ended = pacer.end(nowNs);
            if (ended != Pacer.End.NONE)
            {
                finish(ended, nowNs);
                return;
            }
            final int due = pacer.due(nowNs);
            if (due > 0)
            {
                if (sendBatch(due, nowNs))
                {
                    counters.add(SendCounters.STALLS, 1);
                    eventLoop.execute(this);
                    return;
                }
            }
            else if (!idle(nowNs))
            {
                return;
            }
            if (stopRequested)
            {
                finish(Pacer.End.STOPPED, clock.nanoTime());
                return;
            }
        }
    }

    /**
     * @return false when the loop gave the thread back to the event loop to be woken later.
     */
    private boolean idle(final long nowNs)
    {
        switch (idleMode)
        {
            case PARK:
            {
                final long waitNs = pacer.nextEventNs() - nowNs;
                if (waitNs > PARK_THRESHOLD_NS)
                {
                    eventLoop.schedule(this, waitNs - PARK_EARLY_NS, TimeUnit.NANOSECONDS);
                    return false;
                }
                Thread.onSpinWait();
                return true;
            }
            case SLEEP:
            {
                final long waitNs = pacer.nextEventNs() - nowNs;
                if (waitNs > PARK_THRESHOLD_NS)
                {
                    eventLoop.schedule(this, waitNs - PARK_EARLY_NS, TimeUnit.NANOSECONDS);
                    return false;
                }
                if (waitNs > SLEEP_MIN_NS)
                {
                    LockSupport.parkNanos(waitNs);
                }
                else
                {
                    Thread.onSpinWait();
                }
                return true;
            }
            case YIELD:
                Thread.yield();
                return true;
            default:
                Thread.onSpinWait();
                return true;
        }
    }

    private void begin()
    {
        started = true;
        allocatedAtStart = allocatedBytes();
        // the threads that started this trial (the agent's request handling, a local controller) ran on this CPU a
        // moment ago: let them finish before the first message is due, or the first batches wait for them
        LockSupport.parkNanos(START_SETTLE_NS);
        final long nowNs = clock.nanoTime();
        pacer.start(nowNs);
        startNs = nowNs;
        state = RUNNING;
    }

    /**
     * What the sockets could not take yet: a routed batch's remainder is sent again from where it stopped (the next
     * loop turn after a stall), Netty's queue drains by itself.
     *
     * @return whether some of the last batch or of the markers still waits.
     */
    private boolean anyQueued()
    {
        final boolean routedLeft = routedSlots != null && !routedSlots.send(counters);
        return !markers.send(counters) | routedLeft | sockets.anyQueued();
    }

    /**
     * @return whether some of the batch is left queued (the socket would block).
     */
    private boolean sendBatch(final int count, final long nowNs)
    {
        final long first = pacer.nextIndex();
        final long lagNs = pacer.lagNs(nowNs);
        counters.set(SendCounters.LAG_NOW, lagNs);
        counters.max(SendCounters.LAG_MAX, lagNs);
        final long startNs = pacer.startNs();
        pacing.onBatch(lagNs, count, schedule.offsetNs(first), schedule.offsetNs(first + count - 1));
        final boolean inWarmup = maxRate && nowNs - startNs < warmupNs;
        final int trialId = plan.trialId();
        sockets.resetLogs();
        int warmup = 0;
        int packets = 0;
        if (routedSlots != null)
        {
            // each message to its own group, in the schedule's order, through sendmmsg per socket
            for (int j = 0; j < count; j++)
            {
                final long index = first + j;
                final int stream = schedule.destination(index);
                final long offsetNs = schedule.offsetNs(index);
                final boolean warm = offsetNs < warmupNs;
                if (!warm)
                {
                    lagPoints.add(startNs + offsetNs, nowNs - startNs - offsetNs);
                }
                routedSlots.put(j, stream, warm ? MessageHeader.FLAG_WARM_UP : 0,
                    schedule.messageLength(index, sizeBytes), stream, trialId, streamSequences[stream]++,
                    epochClock.toEpochNs(startNs + offsetNs));
                if (warm)
                {
                    warmup++;
                }
            }
            packets = count;
        }
        else
        {
            final long baseRound = first / streams;
            for (int j = 0; j < count; j++)
            {
                final long index = first + j;
                final int stream = (int)(index % streams);
                final long sequence = index / streams;
                final int group = stream / streamsPerGroup;
                final int streamInGroup = stream - group * streamsPerGroup;
                final int slot = (int)((sequence - baseRound) * streamsPerGroup + streamInGroup);
                final long offsetNs = schedule.offsetNs(index);
                final boolean warm = maxRate ? inWarmup : offsetNs < warmupNs;
                if (!warm && !maxRate)
                {
                    // every measured message's own lag, as the receiver's latency trend sees each message
                    lagPoints.add(startNs + offsetNs, nowNs - startNs - offsetNs);
                }
                final int flags = warm ? MessageHeader.FLAG_WARM_UP : 0;
                final long intendedNs = epochClock.toEpochNs(maxRate ? nowNs : startNs + offsetNs);
                if (variableLength)
                {
                    slots[group].putFull(slot, flags, schedule.messageLength(index, sizeBytes), stream, trialId,
                        sequence, intendedNs);
                }
                else
                {
                    slots[group].put(slot, flags, sequence, intendedNs);
                }
                if (warm)
                {
                    warmup++;
                }
            }
            for (int g = 0; g < slots.length; g++)
            {
                if (slots[g].hasMessages())
                {
                    packets += slots[g].write(sockets.channelOf(g), sockets.logOf(g));
                }
            }
        }
        pacer.advance(count);
        lagTrend.add(lagPoints);
        sockets.flushAll();
        final boolean routedLeft = routedSlots != null && !routedSlots.send(counters);
        pacing.sentBy(clock.nanoTime() - startNs);
        counters.add(SendCounters.ATTEMPTED, count);
        counters.add(SendCounters.WARMUP, warmup);
        counters.add(SendCounters.BATCHES, 1);
        counters.add(SendCounters.PACKETS, packets);
        return routedLeft || sockets.anyQueued();
    }

    private void finish(final Pacer.End why, final long nowNs)
    {
        end = why;
        finishNs = nowNs;
        state = FINISHING;
        sockets.attach(counters, false);
        sendMarkerRound();
    }

    /**
     * One round of end-of-trial markers: one on every stream, carrying as sequence the number of messages the
     * stream had (so a receiver knows how many to expect). Rounds are {@value #MARKER_INTERVAL_NS} ns apart.
     */
    private void sendMarkerRound()
    {
        if (anyQueued())
        {
            eventLoop.schedule(markerTask, DRAIN_RETRY_NS, TimeUnit.NANOSECONDS);
            return;
        }
        if (markerRounds >= plan.endMarkers())
        {
            complete();
            return;
        }
        final long sent = pacer.nextIndex();
        final long epochNs = epochClock.epochNs();
        final int markerLength = variableLength ? MessageHeader.LENGTH : sizeBytes;
        for (int stream = 0; stream < streams; stream++)
        {
            final int group = stream / streamsPerGroup;
            final long streamMessages = streamSequences != null ? streamSequences[stream] :
                sent / streams + (stream < sent % streams ? 1 : 0);
            markers.put(stream, group, MessageHeader.FLAG_END_OF_TRIAL, markerLength, stream, plan.trialId(),
                streamMessages, epochNs);
            counters.add(SendCounters.END_MARKERS, 1);
        }
        sockets.flushAll();
        final boolean markersLeft = !markers.send(counters);
        markerRounds++;
        if (markerRounds < plan.endMarkers() || markersLeft)
        {
            // the last round's remainder goes before the trial completes (Netty's queue sends by itself)
            eventLoop.schedule(markerTask, markersLeft ? DRAIN_RETRY_NS : MARKER_INTERVAL_NS, TimeUnit.NANOSECONDS);
            return;
        }
        complete();
    }

    private void complete()
    {
        final long allocatedAtEnd = allocatedBytes();
        final OptionalLong sndbufAtEnd = sndbufErrors.sndbufErrors();
        sockets.attach(null, false);
        final Long sndbufDelta = sndbufAtStart.isPresent() && sndbufAtEnd.isPresent() ?
            Long.valueOf(sndbufAtEnd.getAsLong() - sndbufAtStart.getAsLong()) : null;
        final long allocated = allocatedAtStart < 0 || allocatedAtEnd < 0 ? -1 : allocatedAtEnd - allocatedAtStart;
        final long windowNs = pacer.windowNs(end, finishNs);
        final long expected = maxRate ? counters.get(SendCounters.ATTEMPTED) : schedule.countBefore(windowNs);
        final long endLagNs = Math.max(counters.get(SendCounters.LAG_NOW), pacer.lagNs(finishNs));
        pacing.finish();
        try
        {
            result.complete(resultBuilder.build(plan, end.label(), windowNs, expected, endLagNs, counters, maxLagLimitNs,
                sndbufDelta, allocated, lagTrend.snapshot().slopeIfAtLeast(MIN_TREND_MESSAGES, MIN_TREND_SPAN_SECONDS),
                pacing.summary(), startNs == 0 ? null : epochClock.toEpochNs(startNs)));
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(ex);
        }
        finally
        {
            releaseBuffers();
            state = DONE;
        }
    }

    /**
     * Give the trial's send buffers back (once no write of theirs is queued, or when the trial never started).
     */
    void releaseBuffers()
    {
        if (slots != null)
        {
            for (final GroupSlots groupSlots : slots)
            {
                groupSlots.release();
            }
        }
        if (routedSlots != null)
        {
            routedSlots.release();
        }
        markers.release();
    }

    /**
     * @return a snapshot of the counters now (allocates: for the reporting thread).
     */
    SenderSnapshot snapshot()
    {
        final int s = state;
        final long elapsedNs = s == STARTING ? 0 : (s == DONE || s == FINISHING) && finishNs != 0 ?
            finishNs - startNs : clock.nanoTime() - startNs;
        final long failed = counters.get(SendCounters.FAILED);
        return new SenderSnapshot(
            plan.trialId(),
            stateName(s),
            elapsedNs,
            counters.get(SendCounters.ATTEMPTED) - failed,
            failed,
            counters.get(SendCounters.WARMUP),
            counters.get(SendCounters.BATCHES),
            counters.get(SendCounters.PACKETS),
            counters.get(SendCounters.STALLS),
            counters.get(SendCounters.LAG_NOW),
            counters.get(SendCounters.LAG_MAX),
            counters.get(SendCounters.END_MARKERS),
            counters.errors());
    }

    private static String stateName(final int state)
    {
        switch (state)
        {
            case STARTING: return "starting";
            case RUNNING: return "running";
            case FINISHING: return "finishing";
            default: return "done";
        }
    }

    private static long allocatedBytes()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean)
        {
            final com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean)bean;
            if (sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled())
            {
                return sun.getCurrentThreadAllocatedBytes();
            }
        }
        return -1;
    }
}
