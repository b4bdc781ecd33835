package io.rxbreak.controller.report.html;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.timeline.AppLossEvents;
import io.rxbreak.core.timeline.MaxDownsampler;
import io.rxbreak.core.timeline.TimelineSample;

/**
 * A timeline's samples turned into chart series of at most a given number of points, each point the largest value
 * of the samples it stands for ({@link MaxDownsampler}): drops per second per layer, time_squeeze, NET_RX softirqs
 * per second and ksoftirqd's CPU use per CPU, rx_queue per socket (the busiest few), and the points where anything
 * was lost. Reads its source twice (once to count and find the CPUs and sockets, once to fill), so a recording of
 * hours is never held in memory.
 */
final class TimelineSeries
{
    /** The most sockets given a line of their own in the rx_queue chart. */
    static final int MAX_SOCKETS = 6;

    /**
     * Samples in time order, replayable.
     */
    @FunctionalInterface
    interface Source
    {
        /**
         * @param each receives every sample, in order.
         * @throws IOException when the samples cannot be read.
         */
        void forEach(Consumer<TimelineSample> each) throws IOException;
    }

    final long samples;
    final int bucket;
    final long startEpochMs;
    final long[] pointEpochMs;
    final Map<Layer, double[]> dropsPerSecond = new EnumMap<>(Layer.class);
    final Map<Integer, double[]> timeSqueezePerSecond = new TreeMap<>();
    final Map<Integer, double[]> netRxPerSecond = new TreeMap<>();
    final Map<Integer, double[]> ksoftirqdCpu = new TreeMap<>();
    final Map<Integer, double[]> ksoftirqdWait = new TreeMap<>();
    final Map<Long, double[]> rxQueueBytes = new LinkedHashMap<>();
    /** The selected sockets' own drops per second (the socket-buffer layer counts the whole namespace), or null. */
    double[] selectedSocketDropsPerSecond;
    final long[] lostPerPoint;
    final Map<Layer, Long> lostByLayer = new EnumMap<>(Layer.class);
    final long appLossOutside;

    private TimelineSeries(final long samples, final int bucket, final long startEpochMs, final int points,
        final long appLossOutside)
    {
        this.samples = samples;
        this.bucket = bucket;
        this.startEpochMs = startEpochMs;
        this.pointEpochMs = new long[points];
        this.lostPerPoint = new long[points];
        this.appLossOutside = appLossOutside;
    }

    /**
     * @return how many points each series has.
     */
    int points()
    {
        return pointEpochMs.length;
    }

    /**
     * @param source the samples.
     * @param events the application's own loss events to lay on the timeline (as application-layer drops), or
     *     null.
     * @param maxPoints the most points per series.
     * @return the series.
     * @throws IOException when the source cannot be read.
     */
    static TimelineSeries of(final Source source, final AppLossEvents events, final int maxPoints) throws IOException
    {
        final Survey survey = new Survey();
        source.forEach(survey);
        final long appLossInside = events == null || survey.count == 0 ? 0
            : events.lostBetween(survey.firstEpochMs, survey.lastEpochMs);
        final long appLossOutside = events == null ? 0 : total(events) - appLossInside;
        final Filler filler = new Filler(survey, events, maxPoints, appLossOutside);
        source.forEach(filler);
        return filler.finish();
    }

    private static long total(final AppLossEvents events)
    {
        long total = 0;
        for (final long count : events.counts())
        {
            total += count;
        }
        return total;
    }

    /**
     * The first pass: how many samples, which layers, CPUs and sockets, and the time they cover.
     */
    private static final class Survey implements Consumer<TimelineSample>
    {
        long count;
        long firstEpochMs;
        long lastEpochMs;
        final TreeSet<Layer> layers = new TreeSet<>();
        final TreeSet<Integer> squeezeCpus = new TreeSet<>();
        final TreeSet<Integer> netRxCpus = new TreeSet<>();
        final TreeSet<Integer> ksoftirqdCpus = new TreeSet<>();
        final TreeSet<Integer> waitCpus = new TreeSet<>();
        final Map<Long, Long> socketPeaks = new TreeMap<>();
        boolean socketDrops;

        @Override
        public void accept(final TimelineSample sample)
        {
            if (count == 0)
            {
                firstEpochMs = sample.epochMs() - sample.intervalNs() / 1_000_000L;
            }
            lastEpochMs = sample.epochMs();
            count++;
            if (sample.drops() != null)
            {
                layers.addAll(sample.drops().keySet());
            }
            keys(sample.timeSqueeze(), squeezeCpus);
            keys(sample.netRx(), netRxCpus);
            keys(sample.ksoftirqdCpuNs(), ksoftirqdCpus);
            keys(sample.ksoftirqdWaitNs(), waitCpus);
            if (sample.rxQueueBytes() != null)
            {
                sample.rxQueueBytes().forEach((inode, bytes) -> socketPeaks.merge(inode, bytes, Math::max));
            }
            socketDrops |= sample.socketDrops() != null;
        }

        private static void keys(final Map<Integer, Long> values, final TreeSet<Integer> into)
        {
            if (values != null)
            {
                into.addAll(values.keySet());
            }
        }

        List<Long> busiestSockets()
        {
            final List<Map.Entry<Long, Long>> sockets = new ArrayList<>(socketPeaks.entrySet());
            sockets.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            final List<Long> busiest = new ArrayList<>();
            for (int i = 0; i < Math.min(MAX_SOCKETS, sockets.size()); i++)
            {
                busiest.add(sockets.get(i).getKey());
            }
            busiest.sort(null);
            return busiest;
        }
    }

    /**
     * The second pass: each series through its own downsampler.
     */
    private static final class Filler implements Consumer<TimelineSample>
    {
        private final AppLossEvents events;
        private final TimelineSeries series;
        private final Map<Layer, MaxDownsampler> drops = new EnumMap<>(Layer.class);
        private final Map<Integer, MaxDownsampler> squeeze = new TreeMap<>();
        private final Map<Integer, MaxDownsampler> netRx = new TreeMap<>();
        private final Map<Integer, MaxDownsampler> cpu = new TreeMap<>();
        private final Map<Integer, MaxDownsampler> wait = new TreeMap<>();
        private final Map<Long, MaxDownsampler> rxQueue = new LinkedHashMap<>();
        private final MaxDownsampler socketDrops;
        private long index;

        Filler(final Survey survey, final AppLossEvents events, final int maxPoints, final long appLossOutside)
        {
            this.events = events;
            final MaxDownsampler probe = new MaxDownsampler(survey.count, maxPoints);
            final int points = (int)((survey.count + probe.bucket() - 1) / probe.bucket());
            this.series = new TimelineSeries(survey.count, probe.bucket(), survey.firstEpochMs, points, appLossOutside);
            final TreeSet<Layer> layers = new TreeSet<>(survey.layers);
            if (events != null)
            {
                layers.add(Layer.APPLICATION);
            }
            layers.forEach(layer -> drops.put(layer, new MaxDownsampler(survey.count, maxPoints)));
            survey.squeezeCpus.forEach(c -> squeeze.put(c, new MaxDownsampler(survey.count, maxPoints)));
            survey.netRxCpus.forEach(c -> netRx.put(c, new MaxDownsampler(survey.count, maxPoints)));
            survey.ksoftirqdCpus.forEach(c -> cpu.put(c, new MaxDownsampler(survey.count, maxPoints)));
            survey.waitCpus.forEach(c -> wait.put(c, new MaxDownsampler(survey.count, maxPoints)));
            survey.busiestSockets().forEach(s -> rxQueue.put(s, new MaxDownsampler(survey.count, maxPoints)));
            socketDrops = survey.socketDrops ? new MaxDownsampler(survey.count, maxPoints) : null;
        }

        @Override
        public void accept(final TimelineSample sample)
        {
            final int point = (int)(index / series.bucket);
            final long fromMs = sample.epochMs() - sample.intervalNs() / 1_000_000L;
            if (index % series.bucket == 0 && point < series.pointEpochMs.length)
            {
                series.pointEpochMs[point] = fromMs;
            }
            final double seconds = sample.intervalNs() / 1e9;
            final long appLoss = events == null ? 0 : events.lostBetween(fromMs, sample.epochMs());
            long lost = appLoss;
            for (final Map.Entry<Layer, MaxDownsampler> layer : drops.entrySet())
            {
                final Long count = sample.drops() == null ? null : sample.drops().get(layer.getKey());
                long value = count == null ? 0 : count;
                if (layer.getKey() == Layer.APPLICATION)
                {
                    value += appLoss;
                }
                lost += count == null ? 0 : count;
                if (value > 0)
                {
                    series.lostByLayer.merge(layer.getKey(), value, Long::sum);
                }
                layer.getValue().add(sample.epochMs(), count == null && value == 0 ? Double.NaN : value / seconds);
            }
            if (point < series.lostPerPoint.length)
            {
                series.lostPerPoint[point] += lost;
            }
            if (socketDrops != null)
            {
                socketDrops.add(sample.epochMs(), sample.socketDrops() == null || seconds <= 0 ? Double.NaN
                    : TimelineSample.sum(sample.socketDrops()) / seconds);
            }
            perSecond(squeeze, sample.timeSqueeze(), sample.epochMs(), seconds, 1);
            perSecond(netRx, sample.netRx(), sample.epochMs(), seconds, 1);
            perSecond(cpu, sample.ksoftirqdCpuNs(), sample.epochMs(), seconds, 1e-9 * 100);
            perSecond(wait, sample.ksoftirqdWaitNs(), sample.epochMs(), seconds, 1e-9 * 100);
            for (final Map.Entry<Long, MaxDownsampler> socket : rxQueue.entrySet())
            {
                final Long bytes = sample.rxQueueBytes() == null ? null : sample.rxQueueBytes().get(socket.getKey());
                socket.getValue().add(sample.epochMs(), sample.rxQueueBytes() == null ? Double.NaN
                    : bytes == null ? 0 : bytes);
            }
            index++;
        }

        private static void perSecond(final Map<Integer, MaxDownsampler> series, final Map<Integer, Long> values,
            final long epochMs, final double seconds, final double scale)
        {
            for (final Map.Entry<Integer, MaxDownsampler> entry : series.entrySet())
            {
                final Long value = values == null ? null : values.get(entry.getKey());
                entry.getValue().add(epochMs, value == null || seconds <= 0 ? Double.NaN : value * scale / seconds);
            }
        }

        TimelineSeries finish()
        {
            drops.forEach((layer, d) -> series.dropsPerSecond.put(layer, d.values()));
            squeeze.forEach((c, d) -> series.timeSqueezePerSecond.put(c, d.values()));
            netRx.forEach((c, d) -> series.netRxPerSecond.put(c, d.values()));
            cpu.forEach((c, d) -> series.ksoftirqdCpu.put(c, d.values()));
            wait.forEach((c, d) -> series.ksoftirqdWait.put(c, d.values()));
            rxQueue.forEach((s, d) -> series.rxQueueBytes.put(s, d.values()));
            series.selectedSocketDropsPerSecond = socketDrops == null ? null : socketDrops.values();
            return series;
        }
    }
}
