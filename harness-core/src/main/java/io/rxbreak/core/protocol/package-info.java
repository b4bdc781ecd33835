/**
 * The agent protocol's types, shared by the agents that write them and the controller that reads them, and the
 * spec types both sides parse: {@link io.rxbreak.core.protocol.PatternSpec} ({@code --pattern}) and {@link
 * io.rxbreak.core.protocol.ThrottleSpec} ({@code --throttle}), pure descriptions that the sender and the receiver
 * build their schedules and throttles from and that tell the controller what it needs to know (whether a load is
 * steady, where a throttled receiver's backlog builds).
 * <p>
 * May use: the JDK, Jackson's annotations, and harness-core's {@code cli} (bad input), {@code config} (units),
 * {@code counters} (layers) and {@code wire}. Threading: every type here is immutable and safe to share between
 * threads; parsing is pure (no I/O).
 */
package io.rxbreak.core.protocol;
