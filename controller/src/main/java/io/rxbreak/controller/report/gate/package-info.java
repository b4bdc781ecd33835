/**
 * For pipelines: the regression gate against a baseline run and the JUnit XML result.
 */
package io.rxbreak.controller.report.gate;
