package io.rxbreak.core.counters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.rxbreak.core.counters.ParseFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftirqsAndKsoftirqdTest
{
    private static Softirqs softirqs(final String name)
    {
        final byte[] data = bytes("/fixtures/softirqs/" + name);
        return new SoftirqsParser().parse(data, data.length, name);
    }

    @Test
    void readsNetRxAndNetTxPerCpuOfARealFile()
    {
        assertThat(softirqs("real-6.18-2cpu.txt").cpus()).containsExactly(
            new SoftirqCpu(0, 633_215_664L, 557), new SoftirqCpu(1, 94_415_553L, 633));
    }

    @Test
    void takesCpuIdsFromTheHeaderAndAFileWithoutNetTx()
    {
        final List<SoftirqCpu> cpus = softirqs("8cpu-no-net-tx.txt").cpus();
        assertThat(cpus).hasSize(8);
        assertThat(cpus.get(0)).isEqualTo(new SoftirqCpu(0, 4_294_967_295L, SoftnetCpu.ABSENT));
        assertThat(cpus.get(7)).isEqualTo(new SoftirqCpu(7, 70, SoftnetCpu.ABSENT));
    }

    @Test
    void aShortRowNamesItsLine()
    {
        assertThatThrownBy(() -> softirqs("malformed-short-row.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining(":4:").hasMessageContaining("NET_RX count of column 2");
    }

    @Test
    void readsUtimePlusStimeOfAStatLine()
    {
        final byte[] data = bytes("/fixtures/ksoftirqd/stat-ksoftirqd-0.txt");
        assertThat(KsoftirqdReader.statCpuNs(data, data.length, "stat")).isEqualTo((37 + 10_270) * 10_000_000L);
    }

    @Test
    void findsTheThreadsByCommOnceAndReadsSchedstatOrElseStat(@TempDir final Path proc) throws IOException
    {
        thread(proc, 14, "ksoftirqd/0", "102701622359 329818397167 1046156\n", null);
        thread(proc, 22, "ksoftirqd/1", null, new String(bytes("/fixtures/ksoftirqd/stat-ksoftirqd-0.txt"),
            StandardCharsets.US_ASCII).replace("14 (ksoftirqd/0)", "22 (ksoftirqd/1)"));
        thread(proc, 300, "java", "1 2 3\n", null);
        thread(proc, 301, "ksoftirqd/x", "1 2 3\n", null);
        final KsoftirqdReader reader = new KsoftirqdReader(proc);
        final CounterFiles files = new CounterFiles();
        assertThat(reader.read(files)).containsExactly(
            new KsoftirqdThread(0, 14, 102_701_622_359L, 329_818_397_167L),
            new KsoftirqdThread(1, 22, (37 + 10_270) * 10_000_000L, SoftnetCpu.ABSENT));
        thread(proc, 40, "ksoftirqd/2", "1 2 3\n", null);
        assertThat(reader.read(files)).as("found once").hasSize(2);
        assertThat(new KsoftirqdReader(proc.resolve("none")).read(files)).isNull();
    }

    private static void thread(final Path proc, final int pid, final String comm, final String schedstat,
        final String stat) throws IOException
    {
        final Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        if (schedstat != null)
        {
            Files.writeString(dir.resolve("schedstat"), schedstat);
        }
        if (stat != null)
        {
            Files.writeString(dir.resolve("stat"), stat);
        }
    }
}
