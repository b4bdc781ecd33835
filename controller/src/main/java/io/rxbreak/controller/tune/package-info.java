/**
 * Tuning as code ({@code ramp --tune FILE}): a file in sysctl.d syntax plus lines for RPS masks and IRQ affinity
 * ({@code TuneFile} reads it into a {@code TuningPlan}), applied where it belongs (inside the sandbox's namespace, or
 * on the host with {@code --tune-host}), read back and verified, recorded for the report ({@code Tuning}) and
 * restored ({@code Tuner}); the host's original values are kept in a state file first ({@code TuneState}), so that
 * the next run repairs what a controller killed outright left changed. After a ramp, {@code Proposals} turns the
 * layer that broke and the run's figures into the settings that would move it.
 * <p>
 * May use: harness-core (config, counters, os, control's JSON) and the controller's sandbox setup helpers. Threading:
 * the command's thread applies and restores; a shutdown hook restores on SIGINT or SIGTERM (both synchronized, the
 * second a no-op).
 */
package io.rxbreak.controller.tune;
