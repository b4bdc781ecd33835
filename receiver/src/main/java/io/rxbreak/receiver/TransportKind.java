package io.rxbreak.receiver;

/**
 * How the sockets are read.
 */
public enum TransportKind
{
    /**
     * {@code recvmmsg} straight into one reused native buffer on a thread per socket, no object per datagram: the
     * default, and the fastest. Falls back to epoll, with the reason, where the native calls are unavailable.
     */
    RECVMMSG,
    /** Netty's epoll datagram path with recvmmsg batching (a packet object per datagram). */
    EPOLL,
    /** io_uring; falls back to epoll, with the reason, where it is unavailable. */
    IO_URING
}
