package io.rxbreak.receiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.net.SocketOptions;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.MemInfo;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;

/**
 * One receiving socket: a Netty datagram channel of the group's family, SO_REUSEADDR and SO_REUSEPORT, bound to
 * the group's address and port (so it gets no other group on that port; a socket shared by several groups of one
 * port binds the wildcard address and joins each), IP_MULTICAST_ALL off (so it gets only the groups it joined),
 * joined on the named interface. It is read by a {@link SocketReader}: {@code recvmmsg} into one reused buffer on a thread of
 * its own (the default), or Netty's read path with recvmmsg batching (MAX_DATAGRAM_PAYLOAD_SIZE and a buffer of
 * {@code batch} datagrams). It knows its fd and inode, what receive buffer was asked for and granted, and reads its
 * own SO_MEMINFO.
 */
public final class ReceiverSocket
{
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final int MAX_MESSAGES_PER_READ = 16;

    private final int index;
    private final List<MulticastGroup> groups;
    private final DatagramChannel channel;
    private final int fd;
    private final long inode;
    private final long rcvbufRequested;
    private final long rcvbufGranted;
    private final String rcvbufNote;
    private final SocketCounters counters;
    private final SocketTrials trials;
    private final SocketReader reader;

    private ReceiverSocket(final int index, final List<MulticastGroup> groups, final DatagramChannel channel,
        final long rcvbufRequested, final String rcvbufNote, final SocketCounters counters, final SocketTrials trials,
        final SocketReader reader)
    {
        this.index = index;
        this.groups = groups;
        this.channel = channel;
        this.fd = ((UnixChannel)channel).fd().intValue();
        this.inode = readInode(fd);
        this.rcvbufRequested = rcvbufRequested;
        this.rcvbufGranted = channel.config().getOption(ChannelOption.SO_RCVBUF);
        this.rcvbufNote = rcvbufNote;
        this.counters = counters;
        this.trials = trials;
        this.reader = reader;
    }

    /**
     * Open, configure, bind and join one socket, and start reading.
     *
     * @param index the socket's number in the receiver.
     * @param loop the event loop it reads on.
     * @param transport epoll or io_uring (already checked to be available).
     * @param groups the groups to join: one, or several of one port and family (a shared socket).
     * @param config the receiver's configuration.
     * @param epochClock the receipt clock.
     * @return the socket, reading.
     * @throws InterruptedException if interrupted while binding or joining.
     */
    public static ReceiverSocket open(final int index, final EventLoop loop, final TransportKind transport,
        final List<MulticastGroup> groups, final ReceiverConfig config, final EpochClock epochClock)
        throws InterruptedException
    {
        final MulticastGroup group = groups.get(0);
        final NetworkInterface nif = config.networkInterface();
        final SocketCounters counters = new SocketCounters();
        final DatagramChannel[] holder = new DatagramChannel[1];
        final SocketTrials trials = new SocketTrials(() -> holder[0] == null ? 0 : memInfo(holder[0]).drops(),
            counters, NanoClock.SYSTEM);
        final Accountant accountant = new Accountant(trials, epochClock, config.followTrials());
        final DatagramProcessor processor = new DatagramProcessor(counters, accountant, epochClock, "s" + index,
            0x5EEDL + index);
        final ReceiveHandler nettyReader = transport == TransportKind.RECVMMSG ? null :
            new ReceiveHandler(processor, loop, config.throttle(), config.readerCpus());
        final Bootstrap bootstrap = bootstrap(loop, transport, group.family(), config,
            nettyReader != null ? nettyReader : new ChannelInboundHandlerAdapter());
        final DatagramChannel channel = (DatagramChannel)bootstrap.register().sync().channel();
        try
        {
            multicastAllOff(channel, transport);
            final String note = applyRcvbuf(channel, config);
            if (config.busyPollUs() > 0)
            {
                channel.config().setOption(SocketOptions.SO_BUSY_POLL, config.busyPollUs());
            }
            holder[0] = channel;
            final SocketReader reader = nettyReader != null ? nettyReader :
                new DirectReader(((UnixChannel)channel).fd().intValue(), processor, config.batch(),
                    config.maxMessageBytes(), config.throttle(), "rxbreak-rx-" + index, config.readerCpus());
            final ReceiverSocket socket = new ReceiverSocket(index, List.copyOf(groups), channel, config.rcvbufBytes(), note,
                counters, trials, reader);
            trials.restart();
            if (nettyReader != null)
            {
                // Netty reads once the channel is active (bound): the throttle must be in place before
                reader.start();
            }
            channel.bind(groups.size() == 1 ? new InetSocketAddress(group.address(), group.port()) :
                new InetSocketAddress(group.isIpv6() ? "::" : "0.0.0.0", group.port())).sync();
            for (final MulticastGroup joined : groups)
            {
                channel.joinGroup(joined.socketAddress(), nif).sync();
            }
            if (nettyReader == null)
            {
                reader.start();
            }
            return socket;
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @return a bootstrap with the receiver's channel options: SO_REUSEADDR, SO_REUSEPORT, AUTO_READ off, and
     *     recvmmsg batching (MAX_DATAGRAM_PAYLOAD_SIZE and a buffer of {@code batch} datagrams).
     */
    static Bootstrap bootstrap(final EventLoop loop, final TransportKind transport,
        final io.netty.channel.socket.SocketProtocolFamily family, final ReceiverConfig config,
        final ChannelHandler handler)
    {
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channelFactory(() -> transport == TransportKind.IO_URING ?
                new IoUringDatagramChannel(family) : new EpollDatagramChannel(family))
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(UnixChannelOption.SO_REUSEPORT, true)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.RECVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(config.batch() * config.maxMessageBytes())
                    .maxMessagesPerRead(MAX_MESSAGES_PER_READ))
            .handler(handler);
        if (transport == TransportKind.IO_URING)
        {
            bootstrap.option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, config.maxMessageBytes());
        }
        else
        {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, config.maxMessageBytes());
        }
        return bootstrap;
    }

    private static void multicastAllOff(final Channel channel, final TransportKind transport)
    {
        if (transport == TransportKind.IO_URING)
        {
            channel.config().setOption(IoUringChannelOption.IP_MULTICAST_ALL, false);
            if (channel.config().getOption(IoUringChannelOption.IP_MULTICAST_ALL))
            {
                throw new IllegalStateException("IP_MULTICAST_ALL is still on");
            }
        }
        else
        {
            channel.config().setOption(EpollChannelOption.IP_MULTICAST_ALL, false);
            if (channel.config().getOption(EpollChannelOption.IP_MULTICAST_ALL))
            {
                throw new IllegalStateException("IP_MULTICAST_ALL is still on");
            }
        }
    }

    private static String applyRcvbuf(final Channel channel, final ReceiverConfig config)
    {
        final long requested = config.rcvbufBytes();
        if (requested == 0)
        {
            return "system default (net.core.rmem_default)";
        }
        if (config.rcvbufForce())
        {
            try
            {
                channel.config().setOption(SocketOptions.SO_RCVBUFFORCE, (int)requested);
                return "SO_RCVBUFFORCE: net.core.rmem_max ignored";
            }
            catch (final ChannelException ex)
            {
                channel.config().setOption(ChannelOption.SO_RCVBUF, (int)requested);
                return "SO_RCVBUFFORCE not permitted (needs CAP_NET_ADMIN: " + ex.getMessage() +
                    "); fell back to SO_RCVBUF";
            }
        }
        channel.config().setOption(ChannelOption.SO_RCVBUF, (int)requested);
        return "SO_RCVBUF";
    }

    private static long readInode(final int fd)
    {
        try
        {
            final String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            final Matcher matcher = SOCKET_LINK.matcher(link);
            return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @param channel a socket.
     * @return its SO_MEMINFO now (a syscall; not for the hot path).
     */
    static MemInfo memInfo(final Channel channel)
    {
        final ByteBuffer raw = channel.config().getOption(SocketOptions.SO_MEMINFO).order(ByteOrder.nativeOrder());
        return new MemInfo(
            Integer.toUnsignedLong(raw.getInt(SocketOptions.SK_MEMINFO_RMEM_ALLOC * 4)),
            Integer.toUnsignedLong(raw.getInt(SocketOptions.SK_MEMINFO_RCVBUF * 4)),
            Integer.toUnsignedLong(raw.getInt(SocketOptions.SK_MEMINFO_DROPS * 4)));
    }

    /**
     * @return SO_MEMINFO now.
     */
    public MemInfo memInfo()
    {
        return memInfo(channel);
    }

    public int index()
    {
        return index;
    }

    /**
     * @return the first group it joined.
     */
    public MulticastGroup group()
    {
        return groups.get(0);
    }

    /**
     * @return every group it joined.
     */
    public List<MulticastGroup> groups()
    {
        return groups;
    }

    /**
     * @return how it is named in reports: its group, or for a shared socket its first group and how many more.
     */
    public String label()
    {
        return groups.size() == 1 ? groups.get(0).toString() :
            groups.get(0) + " +" + (groups.size() - 1) + " groups";
    }

    public DatagramChannel channel()
    {
        return channel;
    }

    public int fd()
    {
        return fd;
    }

    /**
     * @return the socket's inode, the {@code inode} column of /proc/net/udp; -1 if unknown.
     */
    public long inode()
    {
        return inode;
    }

    /**
     * @return SO_RCVBUF asked for, 0 for the default.
     */
    public long rcvbufRequested()
    {
        return rcvbufRequested;
    }

    /**
     * @return SO_RCVBUF as the kernel granted it (doubled, capped at net.core.rmem_max unless forced).
     */
    public long rcvbufGranted()
    {
        return rcvbufGranted;
    }

    /**
     * @return how the buffer was set, and why it may differ from the request.
     */
    public String rcvbufNote()
    {
        return rcvbufNote;
    }

    public SocketCounters counters()
    {
        return counters;
    }

    public SocketTrials trials()
    {
        return trials;
    }

    /**
     * @return the id of the thread that reads this socket, or -1 when unknown.
     */
    public int readingTid()
    {
        return reader.readingTid();
    }

    /**
     * @return how the socket is read.
     */
    SocketReader reader()
    {
        return reader;
    }
}
