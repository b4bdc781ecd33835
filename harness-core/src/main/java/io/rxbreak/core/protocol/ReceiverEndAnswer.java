package io.rxbreak.core.protocol;

import io.rxbreak.core.counters.WindowCounters;

/**
 * The receiver agent's answer to {@code POST /trial/end}: the trial's accounting, the kernel counters over it, and
 * whether its tail was read.
 *
 * @param result the trial's accounting (the final object of {@code rxbreak receive --json}).
 * @param counters the kernel counters of the receiver's host and namespace over the trial.
 * @param drained whether the sockets' queues emptied within the bound: with every stream's end marker, or without
 *     some (lost, or never sent) once nothing more came; false when data was still queued at the bound, and then
 *     the figures cannot be trusted.
 * @param note null when drained with every end marker, else what happened (drained without them, or what was
 *     still queued).
 * @param latencyHistogram the trial's latencies, an HdrHistogram in its compressed encoding, in Base64.
 * @param peakRxQueueBytes the largest receive queue of any socket, sampled every few milliseconds over the trial.
 * @param readersCpu the reading threads' CPU use over the trial, or null when unknown.
 * @param agentCpu the CPU use of the agent's other threads, or null when unknown.
 */
public record ReceiverEndAnswer(
    ReceiverTrialReport result,
    WindowCounters counters,
    boolean drained,
    String note,
    String latencyHistogram,
    long peakRxQueueBytes,
    CpuUse readersCpu,
    CpuUse agentCpu)
{
}
