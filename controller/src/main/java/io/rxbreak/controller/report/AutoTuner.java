package io.rxbreak.controller.report;

/**
 * A service found running on the host that can change receive-path settings while a run is going on.
 *
 * @param kind which service.
 * @param detail what was found, like {@code pid 412} or {@code tuned-adm active}'s output.
 */
public record AutoTuner(Kind kind, String detail)
{
    /**
     * The services rxbreak looks for.
     */
    public enum Kind
    {
        /** irqbalance: moves IRQ affinity every few seconds. */
        IRQBALANCE("irqbalance", "moves IRQ affinity (/proc/irq/N/smp_affinity) every 10 s by default, so the CPU "
            + "that takes the NIC's interrupts can change mid-run; stop it, or ban the IRQs (IRQBALANCE_BANNED_CPUS)"),
        /** TuneD: applies its active profile's sysctls, IRQ and CPU settings, and its dynamic tuning changes them. */
        TUNED("tuned", "TuneD applies its active profile's sysctls and can change them again (dynamic tuning, a "
            + "profile switch): compare its [sysctl] with the run's tunables"),
        /** bpftune: changes sysctls by itself as it watches the kernel. */
        BPFTUNE("bpftune", "bpftune changes network sysctls (netdev_max_backlog, netdev_budget, buffer sizes) by "
            + "itself as it watches the kernel, so a setting can change mid-run; stop it for a measurement");

        private final String label;
        private final String effect;

        Kind(final String label, final String effect)
        {
            this.label = label;
            this.effect = effect;
        }

        /**
         * @return the service's name, like {@code irqbalance}.
         */
        public String label()
        {
            return label;
        }

        /**
         * @return what it can change during a run, in words.
         */
        public String effect()
        {
            return effect;
        }
    }
}
