/**
 * The exactly paced multicast sender: an engine ({@link io.rxbreak.sender.Sender}) that opens one Netty epoll socket
 * per address family once (each sends to every group of its family, so a batch to hundreds of groups is one
 * {@code sendmmsg}) and runs trials one at a time, the {@code rxbreak send} command that wraps it, and the sender
 * agent ({@code send --agent}) that a controller drives over HTTP/JSON. Schedules are in
 * {@code io.rxbreak.sender.schedule}; a replayed feed ({@code ReplayFeed}) is read and mapped here.
 * <p>
 * May use: harness-core (wire, time, net, os, config, counters, cli, and the control server and protocol for the
 * agent), the feed module, Netty, HdrHistogram, Jackson and picocli; never the receiver or the controller. Threading: a trial runs on
 * the engine's one event-loop thread (the sending thread), which owns its {@code TrialLoop}, {@code Pacer}, slots and
 * {@code PacingRecorder} and allocates nothing per message of its own (Netty copies a recipient's address per
 * datagram write: about 45 B a message when a replay sends each one to its group); {@code prepareTrial} sets a trial up on the calling
 * thread; a {@code Trial}'s {@code snapshot}, {@code stop} and {@code result} may be called from any thread
 * ({@code SendCounters} are written by the sending thread only, with ordered stores). The agent's requests run on the
 * control server's worker thread.
 */
package io.rxbreak.sender;
