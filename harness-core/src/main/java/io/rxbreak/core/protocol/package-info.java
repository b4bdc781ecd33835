/**
 * The agent protocol, one source of truth for both sides: {@link io.rxbreak.core.protocol.AgentApi} (its version,
 * paths, and which record each request and answer is), the requests the controller sends, the answers the agents
 * write (statuses, trial answers, the sender's and the receiver's trial reports, errors), all records that the
 * agents write and the controller reads with harness-core's one JSON mapper ({@code io.rxbreak.core.control.Json}).
 * A record's JSON is its contract: {@code rxbreak send --json} and {@code rxbreak receive --json} print the same
 * reports; a change the other side cannot read raises {@link io.rxbreak.core.protocol.AgentApi#PROTOCOL_VERSION}.
 * <p>
 * Also the spec types both sides parse: {@link io.rxbreak.core.protocol.PatternSpec} ({@code --pattern}) and {@link
 * io.rxbreak.core.protocol.ThrottleSpec} ({@code --throttle}), pure descriptions that the sender and the receiver
 * build their schedules and throttles from and that tell the controller what it needs to know (whether a load is
 * steady, where a throttled receiver's backlog builds), with the same one-line errors (exit code 2) everywhere.
 * <p>
 * May use: the JDK, Jackson's annotations, HdrHistogram (a latency summary from a histogram), and harness-core's
 * {@code cli} (bad input), {@code config} (units) and {@code counters} (layers, and the window counters a receiver's
 * answer carries); nothing that does I/O. Threading: every type here is immutable and safe to share between threads;
 * parsing is pure.
 */
package io.rxbreak.core.protocol;
