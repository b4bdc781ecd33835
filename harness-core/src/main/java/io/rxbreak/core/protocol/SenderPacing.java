package io.rxbreak.core.protocol;

/**
 * The sender's punctuality in one trial: its lag behind schedule over its batches, and its late bursts (messages
 * sent back to back because they were overdue by more than {@link #LATE_NS} ns).
 *
 * @param lagP50Ns the median batch's lag.
 * @param lagP99Ns the 99th percentile of the batches' lag.
 * @param lagP999Ns the 99.9th percentile.
 * @param lagMaxNs the largest lag, counted until the batch's send returned: no message went later than this.
 * @param lagMaxAtNs when in the trial (from its first message's due time, warm-up included) the batch with the
 *     largest lag was due.
 * @param largestBurst the largest late burst, as the messages the sender compressed: a burst's messages times the
 *     part of their due span the sender saved by sending them back to back ({@code 1 - sent span / due span}); a
 *     burst of the schedule's own that the sender sent no faster than due (a replayed microburst) counts 0.
 * @param lateBursts how many late bursts there were (runs of batches sent back to back because they were late).
 * @param lateMessages how many messages they carried in all.
 * @param burstLimit the limit bursts were counted against (the receiver's buffer, in datagrams), or null.
 * @param burstsOverLimit how many bursts compressed more messages than that, or null without a limit.
 */
public record SenderPacing(
    long lagP50Ns,
    long lagP99Ns,
    long lagP999Ns,
    long lagMaxNs,
    long lagMaxAtNs,
    long largestBurst,
    long lateBursts,
    long lateMessages,
    Long burstLimit,
    Long burstsOverLimit)
{
    /**
     * A batch whose first message was due more than this long ago was late. A pacer that wakes on time sends within
     * tens of microseconds; beyond this the messages pile up.
     */
    public static final long LATE_NS = 100_000L;
}
