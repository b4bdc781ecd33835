package io.rxbreak.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.SequenceTracker;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;

/**
 * The receiver's per-message accounting on its hot thread, in ns per message: decode the header in place
 * ({@link MessageDecoder}), find the stream, track the sequence ({@link SequenceTracker}) and record the latency
 * (HdrHistogram SingleWriterRecorder), as {@link Accountant#onMessage} does for every datagram. {@code pattern}
 * feeds in-order sequences, or every 100th missing with some reordering. Prove that it allocates nothing with
 * {@code -prof gc} (gc.alloc.rate.norm about 0 B/op):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReceiveAccountingBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReceiveAccountingBenchmark
{
    @Param({"inOrder", "lossAndReorder"})
    public String pattern;

    private ByteBuf datagram;
    private final MessageDecoder decoder = new MessageDecoder();
    private Accountant accountant;
    private EpochClock clock;
    private SequenceTracker tracker;
    private long sequence;
    private boolean lossy;

    @Setup(Level.Iteration)
    public void setUp()
    {
        datagram = Unpooled.directBuffer(64);
        datagram.writerIndex(64);
        clock = EpochClock.system();
        MessageHeader.encode(datagram, 0, 0, 64, 1, 1, 0, clock.epochNs());
        accountant = new Accountant(new SocketTrials(() -> 0, new SocketCounters(), System::nanoTime), clock, true);
        tracker = new SequenceTracker(1);
        lossy = "lossAndReorder".equals(pattern);
    }

    @TearDown(Level.Iteration)
    public void tearDown()
    {
        datagram.release();
    }

    private long nextSequence()
    {
        final long s = sequence++;
        if (!lossy)
        {
            return s;
        }
        if (s % 100 == 0)
        {
            sequence++;
        }
        return (s & 7) == 3 ? s + 1 : (s & 7) == 4 ? s - 1 : s;
    }

    /**
     * Decode, sequence and latency: the whole accounting of one message.
     *
     * @return the decode result, so that nothing is optimised away.
     */
    @Benchmark
    public DecodeResult decodeSequenceHistogram()
    {
        MessageHeader.update(datagram, 0, 0, nextSequence(), clock.epochNs() - 50_000);
        final DecodeResult result = decoder.wrap(datagram);
        if (result == DecodeResult.OK)
        {
            accountant.onMessage(decoder.streamId(), decoder.trialId(), decoder.flags(), decoder.sequence(),
                decoder.intendedSendTimeNs());
        }
        return result;
    }

    /**
     * The sequence tracker alone.
     *
     * @return a counter, so that nothing is optimised away.
     */
    @Benchmark
    public long sequenceOnly()
    {
        tracker.onSequence(nextSequence());
        return tracker.get(SequenceTracker.GAPS);
    }
}
