package io.rxbreak.core.timeline;

import java.net.URI;
import java.time.Duration;

/**
 * Where an application exposes its own loss count: a Prometheus text endpoint and the counter's name.
 *
 * @param url the endpoint, like {@code http://127.0.0.1:9100/metrics}.
 * @param metric the counter, like {@code app_messages_lost_total} (every label set added up).
 */
public record PrometheusMetric(URI url, String metric)
{
    /**
     * @param timeout how long one scrape may take.
     * @return a counter that scrapes it.
     */
    public PrometheusCounter counter(final Duration timeout)
    {
        return new PrometheusCounter(url, metric, timeout);
    }
}
