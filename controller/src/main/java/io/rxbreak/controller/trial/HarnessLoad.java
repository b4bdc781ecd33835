package io.rxbreak.controller.trial;

import io.rxbreak.core.protocol.CpuUse;

/**
 * The harness's own CPU use over a trial and the receiver's wait for a CPU, from the scheduler's accounting: what
 * tells whether the harness disturbed what it measured. A part unknown (a remote agent, no schedstat) is null.
 *
 * @param controller the controller process.
 * @param senderAgent the sender agent's threads but the sending one.
 * @param sendingThread the sending thread.
 * @param receiverAgent the receiver agent's threads but the reading ones.
 * @param receiver the reading threads of rxbreak's receiver, or the observed application's busiest thread (most
 *     likely the one that reads).
 * @param harnessOnReceiverCpus whether the harness's processes may run on the receiver's CPUs (its placement).
 */
public record HarnessLoad(
    CpuUse controller,
    CpuUse senderAgent,
    CpuUse sendingThread,
    CpuUse receiverAgent,
    CpuUse receiver,
    boolean harnessOnReceiverCpus)
{
    /**
     * A receiver that waited for a CPU more than this share of a trial's window is flagged: a trial of a receiver
     * kept from its CPU measures the CPU's other tenants as much as the receiver.
     */
    public static final double RECEIVER_WAIT_FLAG = 0.01;

    /**
     * @return the CPU time the harness used (controller and agents, not the threads that send and read), ns.
     */
    public long harnessCpuNs()
    {
        return onCpu(controller) + onCpu(senderAgent) + onCpu(receiverAgent);
    }

    /**
     * @param windowNs the trial's length.
     * @return the share of it the receiver spent waiting for a CPU, or null when unknown.
     */
    public Double receiverWaitShare(final long windowNs)
    {
        return receiver == null || windowNs <= 0 ? null : receiver.runQueueWaitNs() / (double)windowNs;
    }

    /**
     * @param windowNs the trial's length.
     * @return the share of it the host (a hypervisor) took from the receiver's CPUs (steal time, added up over
     *     them), or null when unknown.
     */
    public Double receiverStealShare(final long windowNs)
    {
        return receiver == null || receiver.stealNs() == null || windowNs <= 0 ? null :
            receiver.stealNs() / (double)windowNs;
    }

    private static long onCpu(final CpuUse use)
    {
        return use == null ? 0 : use.onCpuNs();
    }
}
