package io.rxbreak.core.report;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.trial.LayerLoss;

/**
 * One layer of the run's attribution: how much it lost where the receiver first broke, what that usually means
 * and which knob moves it.
 *
 * @param layer   the layer's label, or {@value LayerLoss#UNEXPLAINED}.
 * @param drops   messages lost there.
 * @param share   the fraction of the attributed loss, 0 to 1.
 * @param meaning what a loss there usually means.
 * @param knob    what to change to move it.
 */
public record AttributionEntry(String layer, long drops, double share, String meaning, String knob)
{
    /** What unexplained loss means. */
    public static final String UNEXPLAINED_MEANING =
        "lost where no measured counter says: a layer without a counter here (a NIC without drop counters, a "
            + "receiver that does not count its own discards) or loss before the receiver's host";
    /** What to do about unexplained loss. */
    public static final String UNEXPLAINED_KNOB =
        "measure the missing layer: use rxbreak's own receiver (it counts its discards), check the sender's host "
            + "(Udp SndbufErrors) and the path";

    /**
     * @param loss a layer's loss.
     * @return the entry, with the layer's meaning and knob from {@link Layer}.
     */
    public static AttributionEntry of(final LayerLoss loss)
    {
        final Layer known = loss.knownLayer();
        if (known == null)
        {
            final boolean unexplained = LayerLoss.UNEXPLAINED.equals(loss.layer());
            return new AttributionEntry(loss.layer(), loss.drops(), loss.share(),
                unexplained ? UNEXPLAINED_MEANING : "a layer this version does not know",
                unexplained ? UNEXPLAINED_KNOB : "");
        }
        return new AttributionEntry(known.label(), loss.drops(), loss.share(), known.meaning(), known.knob());
    }
}
