package io.rxbreak.controller.tune;

/**
 * One setting of a tuning file as applied, for the report.
 *
 * @param line the tuning file's line.
 * @param kind what it set.
 * @param key the sysctl's dotted name, {@code rps DEV rx-N} or {@code irq N}.
 * @param site where it was applied; null when a {@code -} line was skipped before anything was written.
 * @param before what the kernel read before, or null when unknown (a skipped line whose key is missing).
 * @param asked what was written, in the kernel's form (an RPS CPU list as its hex mask).
 * @param readBack what the kernel read afterwards, or null when nothing was written.
 * @param applied whether the kernel holds what was asked; false only for a {@code -} line whose failure was ignored.
 */
public record TuneSetting(int line, TuneKind kind, String key, TuneSite site, String before, String asked,
    String readBack, boolean applied)
{
}
