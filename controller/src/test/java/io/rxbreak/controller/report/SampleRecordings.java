package io.rxbreak.controller.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.timeline.RecordingHeader;
import io.rxbreak.core.timeline.RecordingWriter;
import io.rxbreak.core.timeline.TimelineSample;

/**
 * A recording as {@code counters watch --record} writes it, of a known shape: {@link #SAMPLES} samples every
 * 100 ms on two CPUs and one socket, quiet but for {@link #SPIKE_DROPS} socket-buffer drops in sample
 * {@link #SPIKE_SAMPLE}.
 */
public final class SampleRecordings
{
    /** How many samples. */
    public static final int SAMPLES = 3_000;
    /** The step, ms. */
    public static final long STEP_MS = 100;
    /** The first sample's start. */
    public static final long START_EPOCH_MS = 1_796_190_000_000L;
    /** The sample with the loss (its interval starts at {@code SPIKE_SAMPLE * STEP_MS} after the start). */
    public static final int SPIKE_SAMPLE = 2_000;
    /** The socket-buffer drops in it. */
    public static final long SPIKE_DROPS = 37;
    /** The socket followed. */
    public static final long INODE = 606_051;

    private SampleRecordings()
    {
    }

    /**
     * @param file where to write it.
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path file) throws IOException
    {
        final RecordingHeader header = new RecordingHeader(RecordingHeader.SCHEMA_VERSION, "testhost", "boot",
            "6.18.0", STEP_MS * 1_000_000L, START_EPOCH_MS, "--port 5000", null, null);
        try (RecordingWriter writer = RecordingWriter.create(file, header))
        {
            for (int i = 0; i < SAMPLES; i++)
            {
                final long drops = i == SPIKE_SAMPLE ? SPIKE_DROPS : 0;
                final Map<Layer, Long> layers = new HashMap<>(Map.of(Layer.NIC, 0L, Layer.SOFTIRQ_BACKLOG, 0L,
                    Layer.SOCKET_BUFFER, drops));
                writer.write(new TimelineSample(START_EPOCH_MS + (i + 1) * STEP_MS, STEP_MS * 1_000_000L, layers,
                    drops == 0 ? Map.of() : Map.of(INODE, drops), Map.of(INODE, i >= SPIKE_SAMPLE - 5 ? 4_096L : 832L),
                    Map.of(0, i % 50 == 0 ? 3L : 0L, 1, 0L), Map.of(0, 1_000L + i % 7, 1, 200L),
                    Map.of(0, 5_000_000L, 1, 1_000_000L), Map.of(0, 2_000_000L, 1, 0L), null));
            }
        }
    }
}
