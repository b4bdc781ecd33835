/**
 * The ramp controller ({@code rxbreak ramp}): its command and settings ({@code RampCommand} validates every option
 * before anything starts), the run ({@code RampRun}: start or reach the agents through {@code RunAgents}, place the
 * harness, optionally calibrate, run the search, write the run folder and the summary), the private-namespace
 * sandbox, CPU placement, and the run's environment. Sub-packages: {@code agents} (the trial runner and the sides it
 * drives), {@code search}, {@code trial}, {@code report}, {@code scenario}, {@code tune} (tuning files and the fix a
 * ramp proposes), {@code clock} (the agents' clocks measured over the control channel, and the one-way latency's
 * correction).
 * <p>
 * May use: its sub-packages, harness-core (control client, protocol, counters, os, net, config, cli, wire), Jackson,
 * HdrHistogram and picocli. Must not use the sender or receiver modules (on its test class path only, for end-to-end
 * tests): a local agent and a remote one are driven the same way, over HTTP/JSON. Threading: one run thread (the
 * command's) starts the agents, runs the search and its trials with blocking requests, and writes the run folder; on
 * SIGINT or SIGTERM a {@code SignalGuard} interrupts it and waits, bounded, for the partial report; the sandbox
 * deletes its namespace from a shutdown hook too.
 */
package io.rxbreak.controller;
