package io.rxbreak.controller.tune;

/**
 * What a line of a tuning file sets.
 */
public enum TuneKind
{
    /** A sysctl under {@code /proc/sys}, like {@code net.core.rmem_max = 8388608}. */
    SYSCTL,
    /** The RPS mask of an interface's receive queue, as a CPU list: {@code rps lo = 0-1}. */
    RPS,
    /** An IRQ's CPU affinity, as a CPU list: {@code irq 34 = 1}; always machine-wide. */
    IRQ
}
