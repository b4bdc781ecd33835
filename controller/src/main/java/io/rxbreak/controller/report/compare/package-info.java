/**
 * {@code rxbreak compare}: several runs' break points and attributions side by side, changes from the first, and the
 * tunables and environment values that differ, as console text ({@code CompareText}; the page is in
 * {@code report.html}).
 * <p>
 * May use: {@code controller.report} ({@code RunReport}) and {@code controller.search} (the goals' results); no I/O:
 * the command loads the runs and prints the text. Threading: stateless renderers and immutable records, safe from
 * any thread.
 */
package io.rxbreak.controller.report.compare;
