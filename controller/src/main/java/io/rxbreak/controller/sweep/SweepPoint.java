package io.rxbreak.controller.sweep;

/**
 * One point of a sweep: a whole ramp at one value of the knob. Rates are messages per second.
 *
 * @param value the value as typed.
 * @param numeric the value as a number (bytes, nanoseconds or a plain number), or null when it is not one.
 * @param status how the point's ramp ended.
 * @param exitCode the ramp's exit code.
 * @param ndr the point's confirmed no-drop rate, or null.
 * @param pdr its partial-drop rate, or null.
 * @param layer the layer that broke first (a {@code Layer} label, or {@code unexplained}), or null when nothing was
 *     lost.
 * @param layerLoss the messages it lost at the lowest failing rate (0 for a layer that was only filling).
 * @param layerShare its share of that rate's loss, 0 to 1.
 * @param rcvbufGrantedBytes the socket buffer the kernel granted (read back), or null.
 * @param runFolder the point's run folder, relative to the sweep's.
 * @param wallTimeS the point's wall time, seconds.
 */
public record SweepPoint(
    String value,
    Double numeric,
    PointStatus status,
    int exitCode,
    Long ndr,
    Long pdr,
    String layer,
    long layerLoss,
    double layerShare,
    Long rcvbufGrantedBytes,
    String runFolder,
    double wallTimeS)
{
}
