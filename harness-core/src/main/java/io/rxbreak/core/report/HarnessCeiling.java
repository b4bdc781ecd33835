package io.rxbreak.core.report;

/**
 * The most this harness can tell on this host ({@code ramp --calibrate}): the break point of rxbreak's own receiver
 * without a throttle, with the run's datagram size, buffer, sockets and placement. A break point near it is the
 * harness's limit as much as the receiver's.
 *
 * @param ndr the unthrottled receiver's no-drop rate, or null when none was confirmed.
 * @param aboveSenderLimit the highest rate the sender could offer when even it passed (the ceiling is above), or
 *     null.
 * @param aboveMaxRate whether even {@code --max-rate} passed.
 * @param trials how many trials the calibration took.
 */
public record HarnessCeiling(Long ndr, Long aboveSenderLimit, boolean aboveMaxRate, int trials)
{
    /** A break point at or above this share of the ceiling is reported as the harness's limit. */
    public static final double NEAR = 0.9;

    /**
     * @return the highest rate the harness was seen to deliver whole, or null when unknown.
     */
    public Long rate()
    {
        return ndr != null ? ndr : aboveSenderLimit;
    }

    /**
     * @param breakPoint a run's NDR.
     * @return whether it is near this ceiling (or above it).
     */
    public boolean isNear(final Long breakPoint)
    {
        final Long ceiling = rate();
        return breakPoint != null && ceiling != null && breakPoint >= NEAR * ceiling;
    }
}
