package io.rxbreak.core.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sender trial ({@code POST /trial/start}, {@code POST /trial/run}): what {@code rxbreak send} takes as options,
 * for one trial.
 *
 * @param trialId the id stamped in every message.
 * @param rate messages per second, or {@code max}; null with a pattern that sets its own rate.
 * @param pattern the pattern ({@code constant} when null), as {@link PatternSpec} reads it.
 * @param sizeBytes the datagram length, header included.
 * @param durationNs the trial's length after the warm-up.
 * @param warmUpNs the warm-up before it (its messages are flagged and sent in the same sequence).
 * @param endMarkers end-of-trial marker rounds after it; null for the sender's default, 0 for none (observe mode).
 * @param burstLimit count the sender's late bursts of more messages than this (the receiver's buffer, in
 *     datagrams); null for no count.
 * @param quietProcesses other JVMs on the sender's host (a local controller) whose compiler and collector threads
 *     must have settled, with the agent's own, before the first message; null for none.
 * @param speed a replay's speed-up factor ({@code pattern} {@code replay:FILE}); null for other patterns.
 * @param loops how many times a replay plays its feed; null for once (and for other patterns).
 */
public record SenderTrial(int trialId, @JsonInclude(JsonInclude.Include.NON_NULL) String rate, String pattern, int sizeBytes, long durationNs, long warmUpNs,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer endMarkers,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long burstLimit,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> quietProcesses,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double speed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long loops)
{
}
