package io.rxbreak.receiver;

import java.util.Locale;

import io.rxbreak.core.config.BadInputException;

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
    IO_URING;

    /**
     * @param text as {@code --transport} takes it: {@code recvmmsg}, {@code epoll} or {@code io_uring} (also
     *             {@code iouring}, {@code io-uring}), any case.
     * @return the transport.
     * @throws BadInputException naming {@code --transport} for anything else.
     */
    public static TransportKind parse(final String text)
    {
        switch (text.toLowerCase(Locale.ROOT))
        {
            case "recvmmsg": return RECVMMSG;
            case "epoll": return EPOLL;
            case "io_uring": case "iouring": case "io-uring": return IO_URING;
            default: throw BadInputException.option("--transport", "'" + text + "' is none of recvmmsg, epoll and io_uring");
        }
    }
}
