package io.rxbreak.controller.tune;

import java.util.List;

/**
 * The figures of a run that a {@link Proposal} is computed from: where it first broke and how much was lost there.
 *
 * @param layer the layer that broke first, as the attribution labels it ({@code socket-buffer}, or
 *     {@code unexplained}).
 * @param fellBehind whether the receiver only fell behind there (nothing lost yet).
 * @param rate the lowest failing rate, messages per second.
 * @param worstTrialDrops the most that one failed trial at that rate lost at that layer.
 * @param bufferDatagrams what the receiving socket's buffer held, in datagrams of the trial's size; null when unknown.
 * @param truesizeBytes the buffer memory one datagram took; null when unknown.
 * @param rcvbufGrantedBytes the receiving socket's buffer as granted; null when unknown.
 * @param timeSqueeze the most softnet time_squeeze one failed trial at that rate saw; null when unread.
 * @param kernelReasons the kernel's drop reasons the attribution named for that layer, largest first (like
 *     {@code IP_RPFILTER}); empty when none were counted.
 */
public record BreakFigures(String layer, boolean fellBehind, long rate, long worstTrialDrops, Long bufferDatagrams,
    Long truesizeBytes, Long rcvbufGrantedBytes, Long timeSqueeze, List<String> kernelReasons)
{
    public BreakFigures
    {
        kernelReasons = kernelReasons == null ? List.of() : List.copyOf(kernelReasons);
    }
}
