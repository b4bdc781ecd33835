/**
 * The report commands ({@code rxbreak report}, {@code rxbreak compare}) and the pipeline options a run command
 * includes ({@code --baseline}, {@code --max-regression}, {@code --junit}).
 */
package io.rxbreak.controller.report.cli;
