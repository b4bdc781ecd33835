package io.rxbreak.controller.trial;

/**
 * Why a trial is {@link Verdict#INVALID}.
 */
public enum InvalidReason
{
    /** The sender offered less than the target rate by more than the tolerance: it cannot send this fast. */
    SENDER_SHORTFALL,
    /**
     * Messages were lost while the sender fell behind its schedule by more than {@code --max-sender-lag} and then
     * sent the due messages back to back, and no more was lost than that burst held: the loss may be the burst's,
     * not the rate's. Likewise a trial that lost nothing but fell behind after such a stall: the backlog may be the
     * burst's.
     */
    SENDER_STALL,
    /**
     * Messages were lost while the sender, late, sent more messages back to back than the receiver's buffer holds
     * (a late burst over the buffer): the burst alone can overflow it, so the loss may be the harness's, not the
     * rate's.
     */
    SENDER_BURST,
    /**
     * The receiver fell behind while the sender itself drifted behind its schedule by more than half the allowed backlog
     * growth (within the shortfall tolerance): the sender's drift, not the receiver, may be what grew.
     */
    SENDER_DRIFT,
    /**
     * The receiver waited for a CPU for more than {@link HarnessLoad#RECEIVER_WAIT_FLAG} of the trial while the
     * harness's own processes could run on its CPUs and used CPU time: the harness may have taken the receiver's CPU.
     */
    HARNESS_INTERFERENCE,
    /** The sender offered more than the target rate by more than the tolerance. */
    SENDER_OVERSHOOT,
    /** A counter source failed (unreadable file, parse error, agent lost): the drops per layer are unknown. */
    COUNTER_FAILURE,
    /** Nothing was sent in the measured window. */
    NOTHING_SENT,
    /**
     * The figures contradict each other: more received than sent, or the receiver's own socket or application
     * counted drops although every message arrived (another sender on the group, or skewed window edges).
     */
    ACCOUNTING_INCONSISTENT
}
