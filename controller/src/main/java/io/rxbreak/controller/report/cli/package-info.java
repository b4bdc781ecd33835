/**
 * The report commands ({@code rxbreak report}, {@code rxbreak compare}) and the pipeline options a run command
 * includes ({@code --baseline}, {@code --max-regression}, {@code --junit}).
 * <p>
 * May use: the other {@code controller.report} packages, harness-core's {@code cli} and {@code config}, and picocli;
 * it starts no agent and runs no trial. Threading: each command and its {@code PipelineOptions} run on the thread
 * picocli executes them on, and are not shared.
 */
package io.rxbreak.controller.report.cli;
