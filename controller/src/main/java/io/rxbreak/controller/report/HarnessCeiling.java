package io.rxbreak.controller.report;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;

/**
 * The most this harness can tell on this host ({@code ramp --calibrate}): the break point of rxbreak's own receiver
 * without a throttle, with the run's datagram size, buffer, sockets and placement. A break point near it is the
 * harness's limit as much as the receiver's.
 *
 * @param ndr       the unthrottled receiver's no-drop rate, confirmed, or null when the calibration found none.
 * @param atLeast   without an NDR: the highest rate delivered whole before something other than the receiver ended
 *                  the calibration (what the sender can offer, trials the harness kept INVALID, {@code --max-rate},
 *                  the trial budget): the harness can tell nothing above it here. Else null.
 * @param limitedBy without an NDR: what ended the calibration, one line. Else null.
 * @param trials    how many trials the calibration took.
 */
public record HarnessCeiling(Long ndr, Long atLeast, String limitedBy, int trials)
{
    /** A break point at or above this share of the ceiling is reported as the harness's limit. */
    public static final double NEAR = 0.9;

    /**
     * @param calibration the search of an unthrottled receiver.
     * @return the ceiling it found.
     */
    public static HarnessCeiling of(final SearchResult calibration)
    {
        final GoalResult ndr = calibration.ndr();
        final int trials = calibration.trials().size();
        return switch (ndr.status())
        {
            case FOUND -> new HarnessCeiling(ndr.rate(), null, null, trials);
            case ABOVE_MAX_RATE -> new HarnessCeiling(null, ndr.rate(), "even --max-rate passed", trials);
            case ABOVE_SENDER_LIMIT -> new HarnessCeiling(null, ndr.rate(), "the sender could offer no more", trials);
            case NOTHING_PASSED -> new HarnessCeiling(null, null, "every rate tried lost", trials);
            case SENDER_CANNOT_SEND ->
                new HarnessCeiling(null, null, "the sender could not offer any rate tried", trials);
            case HELD, NOT_HELD -> throw new IllegalArgumentException("a calibration searches; it does not verify");
            case NOT_REACHED -> new HarnessCeiling(null, ndr.lowerBound(), calibration.stop() == SearchStop.TRIAL_BUDGET ?
                "the calibration's budget of " + trials + " trials ran out" : calibration.stopDetail(), trials);
        };
    }

    /**
     * @return the highest rate the harness was seen to deliver whole and tell about, or null when unknown.
     */
    public Long rate()
    {
        return ndr != null ? ndr : atLeast;
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
