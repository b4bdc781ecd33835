package io.rxbreak.core.counters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The drops of one {@link Layer} between two snapshots, and the counters they come from.
 *
 * @param layer the layer.
 * @param drops the drops, or null when no counter can tell (the kernel does not provide it).
 * @param counters the contributing counters' deltas, by name (for example {@code Udp RcvbufErrors}).
 * @param note why it could not tell, or a caveat; null when none.
 */
public record LayerDrops(Layer layer, Long drops, Map<String, Long> counters, String note)
{
    public LayerDrops
    {
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /**
     * @return whether drops were seen.
     */
    public boolean dropped()
    {
        return drops != null && drops > 0;
    }
}
