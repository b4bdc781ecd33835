/**
 * Trials: what the search asks a runner for ({@code TrialRequest}), what the runner measured ({@code TrialResult}),
 * and {@code TrialJudge}, the one place that decides PASS, FAIL or INVALID, with the judged {@code TrialRecord}: its
 * verdict, its accounting (sent = received + drops per layer + unexplained) and the layers that lost, largest first.
 * <p>
 * May use: {@code io.rxbreak.core.counters} ({@code Layer}), {@code io.rxbreak.core.protocol} (the sender's pacing,
 * the receive buffer, CPU use) and Jackson annotations; nothing else of the controller and no I/O, so that the search
 * and the report both build on it. Threading: records and enums are immutable (their maps and lists unmodifiable
 * copies) and may be shared between threads; a {@code TrialJudge} holds only final thresholds; a
 * {@code TrialResult.Builder} belongs to the thread filling it.
 */
package io.rxbreak.controller.trial;
