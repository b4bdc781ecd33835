/**
 * The ramp controller ({@code rxbreak ramp}): its command, settings and run; the local agents it starts in child
 * JVMs; the private-namespace sandbox; CPU placement; and the trial runner that drives the sender and receiver agents
 * (or, in observe mode, reads the kernel counters of the user's own application) through the control protocol only.
 * Sub-packages: {@code search}, {@code trial}, {@code report}.
 * <p>
 * May use: its sub-packages, harness-core (control client, protocol, counters, os, net, config, cli, wire), Jackson,
 * HdrHistogram and picocli. Must not use the sender or receiver modules (on its test class path only, for end-to-end
 * tests): a local agent and a remote one are driven the same way, over HTTP/JSON. Threading: one run thread (the
 * command's) starts the agents, runs the search and its trials with blocking requests, and writes the run folder; on
 * SIGINT or SIGTERM a shutdown hook interrupts it and waits, bounded, for the partial report; a {@code LocalAgent}
 * reads its child's output on a thread of its own; the sandbox deletes its namespace from a shutdown hook too.
 */
package io.rxbreak.controller;
