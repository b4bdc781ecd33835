package io.rxbreak.core.protocol;

/**
 * A trial ends on the receiver ({@code POST /trial/end}): drain (bounded), close the window, report.
 *
 * @param trialId the trial to end.
 * @param drainBoundNs how long to wait at most for the end markers and for the sockets' queues to empty.
 */
public record ReceiverTrialEnd(int trialId, long drainBoundNs)
{
}
