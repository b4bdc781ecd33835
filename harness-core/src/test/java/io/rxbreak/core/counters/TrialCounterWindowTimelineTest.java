package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.timeline.PrometheusCounter;
import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.core.timeline.TrialTimeline;
import io.rxbreak.testsupport.Deadline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trial's counter window samples its timeline every 250 ms on a thread of its own, with the observed
 * application's loss counter scraped at each step; the thread ends with the window.
 */
class TrialCounterWindowTimelineTest
{
    private static final long LOST_PER_SCRAPE = 3;

    @Test
    void theTimelineCarriesTheApplicationsLossScrapedAtEachStep(@TempDir final Path dir) throws IOException
    {
        final long started = System.nanoTime();
        final AtomicLong scrapes = new AtomicLong();
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange ->
        {
            final long lost = LOST_PER_SCRAPE * scrapes.incrementAndGet();
            final byte[] body = ("# TYPE app_lost_total counter\napp_lost_total " + lost + "\n")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        server.start();
        final CounterRoots roots = CounterRoots.of(Files.createDirectories(dir.resolve("proc")), dir.resolve("sys"));
        final PrometheusCounter appLoss = new PrometheusCounter(URI.create("http://127.0.0.1:"
            + server.getAddress().getPort() + "/metrics"), "app_lost_total", Duration.ofSeconds(2));
        try (TrialCounterWindow window = new TrialCounterWindow(roots, Set::of, false, appLoss))
        {
            window.begin();
            Deadline.await(Duration.ofSeconds(10), "three steps of the timeline", () -> scrapes.get() >= 4);
            final WindowCounters counters = window.end();
            final List<TimelineSample> timeline = counters.timeline();
            // one scrape at the start, one per step, one at the end: every one after the first is a point
            assertThat(timeline).hasSize((int)(scrapes.get() - 1));
            assertThat(timeline).allSatisfy(point -> assertThat(point.appLoss()).isEqualTo(LOST_PER_SCRAPE));
            assertThat(timeline).allSatisfy(point -> assertThat(point.intervalNs()).isPositive());
            assertThat(timeline).as("a point per %d ms step (fixed-rate: a slow one is followed by short ones)",
                TrialTimeline.STEP_NS / 1_000_000).hasSizeGreaterThanOrEqualTo(3);
            final long scrapesAtEnd = scrapes.get();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread ->
                thread.getName().equals("rxbreak-trial-timeline"));
            assertThat(scrapes.get()).as("nothing scrapes after the window ended").isEqualTo(scrapesAtEnd);
        }
        finally
        {
            server.stop(0);
        }
        System.out.printf("TrialCounterWindowTimelineTest took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
