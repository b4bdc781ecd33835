package io.rxbreak.core.counters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hit counts of the socket-buffer tracepoints since counting started, or why they are unavailable.
 *
 * @param counts event name (like {@code sock:sock_rcvqueue_full}) to hits; empty when unavailable.
 * @param unavailableReason null when counted, else why not (not root, no tracefs, event missing).
 */
public record TracepointCounts(Map<String, Long> counts, String unavailableReason)
{
    public TracepointCounts
    {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * @param reason why the tracepoints cannot be counted.
     * @return counts that say so.
     */
    public static TracepointCounts unavailable(final String reason)
    {
        return new TracepointCounts(Map.of(), reason);
    }

    /**
     * @return whether counts are present.
     */
    public boolean available()
    {
        return unavailableReason == null;
    }
}
