/**
 * {@code report.csv}: a run's trials as RFC 4180 CSV, one row per trial, one column per figure.
 */
package io.rxbreak.controller.report.csv;
