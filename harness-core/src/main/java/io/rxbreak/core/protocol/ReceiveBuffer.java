package io.rxbreak.core.protocol;

/**
 * What the receiving sockets' buffers hold, in datagrams of a trial's size: the smallest granted buffer divided by
 * the kernel's memory per datagram of that size (its truesize, measured over loopback on the receiver's host). A
 * sender burst of more datagrams than this can overflow the buffer by itself.
 *
 * @param rcvbufBytes the smallest receive buffer among the receiving sockets, as granted.
 * @param truesizeBytes the buffer memory one datagram takes.
 * @param datagrams how many datagrams the buffer holds.
 */
public record ReceiveBuffer(long rcvbufBytes, long truesizeBytes, long datagrams)
{
}
