/**
 * The run's outputs: the run folder ({@code trials.jsonl} forced to disk per trial; {@code run.json},
 * {@code report.json}, {@code report.html} and {@code report.csv} written atomically), its reader (which rebuilds an
 * interrupted run from {@code trials.jsonl}), the {@code RunReport} built from a search result, the break's
 * attribution, the run's exit code, progress lines and the console summary. The sub-packages render the other
 * formats and hold the commands.
 * <p>
 * May use: {@code controller.search} and {@code controller.trial} (what it reports), its {@code csv} and {@code html}
 * sub-packages ({@code ReportArtifacts}), harness-core's {@code config}, {@code counters}, {@code protocol} and
 * {@code cli} ({@code ExitCodes}), and Jackson; never the agents and trial runner of {@code io.rxbreak.controller}, so
 * that a report is rebuilt from a run folder alone. Threading: a {@code RunFolderWriter} is used by the run's thread
 * (as the search's listener); reports and headers are immutable; the renderers are stateless and the one JSON mapper
 * is configured once, so they are safe from any thread.
 */
package io.rxbreak.controller.report;
