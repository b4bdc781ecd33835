/**
 * The run's outputs: the run folder ({@code run.json}, {@code trials.jsonl} flushed per trial, {@code report.json}),
 * its reader (which rebuilds an interrupted run from {@code trials.jsonl}), progress lines and the console summary.
 */
package io.rxbreak.controller.report;
