package io.rxbreak.receiver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import io.rxbreak.core.protocol.LatencySummary;
import io.rxbreak.core.protocol.LossTimeline;
import io.rxbreak.core.protocol.ReceiverTrialReport;
import io.rxbreak.core.protocol.SocketResult;
import io.rxbreak.core.protocol.StreamResult;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.receiver.accounting.MemInfo;
import io.rxbreak.receiver.accounting.SequenceTracker;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;
import io.rxbreak.receiver.accounting.StreamTable;
import io.rxbreak.receiver.accounting.TrialAccounting;

/**
 * Assembles a {@link ReceiverTrialReport} from every socket's accounting of one trial: the sums over sockets and
 * streams, each socket's and stream's own figures, the latency over all of them and the steepest backlog trend.
 * Reads what the reading threads published; called by the receiver's control or agent thread.
 */
final class TrialReports
{
    /** The fewest measured messages of a socket that make a backlog trend. */
    static final long MIN_TREND_MESSAGES = 100;
    /** The shortest span of intended send times that makes a backlog trend, seconds. */
    static final double MIN_TREND_SPAN_SECONDS = 0.2;

    private TrialReports()
    {
    }

    /**
     * @param sockets         the receiver's sockets.
     * @param select          which of each socket's trials (the current, the previous, one by id).
     * @param closed          whether the receiver is closed (its sockets' queues are then not read).
     * @param rcvbufRequested SO_RCVBUF asked for, 0 for the default.
     * @param throttle        the throttle now, as {@code --throttle} takes it.
     * @return the report of that trial over every socket that has it.
     */
    static ReceiverTrialReport assemble(final List<ReceiverSocket> sockets,
        final Function<SocketTrials, TrialAccounting> select, final boolean closed, final long rcvbufRequested,
        final String throttle)
    {
        final List<SocketResult> socketResults = new ArrayList<>();
        final List<StreamResult> streamResults = new ArrayList<>();
        final Map<String, Long> foreign = new LinkedHashMap<>();
        final Histogram latency = new Histogram(TrialAccounting.HIGHEST_LATENCY_NS, 3);
        long received = 0, unique = 0, gaps = 0, duplicates = 0, outOfOrder = 0, late = 0;
        long kernelDrops = 0, applicationDrops = 0, datagrams = 0, batches = 0, otherTrial = 0, endMarkers = 0;
        long rcvbufGranted = Long.MAX_VALUE;
        long negativeLatency = 0, clampedLatency = 0;
        int streamsEnded = 0;
        Integer trialId = null;
        boolean ended = true;
        double elapsedSeconds = 0;
        Double backlogGrowth = null;
        LossTimeline losses = LossTimeline.NONE;
        for (final ReceiverSocket socket : sockets)
        {
            final TrialAccounting trial = select.apply(socket.trials());
            if (trial == null)
            {
                continue;
            }
            if (trial.trialId() != TrialAccounting.UNKNOWN_TRIAL)
            {
                trialId = trial.trialId();
            }
            final MemInfo memInfo = closed ? new MemInfo(0, 0, 0) : socket.memInfo();
            final boolean trialEnded = trial.isEnded();
            ended &= trialEnded;
            final long[] nowCounters = trialEnded ? trial.endSocketCounters() : socket.counters().copy();
            final long dropsNow = trialEnded ? trial.endKernelDrops() : memInfo.drops();
            final long endNs = trialEnded ? trial.endNanoTime() : System.nanoTime();
            elapsedSeconds = Math.max(elapsedSeconds, (endNs - trial.startNanoTime()) / 1e9);
            final long socketDrops = MemInfo.dropsBetween(trial.startKernelDrops(), dropsNow);
            final long socketDatagrams = delta(trial, nowCounters, SocketCounters.DATAGRAMS);
            final long socketBatches = delta(trial, nowCounters, SocketCounters.BATCHES);
            final long socketAppDrops = delta(trial, nowCounters, SocketCounters.APPLICATION_DROPS);
            for (final DecodeResult reason : DecodeResult.values())
            {
                if (reason != DecodeResult.OK)
                {
                    foreign.merge(reason.name(), delta(trial, nowCounters, SocketCounters.foreign(reason)), Long::sum);
                }
            }
            long socketReceived = 0, socketUnique = 0, socketGaps = 0;
            final StreamTable streams = trial.streams();
            for (int i = 0; i < streams.size(); i++)
            {
                final StreamResult stream = streamResult(socket.index(), streams.get(i));
                streamResults.add(stream);
                socketReceived += stream.received();
                socketUnique += stream.unique();
                socketGaps += stream.gaps();
                duplicates += stream.duplicates();
                outOfOrder += stream.outOfOrder();
                late += stream.late();
                streamsEnded += stream.ended() ? 1 : 0;
            }
            received += socketReceived;
            unique += socketUnique;
            gaps += socketGaps;
            kernelDrops += socketDrops;
            applicationDrops += socketAppDrops;
            datagrams += socketDatagrams;
            batches += socketBatches;
            otherTrial += trial.counters().get(TrialAccounting.OTHER_TRIAL);
            endMarkers += trial.counters().get(TrialAccounting.END_MARKERS);
            rcvbufGranted = Math.min(rcvbufGranted, socket.rcvbufGranted());
            latency.add(trial.latencyCopy());
            losses = losses.plus(trial.lossTimeline());
            negativeLatency += trial.counters().get(TrialAccounting.NEGATIVE_LATENCY);
            clampedLatency += trial.counters().get(TrialAccounting.LATENCY_CLAMPED);
            final Double growth = trial.latencyTrend().slopeIfAtLeast(MIN_TREND_MESSAGES, MIN_TREND_SPAN_SECONDS);
            if (growth != null && (backlogGrowth == null || growth > backlogGrowth))
            {
                backlogGrowth = growth;
            }
            socketResults.add(new SocketResult(socket.index(), socket.label(), socket.inode(),
                socketReceived, socketUnique, socketGaps, socketDatagrams, socketBatches, socketDrops,
                memInfo.rxQueueBytes(), socketAppDrops, socket.rcvbufRequested(), socket.rcvbufGranted(),
                socket.reader().throttleState(), growth));
        }
        return new ReceiverTrialReport(trialId, ended, elapsedSeconds, received, unique, gaps, duplicates, outOfOrder, late,
            kernelDrops, applicationDrops, datagrams, batches, foreign, otherTrial, endMarkers, streamsEnded,
            rcvbufRequested, rcvbufGranted == Long.MAX_VALUE ? 0 : rcvbufGranted, throttle,
            socketResults, streamResults, LatencySummary.of(latency, negativeLatency, clampedLatency), backlogGrowth,
            losses.total() == 0 ? null : losses);
    }

    private static StreamResult streamResult(final int socket, final SequenceTracker tracker)
    {
        return new StreamResult(socket, tracker.streamId(), tracker.get(SequenceTracker.RECEIVED),
            tracker.get(SequenceTracker.UNIQUE), tracker.get(SequenceTracker.GAPS),
            tracker.get(SequenceTracker.DUPLICATES), tracker.get(SequenceTracker.OUT_OF_ORDER),
            tracker.get(SequenceTracker.LATE), tracker.get(SequenceTracker.LOSS_EVENTS),
            tracker.get(SequenceTracker.HIGHEST), tracker.isEnded());
    }

    private static long delta(final TrialAccounting trial, final long[] now, final int index)
    {
        return now[index] - trial.startSocketCounter(index);
    }
}
