package io.rxbreak.controller.report;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.Latency;
import io.rxbreak.controller.trial.TrialResult;

/**
 * A run of the search over a receiver whose socket buffer overflows above 20,000 msgs/s, with a little
 * unexplained loss too, for the report tests.
 */
final class ReportFixtures
{
    static final long CAPACITY = 20_000;

    private ReportFixtures()
    {
    }

    static RampConfig config()
    {
        return RampConfig.builder().startRate(1_000).step("x1.5").maxRate(1_000_000).pdrRatio(0.001)
            .trialDurationNs(TimeUnit.SECONDS.toNanos(5)).build();
    }

    static RunHeader header()
    {
        return RunHeader.of(List.of("ramp", "--start-rate", "1000", "--pdr", "0.1%"), "2026-11-25T00:00:00Z", config(),
            new Environment("6.18.0-test", 2, "OpenJDK 17.0.15", "lo", 4L << 20, 425_984L,
                Map.of("host", "testbed"), List.of()),
            Map.of("net.core.rmem_max", "212992", "net.core.netdev_max_backlog", "1000"));
    }

    static SearchResult search(final SearchListener listener)
    {
        return new RampSearch(config(), request ->
        {
            final long sent = request.targetRate() * request.durationNs() / 1_000_000_000L;
            final long lost = request.targetRate() > CAPACITY ? sent * (request.targetRate() - CAPACITY)
                / request.targetRate() : 0;
            final long unexplained = lost / 100;
            return TrialResult.builder().achievedRate(request.targetRate()).senderLagNs(20_000).sent(sent)
                .received(sent - lost).gaps(lost)
                .socketDrops("239.1.1.1:4000 inode 77", lost - unexplained)
                .drops(Layer.SOFTIRQ_BACKLOG, 0).drops(Layer.GLOBAL_UDP_MEMORY, 0)
                .hostRcvbufErrors(lost - unexplained).timeSqueeze(3).peakRxQueueBytes(212_992)
                .tracepoint("sock:sock_rcvqueue_full", lost - unexplained)
                .latency(new Latency(4_000, 9_000, 30_000, 120_000, 2_500_000)).build();
        }, listener).run();
    }
}
