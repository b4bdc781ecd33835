package io.rxbreak.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trial starts on the receiver ({@code POST /trial/begin}): it starts clean and the counters' window opens.
 *
 * @param trialId the trial that starts on the receiver.
 * @param sizeBytes the trial's datagram size, for the buffer's capacity in datagrams; null when not told.
 */
public record ReceiverTrial(int trialId, @JsonInclude(JsonInclude.Include.NON_NULL) Integer sizeBytes)
{
}
