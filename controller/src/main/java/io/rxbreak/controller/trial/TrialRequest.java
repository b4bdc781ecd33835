package io.rxbreak.controller.trial;

/**
 * One trial the search asks a {@code TrialRunner} to run: warm up at the target rate for {@code warmUpNs}, measure
 * for {@code durationNs}, then wait at most {@code drainBoundNs} for the tail to arrive.
 *
 * @param trial        the trial's number in the run, from 1.
 * @param attempt      1 for a first attempt; higher when an invalid trial is run again.
 * @param phase        why the search runs it.
 * @param goal         the goal the search is working on ({@code ndr}, {@code pdr}).
 * @param targetRate   the rate to offer, messages per second.
 * @param warmUpNs     load before the measured window, not counted.
 * @param durationNs   the measured window.
 * @param drainBoundNs the longest wait for in-flight messages after the window.
 */
public record TrialRequest(
    int trial,
    int attempt,
    TrialPhase phase,
    String goal,
    long targetRate,
    long warmUpNs,
    long durationNs,
    long drainBoundNs)
{
    /**
     * @throws IllegalArgumentException for a rate or duration that is not positive.
     */
    public TrialRequest
    {
        if (trial < 1 || attempt < 1 || targetRate < 1 || durationNs < 1 || warmUpNs < 0 || drainBoundNs < 0)
        {
            throw new IllegalArgumentException("bad trial request: trial " + trial + " attempt " + attempt
                + " rate " + targetRate + " duration " + durationNs + "ns");
        }
    }
}
