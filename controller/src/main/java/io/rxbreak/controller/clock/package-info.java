/**
 * Time across hosts: each agent's clock measured against the controller's over the control channel, as NTP does.
 * {@code ClockSync} makes the exchanges ({@code GET /clock}, four timestamps each: {@code ClockExchange}) and keeps
 * the one with the smallest round trip ({@code ClockEstimate}: the agent's offset and its uncertainty); two estimates
 * of one agent give its drift ({@code ClockDrift}); a sender's and a receiver's estimates give the correction of the
 * one-way latency ({@code OneWayCorrection}) and their drifts the correction of the backlog growth
 * ({@code GrowthCorrection}), each with an uncertainty that says when the figure cannot be told from the clocks'
 * disagreement.
 * <p>
 * May use: harness-core's control client, protocol and {@code time}. Everything but {@code ClockSync.measure} is pure
 * arithmetic on records. Threading: the records are immutable; a {@code ClockSync} holds only its clock and may be
 * shared, each {@code measure} making its exchanges one after another on the calling thread.
 */
package io.rxbreak.controller.clock;
