package io.rxbreak.receiver;

import java.util.List;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rxbreak.core.os.Threads;

/**
 * Which read path a receiver uses, and its event loops: the one asked for when this host has it, else epoll with a
 * note saying why.
 */
final class Transports
{
    private Transports()
    {
    }

    /**
     * @param requested the transport asked for.
     * @param notes     where a fallback is explained.
     * @return the transport to use.
     * @throws IllegalStateException when not even native epoll is available.
     */
    static TransportKind available(final TransportKind requested, final List<String> notes)
    {
        TransportKind transport = requested;
        if (transport == TransportKind.IO_URING && !IoUring.isAvailable())
        {
            notes.add("io_uring is unavailable (" + IoUring.unavailabilityCause() + "); using epoll");
            transport = TransportKind.EPOLL;
        }
        if (transport == TransportKind.RECVMMSG && Threads.unavailableReason() != null)
        {
            notes.add("recvmmsg reading is unavailable (" + Threads.unavailableReason() + "); using epoll");
            transport = TransportKind.EPOLL;
        }
        if (transport != TransportKind.IO_URING && !Epoll.isAvailable())
        {
            throw new IllegalStateException("native epoll is unavailable: " + Epoll.unavailabilityCause());
        }
        return transport;
    }

    /**
     * Netty's read path reads each socket on its event loop; recvmmsg reading has a thread per socket of its own and
     * needs an event loop only to open the sockets.
     *
     * @param transport the transport in use.
     * @param sockets   how many sockets the receiver opens.
     * @return the event loops, daemon threads named {@code rxbreak-rx}.
     */
    static MultiThreadIoEventLoopGroup eventLoops(final TransportKind transport, final int sockets)
    {
        final IoHandlerFactory factory = transport == TransportKind.IO_URING ?
            IoUringIoHandler.newFactory() : EpollIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(transport == TransportKind.RECVMMSG ? 1 : sockets,
            new DefaultThreadFactory("rxbreak-rx", true), factory);
    }
}
