package io.rxbreak.core.timeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One counter of an application's Prometheus text endpoint (its own loss count), scraped once per sample: each
 * {@link #lostSince()} says how much it rose since the previous scrape. Every sample of the metric (all label
 * sets) is added up; a counter that went down (the application restarted) counts from 0 again. Keeps only the
 * previous value.
 */
public final class PrometheusCounter
{
    private final URI url;
    private final String metric;
    private final Duration timeout;
    private final HttpClient client;
    private double previous = Double.NaN;

    /**
     * @param url the endpoint, like {@code http://127.0.0.1:9100/metrics}.
     * @param metric the counter's name, like {@code app_messages_lost_total}.
     * @param timeout how long one scrape may take.
     */
    public PrometheusCounter(final URI url, final String metric, final Duration timeout)
    {
        this.url = url;
        this.metric = metric;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * @return the counter's value now.
     * @throws IOException when the endpoint does not answer 200, or lacks the metric.
     */
    public double scrape() throws IOException
    {
        final HttpResponse<String> response;
        try
        {
            response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping " + url, ex);
        }
        if (response.statusCode() != 200)
        {
            throw new IOException(url + " answered " + response.statusCode());
        }
        final double value = PrometheusCounter.valueOf(response.body(), metric);
        if (Double.isNaN(value))
        {
            throw new IOException(url + " has no metric " + metric);
        }
        return value;
    }

    /**
     * @return how much the counter rose since the previous call (0 on the first), or null when the scrape failed.
     */
    public Long lostSince()
    {
        final double now;
        try
        {
            now = scrape();
        }
        catch (final IOException ex)
        {
            return null;
        }
        final double before = previous;
        previous = now;
        if (Double.isNaN(before))
        {
            return 0L;
        }
        return Math.round(now >= before ? now - before : now);
    }

    /**
     * @param text a Prometheus text exposition.
     * @param metric a metric name.
     * @return the sum of its samples over every label set, or NaN when it has none.
     */
    public static double valueOf(final String text, final String metric)
    {
        double sum = Double.NaN;
        int start = 0;
        while (start < text.length())
        {
            int end = text.indexOf('\n', start);
            if (end < 0)
            {
                end = text.length();
            }
            final String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric))
            {
                continue;
            }
            int rest = metric.length();
            if (rest < line.length() && line.charAt(rest) == '{')
            {
                rest = labelsEnd(line, rest);
                if (rest < 0)
                {
                    continue;
                }
            }
            else if (rest >= line.length() || !Character.isWhitespace(line.charAt(rest)))
            {
                continue; // another metric whose name starts with this one
            }
            final String[] fields = line.substring(rest).strip().split("\\s+");
            try
            {
                final double value = Double.parseDouble(fields[0]);
                sum = Double.isNaN(sum) ? value : sum + value;
            }
            catch (final NumberFormatException ex)
            {
                continue; // not a number: not a sample line
            }
        }
        return sum;
    }

    /**
     * @return the index after the closing brace of the labels opening at {@code open}, or -1; braces inside quoted
     *     label values (with backslash escapes) do not count.
     */
    private static int labelsEnd(final String line, final int open)
    {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '}')
            {
                return i + 1;
            }
        }
        return -1;
    }
}
