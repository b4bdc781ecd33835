package io.rxbreak.controller.trial;

import io.rxbreak.core.counters.Layer;

/**
 * Messages lost at one layer, or lost where no counter says ({@link #UNEXPLAINED}).
 *
 * @param layer the layer's label ({@link Layer#label()}) or {@value #UNEXPLAINED}.
 * @param drops messages lost there.
 * @param share the fraction of all attributed loss (counted drops plus unexplained loss), 0 to 1.
 */
public record LayerLoss(String layer, long drops, double share)
{
    /** The label of loss no counter explains. */
    public static final String UNEXPLAINED = "unexplained";

    /**
     * @return the layer, or null for {@link #UNEXPLAINED} or a label this version does not know.
     */
    public Layer knownLayer()
    {
        for (final Layer candidate : Layer.values())
        {
            if (candidate.label().equals(layer))
            {
                return candidate;
            }
        }
        return null;
    }
}
