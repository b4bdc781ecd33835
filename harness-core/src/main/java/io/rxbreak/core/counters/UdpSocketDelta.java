package io.rxbreak.core.counters;

/**
 * How one socket moved between two snapshots: its drops delta (u32 wrap handled) and its current queue.
 *
 * @param socket the socket in the later snapshot.
 * @param drops drops since the earlier snapshot; for a socket new since then, all its drops (a socket starts
 *     at zero).
 * @param isNew whether the socket did not exist in the earlier snapshot.
 */
public record UdpSocketDelta(UdpSocket socket, long drops, boolean isNew)
{
}
