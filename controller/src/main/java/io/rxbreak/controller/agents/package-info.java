/**
 * The two sides a trial drives and the runner that drives them: {@code AgentTrialRunner} runs one trial through a
 * sender side ({@code AgentSenderSide}: a sender agent, local or remote) and a receiver side ({@code AgentReceiverSide}
 * for a receiver agent, {@code ObservedReceiverSide} for the user's own application read through the kernel's
 * counters), and reports what it measured as a {@code trial.TrialResult}. {@code LocalAgent} starts an agent in a
 * child JVM with this JVM's class path and stops it; {@code SshAgent} starts one on another host with the system's
 * OpenSSH client (the token through its input, never on a command line); both watch their process with
 * {@code AgentProcess}. {@code ReplayPlan} turns the search's rate into a replay's
 * speed-up factor and loops.
 * <p>
 * May use: {@code io.rxbreak.controller.search} and {@code .trial} (the runner's contract and what it returns),
 * harness-core (the control client, the typed protocol, the kernel counters, os, net), the feed module (a replayed
 * feed's profile and timing). Must not use the sender or
 * receiver modules: agents are known only through the protocol's records. Threading: the run's thread calls a side and
 * the runner, one request at a time; an {@code AgentProcess} reads its process's output on a thread of its own.
 */
package io.rxbreak.controller.agents;
