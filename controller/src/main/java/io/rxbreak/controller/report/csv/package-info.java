/**
 * {@code report.csv}: a run's trials as RFC 4180 CSV, one row per trial, one column per figure, the drop columns in
 * {@code Layer} order.
 * <p>
 * May use: {@code controller.report}, {@code controller.trial}, and harness-core's {@code counters} ({@code Layer})
 * and {@code protocol} (the sender's pacing); it renders a string and writes no file ({@code ReportArtifacts} does).
 * Threading: stateless, safe from any thread.
 */
package io.rxbreak.controller.report.csv;
