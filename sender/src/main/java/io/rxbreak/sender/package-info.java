/**
 * The exactly paced multicast sender: an engine ({@link io.rxbreak.sender.Sender}) that opens one Netty epoll socket
 * per address family once (each sends to every group of its family) and runs trials one at a time, the
 * {@code rxbreak send} command that wraps it, and the sender agent ({@code send --agent}) that a controller drives
 * over HTTP/JSON. Schedules are in {@code io.rxbreak.sender.schedule}; a replayed feed ({@code ReplayFeed}) is read
 * and mapped here. Round-robin trials write Netty packets over reused slots (with GSO where it applies); routed
 * batches, a replay's messages each to its own group and the end markers, go through a {@code RoutedSender}:
 * {@code SendmmsgSlots} calls {@code sendmmsg(2)} on the sockets' descriptors directly, {@code RoutedSlots} writes
 * through Netty where that cannot be.
 * <p>
 * May use: harness-core (wire, time, net, os, config, counters, cli, and the control server and protocol for the
 * agent), the feed module, Netty, HdrHistogram, Jackson and picocli; never the receiver or the controller.
 * Threading: a trial runs on the engine's one event-loop thread (the sending thread), which owns its
 * {@code TrialLoop}, {@code Pacer}, slots and {@code PacingRecorder} and allocates nothing per message (with
 * {@code --send-path netty} or without JNA, Netty copies a recipient's address per datagram of a replay);
 * {@code prepareTrial} sets a trial up on the calling thread; a {@code Trial}'s {@code snapshot}, {@code stop} and
 * {@code result} may be called from any thread ({@code SendCounters} are written by the sending thread only, with
 * ordered stores). The agent's requests run on the control server's worker thread.
 */
package io.rxbreak.sender;
