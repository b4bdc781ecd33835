package io.rxbreak.core.counters;

import static io.rxbreak.core.counters.ParseFixtures.softnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftnetStatParserTest
{
    @ParameterizedTest
    @CsvSource({
        "width-9-linux-3.x.txt, 9, 2",
        "width-10-rhel7.txt, 10, 2",
        "width-11-linux-4.x.txt, 11, 3",
        "width-13-cpu1-offline.txt, 13, 3",
        "width-15-linux-6.x.txt, 15, 2",
        "width-17-future.txt, 17, 2",
    })
    void parsesEveryKnownWidth(final String file, final int columns, final int rows)
    {
        final SoftnetStat stat = softnet(file);
        assertThat(stat.columns()).isEqualTo(columns);
        assertThat(stat.cpus()).hasSize(rows);
        final SoftnetCpu first = stat.cpus().get(0);
        assertThat(first.processed()).isEqualTo(0x0a4d3c1fL);
        assertThat(first.dropped()).isEqualTo(3);
        assertThat(first.timeSqueeze()).isEqualTo(0x1e);
        assertThat(first.receivedRps()).isEqualTo(columns >= 10 ? 0x11 : SoftnetCpu.ABSENT);
        assertThat(first.flowLimitCount()).isEqualTo(columns >= 11 ? 1 : SoftnetCpu.ABSENT);
        assertThat(first.backlogLen()).isEqualTo(columns >= 12 ? 5 : SoftnetCpu.ABSENT);
        assertThat(first.inputQueueLen()).isEqualTo(columns >= 14 ? 4 : SoftnetCpu.ABSENT);
        assertThat(first.processQueueLen()).isEqualTo(columns >= 15 ? 1 : SoftnetCpu.ABSENT);
        assertThat(stat.cpuIdSource()).isEqualTo(columns >= 13 ? CpuIdSource.CPU_COLUMN : CpuIdSource.ROW_NUMBER);
    }

    @Test
    void takesTheCpuIdFromColumn13NotTheRowNumber()
    {
        final SoftnetStat stat = softnet("width-13-cpu1-offline.txt");
        assertThat(stat.cpus()).extracting(SoftnetCpu::cpu).containsExactly(0, 2, 3);
        assertThat(stat.cpu(3).processed()).isEqualTo(0xff);
        assertThat(stat.cpu(1)).isNull();
    }

    @Test
    void usesTheRowNumberWithoutTheCpuColumn()
    {
        final SoftnetStat stat = softnet("width-11-linux-4.x.txt");
        assertThat(stat.cpus()).extracting(SoftnetCpu::cpu).containsExactly(0, 1, 2);
        assertThat(stat.cpu(2).processed()).isEqualTo(0xffffffffL);
        assertThat(stat.cpu(2).dropped()).isEqualTo(0xabcd);
    }

    @Test
    void parsesThisMachinesRealFile()
    {
        final SoftnetStat stat = softnet("real-6.18-width-15.txt");
        assertThat(stat.columns()).isEqualTo(15);
        assertThat(stat.cpus()).extracting(SoftnetCpu::cpu).containsExactly(0, 1);
    }

    @Test
    void namesFileLineAndExpectationOnBadHex()
    {
        assertThatThrownBy(() -> softnet("malformed-bad-hex.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-bad-hex.txt:2")
            .hasMessageContaining("hexadecimal");
    }

    @Test
    void rejectsRaggedRows()
    {
        assertThatThrownBy(() -> softnet("malformed-ragged.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-ragged.txt:2")
            .hasMessageContaining("expected 11 columns");
    }

    @Test
    void rejectsTooFewColumns()
    {
        assertThatThrownBy(() -> softnet("malformed-short.txt"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("malformed-short.txt:1")
            .hasMessageContaining("at least 9");
    }

    @Test
    void rejectsAnEmptyFile()
    {
        assertThatThrownBy(() -> new SoftnetStatParser().parse(new byte[0], 0, "empty"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("empty: expected one row per CPU");
    }

    /** Widths with no fixture of their own: 12 columns (backlog, no CPU id) and 14 (input queue, no process queue). */
    @Test
    void takesEachOptionalColumnFromTheWidthThatBringsIt()
    {
        final SoftnetCpu twelve = parse("1 2 3 0 0 0 0 0 4 5 6 7").cpus().get(0);
        assertThat(twelve.cpuCollision()).isEqualTo(4);
        assertThat(twelve.receivedRps()).isEqualTo(5);
        assertThat(twelve.flowLimitCount()).isEqualTo(6);
        assertThat(twelve.backlogLen()).isEqualTo(7);
        assertThat(twelve.inputQueueLen()).isEqualTo(SoftnetCpu.ABSENT);
        assertThat(twelve.cpu()).as("the row number").isZero();
        final SoftnetCpu fourteen = parse("1 2 3 0 0 0 0 0 4 5 6 7 2 8").cpus().get(0);
        assertThat(fourteen.cpu()).isEqualTo(2);
        assertThat(fourteen.inputQueueLen()).isEqualTo(8);
        assertThat(fourteen.processQueueLen()).isEqualTo(SoftnetCpu.ABSENT);
    }

    @Test
    void rejectsAColumnWiderThan32Bits()
    {
        assertThat(parse("ffffffff 0 0 0 0 0 0 0 0").cpus().get(0).processed()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> parse("0 100000000 0 0 0 0 0 0 0"))
            .isInstanceOf(MalformedCounterException.class)
            .hasMessageContaining("softnet_stat:1: expected column 2 to be a 32-bit hexadecimal number");
    }

    private static SoftnetStat parse(final String rows)
    {
        final byte[] data = rows.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new SoftnetStatParser().parse(data, data.length, "softnet_stat");
    }

    @Test
    void readsAFileThroughCounterFilesAndAMissingOneIsNull(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws java.io.IOException
    {
        final java.nio.file.Path file = dir.resolve("softnet_stat");
        java.nio.file.Files.writeString(file, "0000000a 00000001 0 0 0 0 0 0 0\n");
        final CounterFiles files = new CounterFiles();
        assertThat(new SoftnetStatParser().read(file, files).cpus().get(0).processed()).isEqualTo(10);
        assertThat(new SoftnetStatParser().read(dir.resolve("missing"), files)).isNull();
    }
}
