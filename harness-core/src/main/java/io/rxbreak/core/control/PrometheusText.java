package io.rxbreak.core.control;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes metrics in Prometheus's text exposition format (version 0.0.4): a HELP and TYPE line per metric name,
 * then its samples with labels escaped.
 */
public final class PrometheusText
{
    private final StringBuilder text = new StringBuilder(1024);
    private final Set<String> described = new HashSet<>();

    /**
     * @param name the metric's name, like {@code rxbreak_receiver_received_total}.
     * @param help what it counts.
     * @param value its value.
     * @return this.
     */
    public PrometheusText counter(final String name, final String help, final double value)
    {
        return sample(name, "counter", help, Map.of(), value);
    }

    /**
     * @param name the metric's name.
     * @param help what it measures.
     * @param value its value.
     * @return this.
     */
    public PrometheusText gauge(final String name, final String help, final double value)
    {
        return sample(name, "gauge", help, Map.of(), value);
    }

    /**
     * @param name the metric's name.
     * @param type {@code counter} or {@code gauge}.
     * @param help what it is.
     * @param labels the sample's labels.
     * @param value its value.
     * @return this.
     */
    public PrometheusText sample(
        final String name, final String type, final String help, final Map<String, String> labels, final double value)
    {
        if (described.add(name))
        {
            text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
            text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
        text.append(name);
        if (!labels.isEmpty())
        {
            text.append('{');
            boolean first = true;
            for (final Map.Entry<String, String> label : new java.util.TreeMap<>(labels).entrySet())
            {
                if (!first)
                {
                    text.append(',');
                }
                first = false;
                text.append(label.getKey()).append("=\"")
                    .append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
            }
            text.append('}');
        }
        text.append(' ');
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15)
        {
            text.append((long)value);
        }
        else
        {
            text.append(value);
        }
        text.append('\n');
        return this;
    }

    @Override
    public String toString()
    {
        return text.toString();
    }
}
