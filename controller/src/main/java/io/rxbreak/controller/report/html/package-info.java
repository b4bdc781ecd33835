/**
 * {@code report.html} and the comparison page: self-contained HTML with inline SVG charts, every datum escaped.
 */
package io.rxbreak.controller.report.html;
