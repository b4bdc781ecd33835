package io.rxbreak.receiver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketProtocolFamily;
import io.rxbreak.core.os.JvmQuiet;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * Before the real sockets open, pushes datagrams through the same receive path (the same transport, options,
 * recvmmsg and handler) on every event loop, over loopback unicast to a throw-away socket on 127.0.0.1: host-only,
 * never multicast. Otherwise the first trial's first second measures class loading and the JIT (the first reads
 * were seen to start 0.6 s late and run at 10k/s), and the kernel drops during it.
 */
final class PathWarmup
{
    private static final int MESSAGES_PER_LOOP = 300_000;
    private static final int BURST = 64;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SETTLE_WAIT_NS = TimeUnit.SECONDS.toNanos(3);

    private PathWarmup()
    {
    }

    /**
     * @return a note when the warm-up could not run or finish, else null.
     */
    static String run(final List<EventLoop> loops, final TransportKind transport, final ReceiverConfig config,
        final EpochClock epochClock)
    {
        final List<Channel> channels = new ArrayList<>();
        final List<SocketReader> readers = new ArrayList<>();
        final List<SocketCounters> counters = new ArrayList<>();
        try (DatagramChannel sender = DatagramChannel.open(java.net.StandardProtocolFamily.INET))
        {
            // one recvmmsg reader warms the code every such reader runs; Netty's path is warmed on every event loop
            final List<EventLoop> warmed = transport == TransportKind.RECVMMSG ? loops.subList(0, 1) : loops;
            for (final EventLoop loop : warmed)
            {
                final SocketCounters socketCounters = new SocketCounters();
                final SocketTrials trials = new SocketTrials(() -> 0, socketCounters, NanoClock.SYSTEM);
                final DatagramProcessor processor = new DatagramProcessor(socketCounters,
                    new Accountant(trials, epochClock, true), epochClock, "warmup", 1);
                final ReceiveHandler nettyReader = transport == TransportKind.RECVMMSG ? null :
                    new ReceiveHandler(processor, loop, ThrottleSpec.NONE, config.readerCpus());
                final Channel channel = ReceiverSocket.bootstrap(loop, transport, SocketProtocolFamily.INET, config,
                    nettyReader != null ? nettyReader : new io.netty.channel.ChannelInboundHandlerAdapter())
                    .register().sync().channel();
                channels.add(channel);
                final SocketReader reader = nettyReader != null ? nettyReader :
                    new DirectReader(((io.netty.channel.unix.UnixChannel)channel).fd().intValue(), processor,
                        config.batch(), config.maxMessageBytes(), ThrottleSpec.NONE, "rxbreak-rx-warmup",
                        config.readerCpus());
                if (nettyReader != null)
                {
                    reader.start();
                }
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync();
                if (nettyReader == null)
                {
                    reader.start();
                }
                readers.add(reader);
                counters.add(socketCounters);
            }
            final ByteBuf header = Unpooled.buffer(MessageHeader.LENGTH);
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            for (int i = 0; i < channels.size(); i++)
            {
                final InetSocketAddress target = (InetSocketAddress)channels.get(i).localAddress();
                final SocketCounters socketCounters = counters.get(i);
                long sent = 0;
                while (sent < MESSAGES_PER_LOOP && System.nanoTime() - deadlineNs < 0)
                {
                    final long read = socketCounters.counters().get(SocketCounters.DATAGRAMS);
                    if (sent - read > BURST * 4)
                    {
                        LockSupport.parkNanos(20_000);
                        continue;
                    }
                    for (int b = 0; b < BURST; b++)
                    {
                        MessageHeader.encode(header, 0, 0, MessageHeader.LENGTH, 1, 1, sent, epochClock.epochNs());
                        sender.send(header.nioBuffer(0, MessageHeader.LENGTH), target);
                        sent++;
                    }
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return "receive-path warm-up did not finish in " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NS) + " s";
            }
            // what it ran is queued for the compilers: let them finish before the first real datagram
            JvmQuiet.await(SETTLE_NS, SETTLE_WAIT_NS, List.of(ProcessHandle.current().pid()));
            return null;
        }
        catch (final IOException | RuntimeException ex)
        {
            return "receive-path warm-up over 127.0.0.1 skipped: " + ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "receive-path warm-up interrupted";
        }
        finally
        {
            for (final SocketReader reader : readers)
            {
                reader.close();
            }
            for (final Channel channel : channels)
            {
                channel.close().syncUninterruptibly();
            }
        }
    }
}
