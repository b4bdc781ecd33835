/**
 * The control protocol's transport between the ramp controller and its agents: HTTP/JSON on Netty's HTTP codec
 * ({@link io.rxbreak.core.control.AgentServer}, {@link io.rxbreak.core.control.Router}), over TLS beyond loopback
 * (a generated or the user's {@link io.rxbreak.core.control.AgentCertificate}, pinned by its
 * {@link io.rxbreak.core.control.TlsFingerprint} with {@link io.rxbreak.core.control.PinnedTrust}), a bounded client
 * that reads each answer into its record ({@link io.rxbreak.core.control.AgentClient}), the {@code /clock} handler
 * both agent roles serve ({@link io.rxbreak.core.control.ClockHandler}), Prometheus metrics text, and rxbreak's one
 * JSON configuration ({@link io.rxbreak.core.control.Json}) that every JSON output and input uses. The requests and
 * answers themselves are the records of {@code io.rxbreak.core.protocol}.
 * <p>
 * May use: harness-core's {@code protocol}, {@code cli}, {@code counters} (layer labels) and {@code time} (the
 * agents' epoch clock), Netty, Jackson, Bouncy Castle (certificates and PEM files) and the JDK's HTTP client and TLS.
 * Threading: a server serves its handlers one at a time on a worker thread of its own, never on its I/O thread (but
 * for the clock's, which answers at once there); a client and the mappers are safe to share between threads, a
 * {@code ClockChannel} belongs to one thread.
 */
package io.rxbreak.core.control;
