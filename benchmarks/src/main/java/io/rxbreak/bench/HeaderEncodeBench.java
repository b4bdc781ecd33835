package io.rxbreak.bench;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.rxbreak.core.wire.MessageHeader;
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

/**
 * The sender's per-message header work on a reused direct buffer: a full {@link MessageHeader#encode} (once per
 * slot and trial) and the per-message {@link MessageHeader#update} of flags, sequence and intended send time,
 * alone and over a 64-message GSO run of slots. {@code -prof gc} must show no allocation
 * ({@code gc.alloc.rate.norm} about 0 B/op).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HeaderEncodeBench -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderEncodeBench
{
    private static final int SLOTS = 64;

    @Param({"64", "1400"})
    int sizeBytes;

    private ByteBuf buffer;
    private long sequence;

    @Setup(Level.Trial)
    public void allocate()
    {
        buffer = PooledByteBufAllocator.DEFAULT.directBuffer(SLOTS * sizeBytes, SLOTS * sizeBytes);
        for (int slot = 0; slot < SLOTS; slot++)
        {
            MessageHeader.encode(buffer, slot * sizeBytes, 0, sizeBytes, 1, 7, 0, 0);
        }
    }

    @TearDown(Level.Trial)
    public void release()
    {
        buffer.release();
    }

    /**
     * @return the buffer, so the writes are not dead code.
     */
    @Benchmark
    public ByteBuf encode()
    {
        final long s = sequence++;
        MessageHeader.encode(buffer, 0, 0, sizeBytes, 1, 7, s, s);
        return buffer;
    }

    @Benchmark
    public ByteBuf update()
    {
        final long s = sequence++;
        MessageHeader.update(buffer, 0, MessageHeader.FLAG_WARM_UP, s, s);
        return buffer;
    }

    /**
     * @return the buffer after updating 64 consecutive slots, as one GSO send of 64 segments needs.
     */
    @Benchmark
    public ByteBuf updateGsoRun()
    {
        final long s = sequence;
        for (int slot = 0; slot < SLOTS; slot++)
        {
            MessageHeader.update(buffer, slot * sizeBytes, 0, s + slot, s + slot);
        }
        sequence = s + SLOTS;
        return buffer;
    }
}
