package io.rxbreak.controller.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.trial.LayerLoss;

/**
 * One layer of the run's attribution: how much it lost where the receiver first broke, what that usually means
 * and which knob moves it.
 *
 * @param layer   the layer's label, or {@value LayerLoss#UNEXPLAINED}.
 * @param drops   messages lost there.
 * @param share   the fraction of the attributed loss, 0 to 1.
 * @param meaning what a loss there usually means.
 * @param knob    what to change to move it.
 * @param fellBehind whether this is the layer where a receiver that fell behind before it lost anything was building
 *                its backlog ({@link io.rxbreak.controller.trial.FailKind#FELL_BEHIND}): no drops, all of the share.
 * @param kernelReasons the kernel's drop reasons (machine-wide) mapped to this layer, summed over the same trials,
 *                largest first (for unexplained loss: the reasons rxbreak does not map); empty when none or not counted.
 */
public record AttributionEntry(String layer, long drops, double share, String meaning, String knob, boolean fellBehind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DropReasonCount> kernelReasons)
{
    public AttributionEntry
    {
        kernelReasons = kernelReasons == null ? List.of() : List.copyOf(kernelReasons);
    }

    /**
     * @param reasons the kernel's drop reasons that belong to this entry.
     * @return this entry with them.
     */
    public AttributionEntry withKernelReasons(final List<DropReasonCount> reasons)
    {
        return new AttributionEntry(layer, drops, share, meaning, knob, fellBehind, reasons);
    }

    /** What unexplained loss means. */
    public static final String UNEXPLAINED_MEANING =
        "lost where no measured counter says: a layer without a counter here (a NIC without drop counters, a "
            + "receiver that does not count its own discards) or loss before the receiver's host";
    /** What to do about unexplained loss. */
    public static final String UNEXPLAINED_KNOB =
        "measure the missing layer: use rxbreak's own receiver (it counts its discards), check the sender's host "
            + "(Udp SndbufErrors) and the path";

    /**
     * What to do about unexplained loss beside a layer that counts packets, when the sender packed datagrams into
     * packets (UDP GSO): {@code %.1f} the datagrams per packet.
     */
    public static final String PACKED_KNOB = "the sender put %.1f datagrams in a packet on average (UDP GSO), and the "
        + "layers above count packets, as the kernel does: a packet they dropped held up to that many datagrams, so "
        + "this loss is most likely theirs; ramp --gso off makes every count a datagram";

    /**
     * @param loss the unexplained loss.
     * @param datagramsPerPacket the sender's datagrams per packet, on average, above 1.
     * @return the entry, whose knob says that packet counters undercount packed datagrams.
     */
    public static AttributionEntry unexplainedPacked(final LayerLoss loss, final double datagramsPerPacket)
    {
        return new AttributionEntry(loss.layer(), loss.drops(), loss.share(), UNEXPLAINED_MEANING,
            String.format(java.util.Locale.ROOT, PACKED_KNOB, datagramsPerPacket), false, List.of());
    }

    /** What a layer that had not lost yet but was filling means. */
    public static final String FELL_BEHIND_MEANING = "nothing lost in the trials yet, but the receiver fell behind the "
        + "offered load and its backlog was growing here: a longer trial overflows it";

    /**
     * @param layer where a receiver that fell behind (and had lost nothing yet) was building its backlog.
     * @return the entry, with no drops, all of the share, and the layer's knob.
     */
    public static AttributionEntry fellBehind(final LayerLoss layer)
    {
        final Layer known = layer.knownLayer();
        return new AttributionEntry(layer.layer(), 0, 1.0,
            known == null ? FELL_BEHIND_MEANING : FELL_BEHIND_MEANING + "; " + known.meaning(),
            known == null ? "" : known.knob(), true, List.of());
    }

    /**
     * @return the drops in words: {@code 1,234 lost}, or {@code nothing lost yet, filling} for a layer that was
     *     filling.
     */
    @JsonIgnore
    public String lostText()
    {
        return fellBehind ? "nothing lost yet, filling" : String.format(java.util.Locale.ROOT, "%,d lost", drops);
    }

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
                unexplained ? UNEXPLAINED_KNOB : "", false, List.of());
        }
        return new AttributionEntry(known.label(), loss.drops(), loss.share(), known.meaning(), known.knob(), false,
            List.of());
    }
}
