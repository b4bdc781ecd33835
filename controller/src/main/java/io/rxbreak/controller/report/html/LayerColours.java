package io.rxbreak.controller.report.html;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.trial.LayerLoss;

/**
 * One colour per layer of the receive path, the same in every chart and swatch of a report.
 */
public final class LayerColours
{
    /** The colour of loss no counter explains. */
    public static final String UNEXPLAINED = "#8c8c8c";

    private LayerColours()
    {
    }

    /**
     * @param layer a layer.
     * @return its colour as {@code #rrggbb}.
     */
    public static String of(final Layer layer)
    {
        switch (layer)
        {
            case NIC:
                return "#4e79a7";
            case SOFTIRQ_BACKLOG:
                return "#f28e2b";
            case SOCKET_BUFFER:
                return "#e15759";
            case GLOBAL_UDP_MEMORY:
                return "#76b7b2";
            case APPLICATION:
                return "#59a14f";
            case ROUTING_FILTERING:
                return "#b07aa1";
            default:
                return "#b8a000";
        }
    }

    /**
     * @param label a layer's label or {@value LayerLoss#UNEXPLAINED}.
     * @return its colour; grey for unexplained or an unknown label.
     */
    public static String ofLabel(final String label)
    {
        for (final Layer layer : Layer.values())
        {
            if (layer.label().equals(label))
            {
                return of(layer);
            }
        }
        return UNEXPLAINED;
    }
}
