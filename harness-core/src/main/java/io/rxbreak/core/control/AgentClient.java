package io.rxbreak.core.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The controller's side of the control protocol: JSON over HTTP to one agent, every call bounded in time. An
 * agent that does not answer in time, refuses the connection or answers with an error raises
 * {@link AgentException} with the reason (status 0 when it did not answer at all).
 */
public final class AgentClient
{
    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the agent's base URL, like {@code http://127.0.0.1:7070}.
     * @param token the shared token, or null.
     * @param timeout how long one call may take.
     */
    public AgentClient(final String baseUrl, final String token, final Duration timeout)
    {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base()
    {
        return base;
    }

    /**
     * @param path like {@code /status}.
     * @return the JSON answer.
     */
    public JsonNode get(final String path)
    {
        return send(request(path).GET().build(), timeout);
    }

    /**
     * @param path like {@code /trial/result?trial=3&waitMs=5000}.
     * @param callTimeout how long this call may take (a long poll takes longer than the default).
     * @return the JSON answer.
     */
    public JsonNode get(final String path, final Duration callTimeout)
    {
        return send(request(path).GET().build(), callTimeout);
    }

    /**
     * @param path like {@code /trial/start}.
     * @param body any value Jackson can write.
     * @return the JSON answer.
     */
    public JsonNode post(final String path, final Object body)
    {
        return post(path, body, timeout);
    }

    /**
     * @param path like {@code /trial/stop}.
     * @param body any value Jackson can write.
     * @param callTimeout how long this call may take (a call that waits for a trial to end takes longer).
     * @return the JSON answer.
     */
    public JsonNode post(final String path, final Object body, final Duration callTimeout)
    {
        return send(request(path)
            .header("Content-Type", AgentResponse.JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
            .build(), callTimeout);
    }

    /**
     * @param path like {@code /metrics}.
     * @return the text answer.
     */
    public String getText(final String path)
    {
        final HttpResponse<String> response = exchange(request(path).GET().build(), timeout,
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AgentException(response.statusCode(), base + path + " answered " + response.statusCode() +
                ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(final String path)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null && !token.isEmpty())
        {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(final HttpRequest request, final Duration callTimeout)
    {
        final HttpResponse<byte[]> response = exchange(request, callTimeout, HttpResponse.BodyHandlers.ofByteArray());
        final JsonNode json;
        try
        {
            json = response.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new AgentException(response.statusCode(), request.uri() + " answered something that is not JSON");
        }
        if (response.statusCode() / 100 != 2)
        {
            final String reason = json.hasNonNull("error") ? json.get("error").asText() : json.toString();
            throw new AgentException(response.statusCode(), request.uri() + ": " + response.statusCode() + " " + reason);
        }
        return json;
    }

    private <T> HttpResponse<T> exchange(
        final HttpRequest request, final Duration callTimeout, final HttpResponse.BodyHandler<T> handler)
    {
        final HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(callTimeout).build();
        try
        {
            return http.send(timed, handler);
        }
        catch (final HttpTimeoutException ex)
        {
            throw new AgentException(0, "the agent at " + base + " did not answer within " + callTimeout.toMillis() + " ms", ex);
        }
        catch (final ConnectException ex)
        {
            throw new AgentException(0, "the agent at " + base + " refused the connection (not running?)", ex);
        }
        catch (final IOException ex)
        {
            throw new AgentException(0, "the agent at " + base + " failed: " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AgentException(0, "interrupted while calling the agent at " + base, ex);
        }
    }
}
