/**
 * The receiver as an agent ({@code rxbreak receive --agent}): the HTTP endpoints a controller drives (trial start,
 * end, status, metrics), translating protocol requests into calls on the {@link io.rxbreak.receiver.Receiver} and its
 * results into protocol answers.
 * <p>
 * May use: harness-core (control server, protocol) and the receiver's engine. Threading: requests arrive on the
 * control server's event loop; trial windows are opened and closed through the receiver's own thread-safe calls, never
 * by touching a reading thread's state.
 */
package io.rxbreak.receiver.agent;
