package io.rxbreak.controller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.rxbreak.core.control.PinnedTrust;

/**
 * One HTTP request from inside a test's namespace (where the agents listen), as a program: prints
 * {@code STATUS <code>}, {@code TYPE <content type>}, then the body. An https URL is reached with the agent's
 * certificate pinned by the fingerprint it printed.
 * <pre>
 * HttpProbe METHOD URL [BODY|-] [TOKEN|-] [TLS-FINGERPRINT]
 * </pre>
 */
public final class HttpProbe
{
    private HttpProbe()
    {
    }

    /**
     * @param args method, URL, body ({@code -} for none), token ({@code -} for none), the agent's TLS fingerprint
     *     (all three optional).
     * @throws Exception when the request cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final String body = args.length > 2 && !"-".equals(args[2]) ? args[2] : null;
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[1])).timeout(Duration.ofSeconds(10))
            .method(args[0], body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (args.length > 3 && !"-".equals(args[3]))
        {
            request.header("Authorization", "Bearer " + args[3]);
        }
        final HttpClient.Builder client = HttpClient.newBuilder();
        if (args.length > 4)
        {
            client.sslContext(PinnedTrust.sslContext(args[4]));
        }
        final HttpResponse<String> response = client.build().send(request.build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("STATUS " + response.statusCode());
        System.out.println("TYPE " + response.headers().firstValue("Content-Type").orElse(""));
        System.out.println(response.body());
    }
}
