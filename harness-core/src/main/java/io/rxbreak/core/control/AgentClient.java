package io.rxbreak.core.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.AgentIdentity;
import io.rxbreak.core.protocol.ErrorAnswer;

/**
 * The controller's side of the control protocol: JSON over HTTP to one agent, every call bounded in time, each
 * answer read into the protocol record it is ({@code io.rxbreak.core.protocol}) with the one mapper ({@link Json}).
 * An agent that does not answer in time, refuses the connection, answers with an error or with something that is
 * not the record asked for raises {@link AgentException} with the reason (status 0 when it did not answer at all);
 * an agent of another role or protocol version raises {@link AgentMismatchException} ({@link #status}).
 * <p>
 * An {@code https://} agent is reached over TLS: its certificate either pinned by its {@link TlsFingerprint} (the
 * fingerprint the agent prints; the host name is then not checked, the pinned key is the identity) or, without a
 * pin, validated by the JDK's default trust store and host name check. A certificate that is not the pinned one, an
 * untrusted one, or a plain-HTTP agent behind an {@code https://} URL raise {@link AgentException} (status 0)
 * saying which; a TLS agent behind an {@code http://} URL answers 400 with the URL to use.
 */
public final class AgentClient
{
    private final URI base;
    private final String token;
    private final Duration timeout;
    private final String tlsFingerprint;
    private final HttpClient http;

    /**
     * A client without a pinned certificate: an {@code https://} agent's is validated by the default trust store.
     *
     * @param baseUrl the agent's base URL, like {@code http://127.0.0.1:7070}.
     * @param token the shared token, or null.
     * @param timeout how long one call may take.
     */
    public AgentClient(final String baseUrl, final String token, final Duration timeout)
    {
        this(baseUrl, token, timeout, null);
    }

    /**
     * @param baseUrl the agent's base URL, like {@code https://198.18.5.1:7070} or {@code http://127.0.0.1:7070}.
     * @param token the shared token, or null.
     * @param timeout how long one call may take.
     * @param tlsFingerprint the pinned fingerprint of the agent's TLS certificate, like {@code sha256:AB:CD:...} (as
     *     the agent prints it), or null to validate it with the default trust store; only with {@code https://}.
     * @throws IllegalArgumentException when the URL is neither http nor https, the fingerprint is not one, or a
     *     fingerprint comes with an {@code http://} URL.
     */
    public AgentClient(final String baseUrl, final String token, final Duration timeout, final String tlsFingerprint)
    {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        final boolean https = "https".equalsIgnoreCase(base.getScheme());
        if (!https && !"http".equalsIgnoreCase(base.getScheme()))
        {
            throw new IllegalArgumentException("'" + baseUrl + "' is not an agent's URL: expected http:// or https://");
        }
        if (tlsFingerprint != null && !https)
        {
            throw new IllegalArgumentException("a TLS fingerprint is pinned for " + baseUrl +
                ", a plain-HTTP URL: use https://");
        }
        this.token = token;
        this.timeout = timeout;
        this.tlsFingerprint = tlsFingerprint;
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1);
        if (tlsFingerprint != null)
        {
            builder.sslContext(PinnedTrust.sslContext(tlsFingerprint));
        }
        this.http = builder.build();
    }

    public URI base()
    {
        return base;
    }

    /**
     * @return the pinned fingerprint of the agent's TLS certificate, or null.
     */
    public String tlsFingerprint()
    {
        return tlsFingerprint;
    }

    /**
     * The agent's {@code /status}, once it is known to be an agent of that role speaking this side's
     * {@link AgentApi#PROTOCOL_VERSION} (its {@link AgentIdentity} is read first).
     *
     * @param role {@link AgentApi#SENDER} or {@link AgentApi#RECEIVER}.
     * @param answer the status record of that role.
     * @param <T> its type.
     * @return the status.
     * @throws AgentMismatchException when the agent plays another role or speaks another version (or none).
     */
    public <T> T status(final String role, final Class<T> answer)
    {
        final HttpRequest request = request(AgentApi.STATUS).GET().build();
        final byte[] body = send(request, timeout);
        final String mismatch = read(request, body, AgentIdentity.class).mismatch(role, base.toString());
        if (mismatch != null)
        {
            throw new AgentMismatchException(mismatch);
        }
        return read(request, body, answer);
    }

    /**
     * @param path like {@code /trial/result?trial=3}.
     * @param answer the record the answer is.
     * @param <T> its type.
     * @return the answer.
     */
    public <T> T get(final String path, final Class<T> answer)
    {
        return get(path, timeout, answer);
    }

    /**
     * @param path like {@code /trial/result?trial=3&waitMs=5000}.
     * @param callTimeout how long this call may take (a long poll takes longer than the default).
     * @param answer the record the answer is.
     * @param <T> its type.
     * @return the answer.
     */
    public <T> T get(final String path, final Duration callTimeout, final Class<T> answer)
    {
        final HttpRequest request = request(path).GET().build();
        return read(request, send(request, callTimeout), answer);
    }

    /**
     * @param path like {@code /trial/start}.
     * @param body the request's record (any value Jackson can write).
     * @param answer the record the answer is.
     * @param <T> its type.
     * @return the answer.
     */
    public <T> T post(final String path, final Object body, final Class<T> answer)
    {
        return post(path, body, timeout, answer);
    }

    /**
     * @param path like {@code /trial/end}.
     * @param body the request's record (any value Jackson can write).
     * @param callTimeout how long this call may take (a call that waits for a trial to end takes longer).
     * @param answer the record the answer is.
     * @param <T> its type.
     * @return the answer.
     */
    public <T> T post(final String path, final Object body, final Duration callTimeout, final Class<T> answer)
    {
        final HttpRequest request = request(path)
            .header("Content-Type", AgentResponse.JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
            .build();
        return read(request, send(request, callTimeout), answer);
    }

    /**
     * @param path like {@code /status}.
     * @return the JSON answer as a tree (for a JSON endpoint without a record of its own).
     */
    public JsonNode get(final String path)
    {
        return get(path, JsonNode.class);
    }

    /**
     * @param path like {@code /trial/start}.
     * @param body any value Jackson can write.
     * @return the JSON answer as a tree (for a JSON endpoint without a record of its own).
     */
    public JsonNode post(final String path, final Object body)
    {
        return post(path, body, JsonNode.class);
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

    /**
     * @return a connection of its own for {@code GET /clock} exchanges, whose round trips the JDK's HTTP client would
     *     lengthen (it hands each request and answer between threads); connected, over TLS to an {@code https://}
     *     agent (pinned as this client pins, the handshake done). Close it when done.
     * @throws AgentException when the agent cannot be reached.
     */
    public ClockChannel openClockChannel()
    {
        return new ClockChannel(base, token, timeout, "https".equalsIgnoreCase(base.getScheme()) ?
            http.sslContext() : null).open();
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

    /**
     * @return the body of a 2xx answer.
     * @throws AgentException with the agent's reason for any other status.
     */
    private byte[] send(final HttpRequest request, final Duration callTimeout)
    {
        final HttpResponse<byte[]> response = exchange(request, callTimeout, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2)
        {
            throw new AgentException(response.statusCode(), request.uri() + ": " + response.statusCode() + " " +
                reason(response.body()));
        }
        return response.body();
    }

    /**
     * @return the {@link ErrorAnswer}'s reason, or the body as it came when it is none.
     */
    static String reason(final byte[] body)
    {
        try
        {
            final ErrorAnswer error = Json.TOLERANT.readValue(body, ErrorAnswer.class);
            if (error != null && error.error() != null)
            {
                return error.error();
            }
        }
        catch (final IOException ex)
        {
            // not an agent's error answer: say what came
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static <T> T read(final HttpRequest request, final byte[] body, final Class<T> answer)
    {
        return read(request.uri().toString(), body, answer);
    }

    /**
     * @param uri what was asked, for the message.
     * @return the body read into the record.
     * @throws AgentException when it is not JSON, or not that record.
     */
    static <T> T read(final String uri, final byte[] body, final Class<T> answer)
    {
        try
        {
            return Json.MAPPER.readValue(body, answer);
        }
        catch (final JsonParseException ex)
        {
            throw new AgentException(200, uri + " answered something that is not JSON", ex);
        }
        catch (final IOException ex)
        {
            throw new AgentException(200, uri + " answered something that is not a " +
                answer.getSimpleName() + ": " + Json.describe(ex), ex);
        }
    }

    /**
     * @return why TLS with the agent failed: a certificate other than the pinned one, one the trust store does not
     *     trust, or no TLS at all (a plain-HTTP agent).
     */
    private String tlsFailure(final SSLException failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof PinnedTrust.Mismatch)
            {
                final PinnedTrust.Mismatch mismatch = (PinnedTrust.Mismatch)cause;
                return "the agent at " + base + " presented TLS certificate " + mismatch.seen() + ", not the pinned " +
                    mismatch.pinned() + " (another agent, or one started anew with a new certificate: pin the " +
                    "fingerprint it printed)";
            }
            if (cause instanceof CertificateException)
            {
                return "the agent at " + base + " presented a TLS certificate this JVM's trust store does not " +
                    "trust (" + cause.getMessage() + "): pin its fingerprint (the line '" +
                    AgentOptions.TLS_CERTIFICATE + TlsFingerprint.PREFIX + "...' the agent printed)";
            }
        }
        return "the agent at " + base + " did not set up TLS (a plain-HTTP agent? then use http://): " +
            failure.getMessage();
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
        catch (final SSLException ex)
        {
            throw new AgentException(0, tlsFailure(ex), ex);
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
