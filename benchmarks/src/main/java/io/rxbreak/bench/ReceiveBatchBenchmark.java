package io.rxbreak.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.DatagramProcessor;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;

/**
 * The receive path's work per datagram, as the reading thread does it for one {@code recvmmsg} batch of
 * {@value #BATCH} datagrams laid out in one buffer: count, decode in place, find the stream, track the sequence,
 * record the latency and its trend ({@link DatagramProcessor}), with the receipt time read once per batch. The score
 * is ns per datagram. Prove that it allocates nothing with {@code -prof gc} (gc.alloc.rate.norm about 0 B/op):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReceiveBatchBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReceiveBatchBenchmark
{
    static final int BATCH = 64;

    @Param({"64", "512", "1400"})
    public int sizeBytes;

    @Param({"1", "8"})
    public int streams;

    private ByteBuf slots;
    private DatagramProcessor processor;
    private EpochClock clock;
    private long round;

    @Setup(Level.Iteration)
    public void setUp()
    {
        slots = Unpooled.directBuffer(BATCH * sizeBytes);
        slots.writerIndex(BATCH * sizeBytes);
        clock = EpochClock.system();
        for (int i = 0; i < BATCH; i++)
        {
            MessageHeader.encode(slots, i * sizeBytes, 0, sizeBytes, i % streams, 1, 0, clock.epochNs());
        }
        final SocketCounters counters = new SocketCounters();
        processor = new DatagramProcessor(counters,
            new Accountant(new SocketTrials(() -> 0, counters, System::nanoTime), clock, true), clock, "bench", 1);
    }

    @TearDown(Level.Iteration)
    public void tearDown()
    {
        slots.release();
    }

    /**
     * One batch: the sender's headers get their next sequences (as a recvmmsg call would fill the slots), then the
     * reading thread handles them.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batch()
    {
        final long sentNs = clock.epochNs() - 50_000;
        final long base = round++ * BATCH / streams;
        for (int i = 0; i < BATCH; i++)
        {
            MessageHeader.update(slots, i * sizeBytes, 0, base + i / streams, sentNs);
        }
        processor.onBatchStart();
        for (int i = 0; i < BATCH; i++)
        {
            processor.onDatagram(slots, i * sizeBytes, sizeBytes);
        }
        processor.onBatchEnd();
    }
}
