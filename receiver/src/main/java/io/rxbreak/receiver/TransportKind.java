package io.rxbreak.receiver;

/**
 * The Netty native transport the sockets use.
 */
public enum TransportKind
{
    /** epoll with recvmmsg batching: the default. */
    EPOLL,
    /** io_uring; falls back to epoll, with the reason, where it is unavailable. */
    IO_URING
}
