package io.rxbreak.controller;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.os.CpuSet;

/**
 * Which CPUs the harness's own processes run on, so that they stay off the receiver's: the controller, the local
 * sender agent, and the local receiver agent, whose reading threads alone run on the receiver's CPUs while its
 * other threads (JIT compilers, collector, control plane) stay with the controller (an observed application is the
 * user's to place; rxbreak keeps off the CPUs it is pinned to). By default, with two CPUs or more, the receiver gets the last CPU, the sender the one
 * before it when there are three or more (else it shares the rest with the controller), and the controller what
 * is left.
 *
 * @param controller the controller's CPUs.
 * @param sender the local sender agent's CPUs.
 * @param receiver the receiver's CPUs: the local receiver agent's, or the observed application's; null when the
 *     observed application may run anywhere.
 * @param chosen whether rxbreak chose (false when every set was given).
 */
public record Placement(CpuSet controller, CpuSet sender, CpuSet receiver, boolean chosen)
{
    /** The options that set the placement. */
    public static final String SENDER_CPUS = "--sender-cpus";
    public static final String RECEIVER_CPUS = "--receiver-cpus";
    public static final String CONTROLLER_CPUS = "--controller-cpus";

    /**
     * @param allowed the CPUs this process may use.
     * @param sender {@value #SENDER_CPUS} or null.
     * @param receiver {@value #RECEIVER_CPUS} or null.
     * @param controller {@value #CONTROLLER_CPUS} or null.
     * @param observing whether the receiver is an observed application rather than rxbreak's.
     * @param observedApplication the observed application's CPUs when it is pinned to fewer than all, else null.
     * @return the placement.
     * @throws BadInputException when a given set holds CPUs this process may not use.
     */
    public static Placement decide(final CpuSet allowed, final CpuSet sender, final CpuSet receiver,
        final CpuSet controller, final boolean observing, final CpuSet observedApplication)
    {
        check(SENDER_CPUS, sender, allowed);
        check(RECEIVER_CPUS, receiver, allowed);
        check(CONTROLLER_CPUS, controller, allowed);
        final CpuSet lastCpu = allowed.size() >= 2 ? CpuSet.of(allowed.last()) : allowed;
        final CpuSet receiverCpus = receiver != null ? receiver : observing ? observedApplication : lastCpu;
        final CpuSet avoid = receiverCpus != null ? receiverCpus : lastCpu;
        final CpuSet rest = !allowed.minus(avoid).isEmpty() ? allowed.minus(avoid) : allowed;
        final CpuSet senderCpus = sender != null ? sender : rest.size() >= 2 ? CpuSet.of(rest.last()) : rest;
        final CpuSet controllerCpus = controller != null ? controller :
            rest.minus(senderCpus).isEmpty() ? rest : rest.minus(senderCpus);
        return new Placement(controllerCpus, senderCpus, receiverCpus,
            sender == null || receiver == null || controller == null);
    }

    private static void check(final String option, final CpuSet cpus, final CpuSet allowed)
    {
        if (cpus != null && !cpus.isSubsetOf(allowed))
        {
            throw BadInputException.option(option, cpus + " names CPUs this process may not use (it may use " +
                allowed + ")");
        }
    }

    /**
     * @return whether the harness's processes (other than the receiver's reading threads) may run on the
     *     receiver's CPUs; false for an observed application that is not pinned (its CPUs are not known: a trial in
     *     which it waited for a CPU is flagged, not judged invalid).
     */
    public boolean harnessSharesReceiverCpus()
    {
        return receiver != null && (controller.intersects(receiver) || sender.intersects(receiver));
    }

    /**
     * @return whether the sender shares a CPU with the receiver (then it sleeps between messages rather than
     *     spinning, or it would take the receiver's CPU time).
     */
    public boolean senderSharesReceiverCpus()
    {
        return receiver != null && sender.intersects(receiver);
    }

    /**
     * @return the placement in words, for the report's environment.
     */
    public String describe()
    {
        return "controller CPU " + controller + ", sender agent CPU " + sender + ", receiving threads CPU " +
            (receiver == null ? "any (the observed application is not pinned: pin it with taskset and rxbreak keeps off " +
                "its CPUs)" : receiver) + (chosen ? "" : " (as given)");
    }
}
