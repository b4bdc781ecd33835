package io.rxbreak.controller.trial;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.rxbreak.core.counters.Layer;

/**
 * Defensive, ordered, unmodifiable copies of the maps a trial carries.
 */
final class TrialMaps
{
    private TrialMaps()
    {
    }

    static Map<Layer, Long> layers(final Map<Layer, Long> source)
    {
        if (source == null || source.isEmpty())
        {
            return Map.of();
        }
        final Map<Layer, Long> ordered = new EnumMap<>(Layer.class);
        source.forEach((layer, drops) -> ordered.put(layer, drops == null ? 0L : drops));
        return Collections.unmodifiableMap(new LinkedHashMap<>(ordered));
    }

    static Map<String, Long> named(final Map<String, Long> source)
    {
        if (source == null || source.isEmpty())
        {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(source)));
    }
}
