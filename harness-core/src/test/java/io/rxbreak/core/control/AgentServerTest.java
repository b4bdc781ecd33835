package io.rxbreak.core.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentServerTest
{
    record Start(long rate, int sizeBytes)
    {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Router router(final AtomicInteger starts)
    {
        return new Router()
            .get("/status", request -> AgentResponse.json(Map.of("state", "idle", "starts", starts.get())))
            .post("/trial/start", request ->
            {
                final Start start = request.bodyAs(Start.class);
                if (start.rate() <= 0)
                {
                    throw new AgentException(400, "rate must be > 0");
                }
                starts.incrementAndGet();
                return AgentResponse.json(Map.of("accepted", start.rate()));
            })
            .get("/metrics", request -> AgentResponse.text(AgentResponse.PROMETHEUS,
                new PrometheusText().counter("rxbreak_starts_total", "Trials started.", starts.get()).toString()));
    }

    private static InetSocketAddress loopback()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void servesJsonRoutesAndMetrics() throws Exception
    {
        final AtomicInteger starts = new AtomicInteger();
        try (AgentServer server = AgentServer.start(loopback(), null, router(starts)))
        {
            final AgentClient client = new AgentClient(server.url(), null, TIMEOUT);
            assertThat(client.get("/status").get("state").asText()).isEqualTo("idle");
            final JsonNode started = client.post("/trial/start", new Start(20_000, 64));
            assertThat(started.get("accepted").asLong()).isEqualTo(20_000);
            assertThat(starts.get()).isEqualTo(1);
            assertThat(client.getText("/metrics"))
                .contains("# TYPE rxbreak_starts_total counter")
                .contains("rxbreak_starts_total 1");
        }
    }

    @Test
    void badRequestsGetA4xxWithTheReason() throws Exception
    {
        try (AgentServer server = AgentServer.start(loopback(), null, router(new AtomicInteger())))
        {
            final AgentClient client = new AgentClient(server.url(), null, TIMEOUT);
            assertThatThrownBy(() -> client.get("/nosuch"))
                .isInstanceOf(AgentException.class).hasMessageContaining("404").hasMessageContaining("/status");
            assertThatThrownBy(() -> client.get("/trial/start"))
                .isInstanceOf(AgentException.class).hasMessageContaining("405");
            assertThatThrownBy(() -> client.post("/trial/start", Map.of("rate", 5, "sizeBytes", 64, "colour", "red")))
                .isInstanceOf(AgentException.class).hasMessageContaining("400").hasMessageContaining("colour");
            assertThatThrownBy(() -> client.post("/trial/start", new Start(0, 64)))
                .isInstanceOf(AgentException.class).hasMessageContaining("rate must be > 0");

            final HttpResponse<String> notJson = raw(server, "/trial/start", "{not json", null);
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).contains("not valid JSON");

            final HttpResponse<String> tooBig = raw(server, "/trial/start", "x".repeat(AgentServer.MAX_BODY_BYTES + 1), null);
            assertThat(tooBig.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void aTokenIsRequiredWhenSet() throws Exception
    {
        try (AgentServer server = AgentServer.start(loopback(), "s3cret", router(new AtomicInteger())))
        {
            assertThatThrownBy(() -> new AgentClient(server.url(), null, TIMEOUT).get("/status"))
                .isInstanceOf(AgentException.class).hasMessageContaining("401");
            assertThatThrownBy(() -> new AgentClient(server.url(), "wrong", TIMEOUT).get("/status"))
                .isInstanceOf(AgentException.class).hasMessageContaining("401");
            assertThat(new AgentClient(server.url(), "s3cret", TIMEOUT).get("/status").get("state").asText())
                .isEqualTo("idle");
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenIsRefused()
    {
        assertThatThrownBy(() -> AgentServer.start(new InetSocketAddress("0.0.0.0", 0), null, new Router()))
            .isInstanceOf(BadInputException.class).hasMessageContaining("--agent-token");
    }

    @Test
    void anAgentThatIsGoneIsReportedAsSuch() throws Exception
    {
        final String url;
        try (AgentServer server = AgentServer.start(loopback(), null, new Router()))
        {
            url = server.url();
        }
        assertThatThrownBy(() -> new AgentClient(url, null, Duration.ofSeconds(2)).get("/status"))
            .isInstanceOf(AgentException.class)
            .satisfies(ex -> assertThat(((AgentException)ex).status()).isZero());
    }

    @Test
    void anAgentThatDoesNotAnswerInTimeIsReportedAsSuch() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final Router hung = new Router().get("/status", request ->
        {
            release.await();
            return AgentResponse.json(Map.of());
        });
        try (AgentServer server = AgentServer.start(loopback(), null, hung))
        {
            assertThatThrownBy(() -> new AgentClient(server.url(), null, Duration.ofMillis(300)).get("/status"))
                .isInstanceOf(AgentException.class).hasMessageContaining("did not answer within 300 ms");
        }
        finally
        {
            release.countDown();
        }
    }

    private static HttpResponse<String> raw(final AgentServer server, final String path, final String body, final String token)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
