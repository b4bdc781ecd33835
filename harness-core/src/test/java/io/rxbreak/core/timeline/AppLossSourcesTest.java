package io.rxbreak.core.timeline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppLossSourcesTest
{
    @Test
    void readsEveryTimeFormatWithOptionalCountsSorted()
    {
        final long base = Instant.parse("2026-12-02T05:41:45.250Z").toEpochMilli();
        final AppLossEvents events = AppLossEvents.parse(List.of(
            "# the application's loss log",
            "2026-12-02T05:41:45.250Z 3",
            "",
            (base + 1_250) / 1_000 + "." + (base + 1_250) % 1_000,
            (base + 2_000) + ",2",
            (base + 3_000) * 1_000 + "\t4",
            Long.toString((base + 4_000) * 1_000_000),
            "2026-12-02T06:41:50.250+01:00 6"), "loss.log");
        assertThat(events.epochMs()).containsExactly(base, base + 1_250, base + 2_000, base + 3_000, base + 4_000,
            base + 5_000);
        assertThat(events.counts()).containsExactly(3, 1, 2, 4, 1, 6);
        assertThat(events.lostBetween(base, base + 2_000)).isEqualTo(1 + 2);
        assertThat(events.lostBetween(base - 1, base)).isEqualTo(3);
        assertThat(events.lostBetween(base + 5_000, base + 9_000)).isZero();
    }

    @Test
    void aBadLineIsNamed()
    {
        assertThatThrownBy(() -> AppLossEvents.parse(List.of("1764654106", "yesterday 3"), "loss.log"))
            .hasMessage("loss.log line 2: expected a time: epoch seconds, ms, us or ns, or ISO-8601, "
                + "got 'yesterday 3'");
        assertThatThrownBy(() -> AppLossEvents.parse(List.of("1764654106 many"), "loss.log"))
            .hasMessageContaining("line 1: expected a whole number");
    }

    @Test
    void sumsAPrometheusCounterOverItsLabelsAndNothingElse()
    {
        final String text = String.join("\n",
            "# HELP app_lost_total messages lost",
            "# TYPE app_lost_total counter",
            "app_lost_total{feed=\"a\"} 12",
            "app_lost_total{feed=\"b\",x=\"}\"} 30 1764654106000",
            "app_lost_total_created 1.7e9",
            "app_lost 1000",
            "");
        assertThat(PrometheusCounter.valueOf(text, "app_lost_total")).isEqualTo(42);
        assertThat(PrometheusCounter.valueOf(text, "app_lost")).isEqualTo(1000);
        assertThat(PrometheusCounter.valueOf(text, "missing")).isNaN();
    }

    @Test
    void scrapesTheRiseSinceTheLastScrape() throws IOException
    {
        final AtomicLong lost = new AtomicLong(5);
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange ->
        {
            final byte[] body = ("app_lost_total " + lost.get() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        server.start();
        try
        {
            final PrometheusCounter counter = new PrometheusCounter(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/metrics"), "app_lost_total", Duration.ofSeconds(2));
            assertThat(counter.lostSince()).isZero();
            lost.set(12);
            assertThat(counter.lostSince()).isEqualTo(7);
            lost.set(2); // the application restarted
            assertThat(counter.lostSince()).isEqualTo(2);
        }
        finally
        {
            server.stop(0);
        }
        final PrometheusCounter gone = new PrometheusCounter(URI.create("http://127.0.0.1:1/metrics"), "x",
            Duration.ofMillis(200));
        assertThat(gone.lostSince()).isNull();
    }
}
