package io.rxbreak.core.protocol;

/**
 * One socket's share of a receiver's trial ({@link ReceiverTrialReport#sockets()}).
 *
 * @param index the socket's number.
 * @param group the group it joined.
 * @param inode its inode (the inode column of /proc/net/udp).
 * @param received valid messages of the trial it accounted.
 * @param unique distinct ones.
 * @param gaps missing sequence numbers.
 * @param datagrams datagrams it read from the kernel during the trial (all kinds).
 * @param batches read calls that returned datagrams (datagrams / batches = the recvmmsg batch size reached).
 * @param drops its kernel drops during the trial (SO_MEMINFO sk_drops delta).
 * @param rxQueueBytes its receive queue now (kernel memory, skb truesize).
 * @param applicationDrops messages the application dropped (queue throttle).
 * @param rcvbufRequested SO_RCVBUF asked for, 0 for the default.
 * @param rcvbufGranted SO_RCVBUF granted.
 * @param throttle the throttle's state.
 * @param backlogGrowth how fast its reader fell behind the offered load over the trial's measured messages, as a
 *     fraction of that load (the slope of latency against intended send time: 0.02 means every second of sending
 *     left 20 ms more queued); null when the trial had too few measured messages to tell.
 */
public record SocketResult(int index, String group, long inode, long received, long unique, long gaps,
    long datagrams, long batches, long drops, long rxQueueBytes, long applicationDrops, long rcvbufRequested,
    long rcvbufGranted, String throttle, Double backlogGrowth)
{
}
