/**
 * For pipelines: the regression gate ({@code RegressionGate}), which compares a run's NDR and PDR with a baseline
 * run's and decides the exit code, and the JUnit XML result ({@code JUnitReport}).
 * <p>
 * May use: {@code controller.report}, {@code controller.search}, {@code controller.trial} and harness-core's
 * {@code cli} ({@code ExitCodes}); it renders strings and writes no file ({@code PipelineOptions} does). Threading:
 * stateless functions and immutable results, safe from any thread.
 */
package io.rxbreak.controller.report.gate;
