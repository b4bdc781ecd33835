package io.rxbreak.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.CounterSampler;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.SoftnetStat;
import io.rxbreak.core.counters.SoftnetStatParser;
import io.rxbreak.core.counters.UdpSocket;
import io.rxbreak.core.counters.UdpSocketParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of reading the kernel counters: parsing a generated {@code /proc/net/udp} of {@code udpRows} sockets
 * and a {@code softnet_stat} of {@code cpus} CPUs (15 columns) from bytes in memory, and one whole snapshot of this
 * machine (every file read from /proc and /sys, as {@code counters watch} does each interval; tunables read once
 * per sampler, so {@link #liveSnapshotWithTunables} makes a fresh sampler each time).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CountersBench -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 * Aim: 10,000 udp rows under 2 ms, a whole snapshot under 5 ms, allocation proportional to the rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CountersBench
{
    @Param({"10000"})
    int udpRows;

    @Param({"256"})
    int cpus;

    private byte[] udp;
    private byte[] softnet;
    private final UdpSocketParser udpParser = new UdpSocketParser();
    private final SoftnetStatParser softnetParser = new SoftnetStatParser();
    private CounterSampler sampler;

    @Setup
    public void setUp()
    {
        final Random random = new Random(42);
        final StringBuilder text = new StringBuilder(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
        for (int i = 0; i < udpRows; i++)
        {
            text.append(String.format(Locale.ROOT,
                "%5d: %08X:%04X %08X:%04X %02X %08X:%08X 00:00000000 00000000 %5d        0 %d 2 %016x %d\n",
                i % 65536, random.nextInt(), random.nextInt(65536), 0, 0, 7, 0, random.nextInt(1 << 20),
                random.nextInt(2000), 100000 + i, random.nextLong(), random.nextInt(100000)));
        }
        udp = text.toString().getBytes(StandardCharsets.US_ASCII);
        final StringBuilder rows = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++)
        {
            for (int column = 1; column <= 15; column++)
            {
                rows.append(column > 1 ? " " : "").append(String.format("%08x", column == 13 ? cpu : random.nextInt()));
            }
            rows.append('\n');
        }
        softnet = rows.toString().getBytes(StandardCharsets.US_ASCII);
        sampler = new CounterSampler(CounterRoots.LIVE, true);
    }

    /**
     * @return every socket of a 10,000-row {@code /proc/net/udp}.
     */
    @Benchmark
    public List<UdpSocket> parseUdp()
    {
        return udpParser.parse(udp, udp.length, "udp", false);
    }

    /**
     * @return the rows of a 256-CPU softnet_stat.
     */
    @Benchmark
    public SoftnetStat parseSoftnet()
    {
        return softnetParser.parse(softnet, softnet.length, "softnet_stat");
    }

    /**
     * @return one whole snapshot of this machine, as each {@code counters watch} interval takes it.
     */
    @Benchmark
    public CounterSnapshot liveSnapshot()
    {
        return sampler.sample();
    }

    /**
     * @return one whole snapshot of this machine including the tunables (IRQ affinity, RPS, sysctls).
     */
    @Benchmark
    public CounterSnapshot liveSnapshotWithTunables()
    {
        return new CounterSampler(CounterRoots.LIVE, true).sample();
    }
}
