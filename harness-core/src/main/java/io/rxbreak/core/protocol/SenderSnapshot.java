package io.rxbreak.core.protocol;

import java.util.Map;

/**
 * The sender's statistics of a running (or finished) trial at one instant, readable from any thread at any time:
 * the {@code snapshot} of the sender agent's answer while a trial runs ({@link SenderResultAnswer}).
 *
 * @param trialId the trial.
 * @param state {@code starting}, {@code running}, {@code finishing} (sending end markers) or {@code done}.
 * @param elapsedNs time since the trial's first message was due.
 * @param sent messages sent (handed to the socket without error), warm-up included.
 * @param failed messages whose send failed.
 * @param warmupSent messages flagged warm-up among those handed to the socket.
 * @param batches batches written and flushed.
 * @param packets datagram writes (a GSO send counts once).
 * @param stalls times the socket would block and the sender waited.
 * @param lagNs how far behind schedule the latest batch went.
 * @param maxLagNs the most it was behind.
 * @param endMarkersSent end-of-trial markers sent.
 * @param errors failed sends by errno name.
 */
public record SenderSnapshot(
    int trialId,
    String state,
    long elapsedNs,
    long sent,
    long failed,
    long warmupSent,
    long batches,
    long packets,
    long stalls,
    long lagNs,
    long maxLagNs,
    long endMarkersSent,
    Map<String, Long> errors)
{
    /**
     * @return messages per batch, on average.
     */
    public double meanBatchSize()
    {
        return batches == 0 ? 0 : (double)(sent + failed) / batches;
    }
}
