package io.rxbreak.controller.report.hlog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyLogWriterTest
{
    private static final long RUN_START_MS = 1_795_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void theLogParsesBackWithHdrHistogramsReaderTaggedByTrial() throws Exception
    {
        final Histogram recycled = new Histogram(3_600_000_000_000L, 3);
        final List<Histogram> written = new ArrayList<>();
        try (LatencyLogWriter log = LatencyLogWriter.create(temp, RUN_START_MS))
        {
            for (int trial = 1; trial <= 3; trial++)
            {
                for (int interval = 0; interval < 2; interval++)
                {
                    recycled.reset();
                    for (int i = 1; i <= 1_000; i++)
                    {
                        recycled.recordValue(1_000L * trial + i * (interval + 1));
                    }
                    written.add(recycled.copy());
                    final long start = RUN_START_MS + 10_000L * trial + 1_000L * interval;
                    log.append(trial, start, start + 1_000, recycled);
                }
            }
        }

        final HistogramLogReader reader = new HistogramLogReader(temp.resolve(LatencyLogWriter.FILE).toFile());
        final List<EncodableHistogram> read = new ArrayList<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null)
        {
            read.add(next);
        }
        assertThat(reader.getStartTimeSec()).isEqualTo(RUN_START_MS / 1000.0);
        assertThat(read).hasSize(6);
        for (int i = 0; i < read.size(); i++)
        {
            final Histogram histogram = (Histogram)read.get(i);
            final int trial = i / 2 + 1;
            assertThat(histogram.getTag()).isEqualTo(Integer.toString(trial));
            assertThat(histogram).isEqualTo(written.get(i));
            assertThat(histogram.getTotalCount()).isEqualTo(1_000);
            assertThat(histogram.getStartTimeStamp()).isEqualTo(RUN_START_MS + 10_000L * trial + 1_000L * (i % 2));
            assertThat(histogram.getEndTimeStamp()).isEqualTo(histogram.getStartTimeStamp() + 1_000);
        }
        assertThat(recycled.getTag()).as("the caller's histogram is not changed").isNull();
    }
}
