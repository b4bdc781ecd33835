/**
 * {@code report.html} and the comparison page of {@code rxbreak compare --html}: self-contained HTML with inline SVG
 * charts and style, no script that runs and nothing from the network, every datum escaped ({@code Html}), the whole
 * report embedded as JSON.
 * <p>
 * May use: {@code controller.report}, {@code report.compare}, {@code controller.search}, {@code controller.trial},
 * harness-core's {@code config}, {@code counters} ({@code Layer}) and {@code cli} (the version), and Jackson; it
 * renders strings and writes no file. Threading: the renderers are stateless and safe from any thread; an
 * {@code SvgChart} being drawn belongs to the thread rendering it.
 */
package io.rxbreak.controller.report.html;
