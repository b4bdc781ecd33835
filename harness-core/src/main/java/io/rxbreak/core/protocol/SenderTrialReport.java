package io.rxbreak.core.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The sender's figures of a finished trial: the {@code result} of the sender agent's trial answers
 * ({@link SenderRunAnswer}, {@link SenderResultAnswer}) and, with {@code "type": "result"} first, the final JSON
 * object of {@code rxbreak send --json}.
 *
 * @param trialId the trial.
 * @param pattern the schedule as typed, like {@code constant 100000/s}.
 * @param groups the destinations.
 * @param streamsPerGroup streams per destination.
 * @param sizeBytes the datagram length (the longest, for playback).
 * @param gsoSegments messages per GSO send at most, or 0 when GSO was off.
 * @param idle the idle strategy used.
 * @param stopReason {@code count}, {@code duration}, {@code pattern-end} or {@code stopped}.
 * @param windowNs the time the rates are computed over: the trial's schedule window (warm-up included), or
 *     longer when sending took longer.
 * @param sent messages sent without error, warm-up included (end markers excluded).
 * @param failed messages whose send failed (counted in {@code errors} by errno).
 * @param warmupSent of the messages handed to the socket, those flagged warm-up.
 * @param expected messages the schedule had due within the window.
 * @param targetRate the schedule's average rate, messages per second; null for {@code --rate max}.
 * @param achievedRate sent divided by the window, messages per second.
 * @param shortfall {@code 1 - sent / expected}: the part of the schedule not sent (0 when all went).
 * @param maxLagNs the most the sender was behind its schedule, ns.
 * @param endLagNs how far behind it was at its last batch, ns.
 * @param senderLimited whether the sender could not keep its schedule: a shortfall over 0.5 % or an end lag over
 *     the limit. A sender-limited trial says nothing about a receiver.
 * @param senderLimitedReason why, or null.
 * @param batches batches written and flushed together.
 * @param meanBatchSize messages per batch.
 * @param packets datagram writes (a GSO send counts once).
 * @param stalls times the socket would block and the sender waited for it to drain.
 * @param errors failed sends by errno name ({@code EAGAIN}, {@code ENOBUFS}, ...).
 * @param sndbufErrorsDelta the change of Udp SndbufErrors (IPv4; /proc/net/snmp) over the trial, this network
 *     namespace and every socket in it, or null when it could not be read.
 * @param endMarkersSent end-of-trial markers sent, every stream and repeat.
 * @param senderThreadAllocatedBytes bytes the sending thread allocated during the trial (0 means a hot path
 *     without allocation), or -1 when the JVM cannot tell.
 * @param lagGrowth how fast the sender's lag behind its schedule grew over the measured (not warm-up) batches, as a
 *     fraction of the schedule's time (the slope of lag against due time; 0 while it keeps up), or null when the
 *     window was too short to tell or the rate is {@code max}. A receiver's latency grows by this much too.
 * @param pacing the lag percentiles over the trial's batches and its late bursts.
 * @param startEpochNs when the schedule's offset 0 was, epoch nanoseconds (a message's intended send time minus
 *     its offset); null before the trial started.
 */
public record SenderTrialReport(
    int trialId,
    String pattern,
    List<String> groups,
    int streamsPerGroup,
    int sizeBytes,
    int gsoSegments,
    String idle,
    String stopReason,
    long windowNs,
    long sent,
    long failed,
    long warmupSent,
    long expected,
    Double targetRate,
    double achievedRate,
    double shortfall,
    long maxLagNs,
    long endLagNs,
    boolean senderLimited,
    String senderLimitedReason,
    long batches,
    double meanBatchSize,
    long packets,
    long stalls,
    Map<String, Long> errors,
    Long sndbufErrorsDelta,
    long endMarkersSent,
    long senderThreadAllocatedBytes,
    Double lagGrowth,
    SenderPacing pacing,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long startEpochNs)
{
}
