package io.rxbreak.controller.agents;

import io.rxbreak.core.protocol.ReceiveBuffer;

/**
 * The receiving side of a trial: rxbreak's receiver agent, or, in observe mode, the user's own application judged
 * by its sockets' kernel counters.
 */
public interface ReceiverSide extends AutoCloseable
{
    /**
     * A trial starts: accounting starts clean and the counters' window opens.
     *
     * @param trialId the trial's id, as the sender stamps it.
     * @param sizeBytes the trial's datagram size.
     * @return what the receiving buffer holds in datagrams of that size, or null when unknown.
     */
    ReceiveBuffer begin(int trialId, int sizeBytes);

    /**
     * The sender finished: wait for the tail (bounded), close the window and report.
     *
     * @param trialId the trial.
     * @param drainBoundNs the longest wait for the tail.
     * @return what the receiving side saw.
     */
    ReceiverOutcome end(int trialId, long drainBoundNs);

    /**
     * @return whether the sender should send its end-of-trial markers: rxbreak's receiver ends its trial on them;
     *     an observed application does not know them, and its socket would count the ones it drops as lost.
     */
    default boolean wantsEndMarkers()
    {
        return true;
    }

    /**
     * @return a line on what receives, for the console and report.
     */
    String describe();

    @Override
    void close();
}
