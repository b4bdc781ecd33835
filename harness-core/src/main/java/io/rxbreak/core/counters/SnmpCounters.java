package io.rxbreak.core.counters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of {@code /proc/net/snmp}: every section ({@code Ip}, {@code Udp}, ...) with every column its header
 * names, in file order. A column the kernel does not print (for example {@code Udp MemErrors} before 5.11) is
 * absent, never zero. Per network namespace.
 *
 * @param sections section name to column name to value.
 */
public record SnmpCounters(Map<String, Map<String, Long>> sections)
{
    public SnmpCounters
    {
        final Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        sections.forEach((name, columns) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(columns))));
        sections = Collections.unmodifiableMap(copy);
    }

    /**
     * @param section for example {@code Udp}.
     * @param column for example {@code RcvbufErrors}.
     * @return the value, or null when the kernel does not print it.
     */
    public Long value(final String section, final String column)
    {
        final Map<String, Long> columns = sections.get(section);
        return columns == null ? null : columns.get(column);
    }

    /**
     * @param section for example {@code Udp}.
     * @return the section's columns, or an empty map when absent.
     */
    public Map<String, Long> section(final String section)
    {
        return sections.getOrDefault(section, Map.of());
    }
}
