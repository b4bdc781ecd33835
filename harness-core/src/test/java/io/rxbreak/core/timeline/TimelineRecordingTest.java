package io.rxbreak.core.timeline;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.counters.CounterDiffer;
import io.rxbreak.core.counters.CounterSnapshot;
import io.rxbreak.core.counters.KsoftirqdThread;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.SocketSelection;
import io.rxbreak.core.counters.SoftirqCpu;
import io.rxbreak.core.counters.Softirqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineRecordingTest
{
    private static final RecordingHeader HEADER = new RecordingHeader(RecordingHeader.SCHEMA_VERSION, "host",
        "boot-1", "6.18.0", 100_000_000L, 1_764_654_105_000L, "--port 5000", null, null);

    private static TimelineSample sample(final long epochMs, final long socketDrops, final long rxQueueBytes)
    {
        return new TimelineSample(epochMs, 100_000_000L, Map.of(Layer.SOCKET_BUFFER, socketDrops, Layer.NIC, 0L),
            socketDrops == 0 ? Map.of() : Map.of(606_051L, socketDrops),
            rxQueueBytes == 0 ? Map.of() : Map.of(606_051L, rxQueueBytes), Map.of(0, 2L, 1, 0L),
            Map.of(0, 900L, 1, 30L), Map.of(0, 4_000_000L, 1, 0L), Map.of(0, 1_000_000L, 1, 0L), null);
    }

    @Test
    void aRecordingReadsBackExactlyAndACutLastLineIsSkipped(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("rec.jsonl");
        final List<TimelineSample> written = new ArrayList<>();
        try (RecordingWriter writer = RecordingWriter.create(file, HEADER))
        {
            for (int i = 1; i <= 50; i++)
            {
                final TimelineSample sample = sample(HEADER.startEpochMs() + 100L * i, i % 7 == 0 ? i : 0, 832L * i);
                writer.write(sample);
                written.add(sample);
            }
            assertThat(writer.lines()).isEqualTo(51);
        }
        assertThat(RecordingReader.isRecording(file)).isTrue();
        final List<TimelineSample> read = new ArrayList<>();
        assertThat(RecordingReader.read(file, read::add)).isEqualTo(HEADER);
        assertThat(read).isEqualTo(written);

        Files.writeString(file, "{\"epochMs\":17646541", StandardOpenOption.APPEND); // killed while writing
        read.clear();
        RecordingReader.read(file, read::add);
        assertThat(read).isEqualTo(written);

        final List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(3, "not json");
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordingReader.read(file, s -> { })).hasMessageContaining("line 4");
        assertThatThrownBy(() -> RecordingWriter.create(file, HEADER)).isInstanceOf(IOException.class);
    }

    @Test
    void theRecorderKeepsNoSampleAndWritesALinePerInterval(@TempDir final Path dir) throws IOException
    {
        for (final Field field : TimelineRecorder.class.getDeclaredFields())
        {
            assertThat(Modifier.isFinal(field.getModifiers())).as(field.getName() + " is final").isTrue();
            assertThat(Collection.class.isAssignableFrom(field.getType()) || field.getType().isArray()
                || field.getType() == TimelineSample.class || field.getType() == CounterSnapshot.class)
                .as(field.getName() + " holds no samples").isFalse();
        }
        final Path file = dir.resolve("rec.jsonl");
        CounterSnapshot previous = snapshot(0, 100, 5_000_000L);
        try (TimelineRecorder recorder = new TimelineRecorder(RecordingWriter.create(file, HEADER), null))
        {
            for (int i = 1; i <= 1_000; i++)
            {
                final CounterSnapshot now = snapshot(i * 100_000_000L, 100 + 3L * i, 5_000_000L + 2_000_000L * i);
                recorder.onInterval(CounterDiffer.diff(previous, now, SocketSelection.ALL));
                previous = now;
            }
            assertThat(recorder.samples()).isEqualTo(1_000);
        }
        final List<TimelineSample> read = new ArrayList<>();
        RecordingReader.read(file, read::add);
        assertThat(read).hasSize(1_000);
        assertThat(read).allSatisfy(sample ->
        {
            assertThat(sample.intervalNs()).isEqualTo(100_000_000L);
            assertThat(sample.netRx()).isEqualTo(Map.of(0, 3L));
            assertThat(sample.ksoftirqdCpuNs()).isEqualTo(Map.of(0, 2_000_000L));
            assertThat(sample.ksoftirqdWaitNs()).isEqualTo(Map.of(0, 0L));
        });
    }

    private static CounterSnapshot snapshot(final long monotonicNs, final long netRx, final long ksoftirqdNs)
    {
        return new CounterSnapshot(monotonicNs, 1_000 + monotonicNs / 1_000_000, "boot", null, null, null, null, null,
            null, List.of(), null, null, null, new Softirqs(List.of(new SoftirqCpu(0, netRx, 0))),
            List.of(new KsoftirqdThread(0, 14, ksoftirqdNs, 7)));
    }

    @Test
    void theDownsamplerKeepsEverySpike()
    {
        final int points = 36_000; // an hour at 100 ms
        final MaxDownsampler downsampler = new MaxDownsampler(points, 1_500);
        for (int i = 0; i < points; i++)
        {
            downsampler.add(i, i == 12_345 ? 1_000 : i == 30_001 ? 7 : 1);
        }
        assertThat(downsampler.bucket()).isEqualTo(24);
        final double[] values = downsampler.values();
        final long[] times = downsampler.times();
        assertThat(values).hasSize(1_500);
        assertThat(values[12_345 / 24]).isEqualTo(1_000);
        assertThat(times[12_345 / 24]).isEqualTo(12_345);
        assertThat(values[30_001 / 24]).isEqualTo(7);
        assertThat(java.util.Arrays.stream(values).filter(v -> v == 1).count()).isEqualTo(1_498);
    }

    @Test
    void aTrialTimelineStaysBoundedAndKeepsTheTotalsAndThePeak()
    {
        final TrialTimeline timeline = new TrialTimeline(8);
        long drops = 0;
        for (int i = 1; i <= 37; i++)
        {
            timeline.add(sample(1_000L * i, i, i == 20 ? 99_999 : 832));
            drops += i;
        }
        final List<TimelineSample> points = timeline.points();
        assertThat(points.size()).isLessThanOrEqualTo(8);
        assertThat(points.stream().mapToLong(p -> p.socketDrops().get(606_051L)).sum()).isEqualTo(drops);
        assertThat(points.stream().mapToLong(TimelineSample::intervalNs).sum()).isEqualTo(37 * 100_000_000L);
        assertThat(points.stream().mapToLong(TimelineSample::totalRxQueueBytes).max().getAsLong()).isEqualTo(99_999);
        assertThat(points.get(points.size() - 1).epochMs()).isEqualTo(37_000);
    }
}
