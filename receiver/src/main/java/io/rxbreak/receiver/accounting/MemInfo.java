package io.rxbreak.receiver.accounting;

/**
 * A socket's SO_MEMINFO figures read at one moment.
 *
 * @param rxQueueBytes kernel memory of the datagrams waiting (skb truesize; the rx_queue of /proc/net/udp).
 * @param rcvbufBytes the receive buffer limit in force.
 * @param drops the socket's drop counter (sk_drops, u32, wraps).
 */
public record MemInfo(long rxQueueBytes, long rcvbufBytes, long drops)
{
    /**
     * @param from a drop counter read earlier.
     * @param to the same counter read later.
     * @return the drops between them, right across a u32 wrap.
     */
    public static long dropsBetween(final long from, final long to)
    {
        return (to - from) & 0xFFFF_FFFFL;
    }
}
