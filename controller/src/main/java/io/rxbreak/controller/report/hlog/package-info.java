/**
 * {@code latency.hlog}: the run's interval latency histograms in HdrHistogram's log format, tagged by trial.
 */
package io.rxbreak.controller.report.hlog;
