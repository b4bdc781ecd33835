package io.rxbreak.sender;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.config.Units;
import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.core.net.NettyMachineId;
import io.rxbreak.core.net.SocketOptions;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.IdleMode;
import io.rxbreak.core.protocol.SenderSetup;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.protocol.SendingThread;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.sender.schedule.Schedule;

/**
 * The sender engine: opens one Netty epoll socket per address family once (each sends to all its groups), with the
 * multicast interface and TTL set and read back, then runs trials one after another on its own event-loop thread. The {@code rxbreak send}
 * command, a control agent or a ramp controller drive it the same way:
 *
 * <pre>
 * try (Sender sender = Sender.open(config))
 * {
 *     Trial trial = sender.startTrial(plan);
 *     trial.snapshot();            // any time, any thread
 *     SenderTrialReport result = trial.result().get();
 * }
 * </pre>
 */
public final class Sender implements AutoCloseable
{
    private static final int BATCH_BYTES = 8 << 20;
    private static final int DEFAULT_MAX_BATCH = 1_024;
    private static final int IPV4_HEADERS = 28;
    private static final int IPV6_HEADERS = 48;
    private static final long TIMER_SLACK_NS = 1_000L;
    private static final long TIME_SLICE_NS = 100_000L;

    static
    {
        // a sender used as a library (benchmarks, tests) may make Netty's first channel before Main could
        NettyMachineId.setIfUnset();
    }

    private final SenderConfig config;
    private final NanoClock clock;
    private final EpochClock epochClock;
    private final SndbufErrorsSource sndbufErrors;
    private final MultiThreadIoEventLoopGroup eventLoopGroup;
    private final EventLoop eventLoop;
    private final List<Channel> channels = new ArrayList<>();
    private final List<SendErrorCounter> errorCounters = new ArrayList<>();
    private final AtomicReference<Trial> current = new AtomicReference<>();
    private int[] channelOfGroup;
    private SendSockets sockets;
    private SenderSetup setup;

    private Sender(final SenderConfig config, final NanoClock clock, final SndbufErrorsSource sndbufErrors)
    {
        this.config = config;
        this.clock = clock;
        // the system's clocks paired tightly (a reading delayed between the two would shift every stamp for the
        // sender's life); a test's clock advanced from the wall clock now
        this.epochClock = clock == NanoClock.SYSTEM ? EpochClock.system() :
            new EpochClock(clock, EpochClock.system().epochNs());
        this.sndbufErrors = sndbufErrors;
        this.eventLoopGroup = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("rxbreak-sender", true), EpollIoHandler.newFactory());
        this.eventLoop = eventLoopGroup.next();
    }

    /**
     * @param config the validated configuration.
     * @return a sender with its sockets open; nothing sent yet.
     * @throws IllegalStateException when native epoll is unavailable or a socket cannot be set up as asked.
     */
    public static Sender open(final SenderConfig config)
    {
        return open(config, NanoClock.SYSTEM, SndbufErrorsSource.UNAVAILABLE);
    }

    /**
     * @param config the validated configuration.
     * @param clock the monotonic clock that paces the trials.
     * @param sndbufErrors where Udp SndbufErrors is read before and after each trial.
     * @return a sender with its sockets open; nothing sent yet.
     */
    public static Sender open(final SenderConfig config, final NanoClock clock, final SndbufErrorsSource sndbufErrors)
    {
        if (!Epoll.isAvailable())
        {
            throw new IllegalStateException("native epoll is not available: " + Epoll.unavailabilityCause());
        }
        final Sender sender = new Sender(config, clock, sndbufErrors);
        try
        {
            sender.openChannels();
        }
        catch (final RuntimeException ex)
        {
            sender.close();
            throw ex;
        }
        return sender;
    }

    /**
     * One socket per address family in use, sending to every group of that family: a batch to many groups is one
     * flush, so Netty sends it with one {@code sendmmsg} however many groups it spans.
     */
    private void openChannels()
    {
        int ttlReadBack = -1;
        int sndbufReadBack = 0;
        final List<String> groupNames = new ArrayList<>();
        final List<SocketProtocolFamily> families = new ArrayList<>();
        final List<Boolean> multicastSet = new ArrayList<>();
        final List<Boolean> unicastSet = new ArrayList<>();
        channelOfGroup = new int[config.groups().size()];
        for (int g = 0; g < config.groups().size(); g++)
        {
            final MulticastGroup group = config.groups().get(g);
            int index = families.indexOf(group.family());
            if (index < 0)
            {
                index = families.size();
                families.add(group.family());
                multicastSet.add(false);
                unicastSet.add(false);
                final EpollDatagramChannel channel = new EpollDatagramChannel(group.family());
                channels.add(channel);
                final SendErrorCounter errorCounter = new SendErrorCounter();
                errorCounters.add(errorCounter);
                channel.pipeline().addLast(errorCounter);
                channel.config().setAutoRead(false);
                channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16 << 20, 32 << 20));
                if (config.sndbufBytes() > 0)
                {
                    channel.config().setSendBufferSize(config.sndbufBytes());
                }
            }
            channelOfGroup[g] = index;
            final EpollDatagramChannel channel = (EpollDatagramChannel)channels.get(index);
            final boolean multicast = group.address().isMulticastAddress();
            final List<Boolean> done = multicast ? multicastSet : unicastSet;
            if (!done.get(index))
            {
                done.set(index, true);
                final int ttl = multicast ? setMulticast(channel, group) : setUnicast(channel, group);
                if (ttlReadBack >= 0 && ttl != ttlReadBack)
                {
                    throw new IllegalStateException("the sockets read back different TTLs: " + ttlReadBack + " and " + ttl);
                }
                ttlReadBack = ttl;
            }
            groupNames.add(group.toString());
        }
        for (int index = 0; index < channels.size(); index++)
        {
            final Channel channel = channels.get(index);
            sndbufReadBack = ((EpollDatagramChannel)channel).config().getSendBufferSize();
            eventLoop.register(channel).syncUninterruptibly();
            channel.bind(new InetSocketAddress(wildcard(families.get(index)), 0)).syncUninterruptibly();
        }
        final int mtu;
        try
        {
            mtu = config.networkInterface().getMTU();
        }
        catch (final SocketException ex)
        {
            throw new IllegalStateException("cannot read the MTU of " + config.interfaceName() + ": " + ex.getMessage(), ex);
        }
        setup = new SenderSetup(groupNames, config.streamsPerGroup(), config.networkInterface().getName(), mtu,
            Interfaces.isLoopback(config.networkInterface()), ttlReadBack, sndbufReadBack,
            EpollDatagramChannel.isSegmentedDatagramPacketSupported(),
            eventLoop.submit(Sender::prepareSendingThread).syncUninterruptibly().getNow());
        final InetSocketAddress[] recipients = new InetSocketAddress[config.groups().size()];
        for (int g = 0; g < recipients.length; g++)
        {
            recipients[g] = config.groups().get(g).socketAddress();
        }
        sockets = new SendSockets(channels, errorCounters, channelOfGroup, recipients, DEFAULT_MAX_BATCH * 2);
    }

    /**
     * On the sending thread: timed waits to the microsecond (the default timer slack of 50 us would make every
     * sleep of the pacer late by that much).
     */
    private static SendingThread prepareSendingThread()
    {
        final List<String> notes = new ArrayList<>();
        final String slack = Threads.setCurrentTimerSlackNs(TIMER_SLACK_NS);
        if (slack != null)
        {
            notes.add("timer slack left at the default: " + slack);
        }
        final String slice = Threads.setSliceNs(0, TIME_SLICE_NS);
        if (slice != null)
        {
            notes.add("time slice left at the default: " + slice);
        }
        final CpuSet cpus = Threads.affinity(0);
        return new SendingThread(Threads.currentTid(), cpus == null ? null : cpus.toString(),
            (slack == null ? "timer slack " + TIMER_SLACK_NS / 1000 + " us" : "default timer slack") +
            (slice == null ? ", time slice " + TIME_SLICE_NS / 1000 + " us" : ""), List.copyOf(notes));
    }

    /**
     * Multicast: IP_MULTICAST_IF to the interface, and the real IP_MULTICAST_TTL (Netty's ChannelOption sets
     * IP_TTL), read back.
     */
    private int setMulticast(final EpollDatagramChannel channel, final MulticastGroup group)
    {
        channel.config().setNetworkInterface(config.networkInterface());
        final io.netty.channel.unix.IntegerUnixChannelOption option =
            group.isIpv6() ? SocketOptions.IPV6_MULTICAST_HOPS : SocketOptions.IP_MULTICAST_TTL;
        return setAndReadBack(channel, option, config.ttl());
    }

    /**
     * Unicast (only with --allow-unicast): bound to the interface so that it cannot leave through another, with
     * the unicast TTL set (at least 1: a unicast TTL of 0 does not exist).
     */
    private int setUnicast(final EpollDatagramChannel channel, final MulticastGroup group)
    {
        channel.config().setOption(SocketOptions.bindToDevice(config.interfaceName()),
            SocketOptions.deviceName(config.interfaceName()));
        final io.netty.channel.unix.IntegerUnixChannelOption option =
            group.isIpv6() ? SocketOptions.IPV6_UNICAST_HOPS : SocketOptions.IP_TTL;
        return setAndReadBack(channel, option, Math.max(1, config.ttl()));
    }

    private static int setAndReadBack(
        final Channel channel, final io.netty.channel.unix.IntegerUnixChannelOption option, final int value)
    {
        if (!channel.config().setOption(option, value))
        {
            throw new IllegalStateException("could not set " + option.name() + " to " + value);
        }
        final Integer readBack = channel.config().getOption(option);
        if (readBack == null || readBack != value)
        {
            throw new IllegalStateException(option.name() + " read back " + readBack + " after setting " + value);
        }
        return readBack;
    }

    private static InetAddress wildcard(final SocketProtocolFamily family)
    {
        try
        {
            return InetAddress.getByName(family == SocketProtocolFamily.INET6 ? "::" : "0.0.0.0");
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return what was opened, as read back from the kernel.
     */
    public SenderSetup setup()
    {
        return setup;
    }

    public SenderConfig config()
    {
        return config;
    }

    /**
     * @return the epoch clock that stamps every trial's intended send times (one for the sender's life, so that a
     *     controller measuring it between trials ({@code GET /clock}) measures the clock the trials use).
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * Start a trial on the sender's thread. Only one trial runs at a time.
     *
     * @param plan the trial.
     * @return the running trial.
     * @throws BadInputException when the plan cannot run with this configuration (naming the option).
     * @throws IllegalStateException when a trial is still running.
     */
    public Trial startTrial(final TrialPlan plan)
    {
        final Trial trial = prepareTrial(plan);
        trial.start();
        return trial;
    }

    /**
     * Set a trial up (buffers, headers, counters), on the calling thread, without sending: {@link Trial#start()}
     * sends its first message. What runs between the two (a wait for the JIT to settle) delays no message.
     *
     * @param plan the trial.
     * @return the trial, not started.
     * @throws BadInputException when the plan cannot run with this configuration (naming the option).
     * @throws IllegalStateException when a trial is still running.
     */
    public Trial prepareTrial(final TrialPlan plan)
    {
        final Trial running = current.get();
        if (running != null && !running.isDone())
        {
            throw new IllegalStateException("trial " + running.trialId() + " is still running");
        }
        final List<String> notes = new ArrayList<>();
        if (config.sndbufBytes() > 0 && setup.sndbufBytes() < 2L * config.sndbufBytes())
        {
            notes.add("warning: --sndbuf " + config.sndbufBytes() + " B asked, the kernel granted " + setup.sndbufBytes() +
                " B (it doubles the request and caps it at net.core.wmem_max)");
        }
        final int maxLength = plan.maxMessageLength(plan.sizeBytes());
        final boolean ipv6 = config.groups().stream().anyMatch(MulticastGroup::isIpv6);
        final int headers = ipv6 ? IPV6_HEADERS : IPV4_HEADERS;
        final boolean fragments = maxLength + headers > setup.interfaceMtu();
        if (fragments)
        {
            notes.add("warning: --size " + maxLength + " B datagrams exceed " + setup.interfaceName() + "'s MTU of " +
                setup.interfaceMtu() + " B (with " + headers + " B of IP and UDP headers): they will fragment");
        }
        if (ipv6 && setup.loopback())
        {
            notes.add("warning: the kernel does not deliver IPv6 multicast over lo (it counts the datagrams in " +
                "Ip6OutNoRoutes although the sends succeed); use --interface with a veth pair");
        }
        final int segments = gsoSegments(plan, maxLength, fragments, notes);
        final int slotBytes = maxLength;
        final int maxBatch = config.maxBatchMessages() > 0 ? config.maxBatchMessages() :
            Math.max(1, Math.min(DEFAULT_MAX_BATCH, BATCH_BYTES / slotBytes));
        final IdleMode idle = config.idleMode().resolve(plan.schedule().targetRatePerSecond());
        final int streamsPerGroup = config.streamsPerGroup();
        final Schedule schedule = plan.schedule();
        final boolean routed = schedule.destinationCount() > 0;
        if (routed && (schedule.destinationCount() != config.groups().size() || streamsPerGroup != 1))
        {
            throw new IllegalArgumentException("a schedule with " + schedule.destinationCount() + " destinations " +
                "needs as many groups with one stream each, not " + config.groups().size() + " x " + streamsPerGroup);
        }
        final GroupSlots[] slots = routed ? null : new GroupSlots[config.groups().size()];
        final String nettyWhy = directUnavailability();
        if (routed && nettyWhy != null)
        {
            notes.add("the replay goes through Netty's write path (about 45 B allocated a message): " + nettyWhy);
        }
        final RoutedSender routedSlots = routed ? routedSender(maxBatch, slotBytes, true, nettyWhy, notes) : null;
        if (!routed)
        {
            final int slotCount = ((maxBatch - 1) / config.totalStreams() + 2) * streamsPerGroup;
            for (int g = 0; g < slots.length; g++)
            {
                slots[g] = new GroupSlots(PooledByteBufAllocator.DEFAULT, sockets.recipients[g], slotCount, slotBytes,
                    segments);
            }
        }
        final int markerLength = schedule.variableLength() ? MessageHeader.LENGTH : plan.sizeBytes();
        final RoutedSender markers = routedSender(config.totalStreams(), markerLength, false, nettyWhy, notes);
        final TrialResultBuilder resultBuilder = new TrialResultBuilder(setup.groups(), streamsPerGroup, segments, idle);
        final TrialLoop loop = new TrialLoop(eventLoop, sockets, slots, routedSlots, markers, plan, streamsPerGroup,
            maxBatch, idle, clock, epochClock, config.maxLagNs(), sndbufErrors, resultBuilder,
            new PacingRecorder(plan.burstLimit()));
        final Trial trial = new Trial(loop, plan, segments, maxBatch, idle, notes);
        if (!current.compareAndSet(running, trial))
        {
            loop.releaseBuffers();
            throw new IllegalStateException("another trial was started at the same time");
        }
        return trial;
    }

    /**
     * @return why routed batches cannot be sent with {@code sendmmsg} directly, or null when they can.
     */
    private String directUnavailability()
    {
        if (config.sendPath() == SenderConfig.SendPath.NETTY)
        {
            return "--send-path netty";
        }
        final String unavailable = io.rxbreak.core.os.SendmmsgBatch.unavailability();
        return unavailable == null ? null : "sendmmsg cannot be called directly (" + unavailable + ")";
    }

    /**
     * Slots for a routed batch: sent with {@code sendmmsg} on the sockets directly, or through Netty when that cannot
     * be (saying why in the notes when it is found only now).
     *
     * @param messages trial messages (true) or end markers.
     * @param nettyWhy why the direct way is known to be unavailable, or null.
     */
    private RoutedSender routedSender(final int slotCount, final int slotBytes, final boolean messages,
        final String nettyWhy, final List<String> notes)
    {
        if (nettyWhy == null)
        {
            try
            {
                return new SendmmsgSlots(PooledByteBufAllocator.DEFAULT, slotCount, slotBytes, sockets, messages);
            }
            catch (final IllegalStateException | IllegalArgumentException ex)
            {
                notes.add((messages ? "the replay goes" : "the end markers go") + " through Netty's write path (about 45 B " +
                    "allocated a message): sendmmsg cannot be called directly (" + ex.getMessage() + ")");
            }
        }
        return new RoutedSlots(PooledByteBufAllocator.DEFAULT, slotCount, slotBytes, sockets);
    }

    private int gsoSegments(final TrialPlan plan, final int maxLength, final boolean fragments, final List<String> notes)
    {
        final int requested = config.gsoSegments();
        final boolean explicit = requested > 0;
        if (requested == SenderConfig.GSO_OFF)
        {
            return 0;
        }
        if (!setup.gsoSupported())
        {
            if (explicit)
            {
                throw BadInputException.option("--gso", "this kernel or Netty cannot send UDP GSO (UDP_SEGMENT); use --gso off");
            }
            notes.add("GSO off: this kernel or Netty cannot send UDP GSO (UDP_SEGMENT)");
            return 0;
        }
        if (plan.schedule().destinationCount() > 0)
        {
            if (explicit)
            {
                throw BadInputException.option("--gso", "a replay sends each message to its own group, one datagram a " +
                    "write; use --gso off");
            }
            notes.add("GSO off: a replay sends each message to its own group (one sendmmsg a batch)");
            return 0;
        }
        if (plan.schedule().variableLength())
        {
            if (explicit)
            {
                throw BadInputException.option("--gso", "GSO needs equal datagram sizes and the feed has several; use --gso off");
            }
            notes.add("GSO off: the feed has datagrams of several sizes");
            return 0;
        }
        if (fragments)
        {
            if (explicit)
            {
                throw BadInputException.option("--gso", "datagrams of " + maxLength + " B do not fit the MTU, and GSO cannot " +
                    "segment them; use --gso off or a smaller --size");
            }
            notes.add("GSO off: datagrams larger than the MTU");
            return 0;
        }
        final int fit = Math.min(SenderConfig.GSO_MAX_SEGMENTS, MessageHeader.MAX_MESSAGE_LENGTH / maxLength);
        final int segments = Math.min(explicit ? requested : SenderConfig.GSO_MAX_SEGMENTS, fit);
        if (segments < 2)
        {
            notes.add("GSO off: one " + maxLength + " B datagram fills a send (" +
                Units.formatBytes(MessageHeader.MAX_MESSAGE_LENGTH) + " B at most)");
            return 0;
        }
        if (explicit && segments < requested)
        {
            notes.add("GSO: " + segments + " segments per send, not " + requested + ": a send carries at most " +
                MessageHeader.MAX_MESSAGE_LENGTH + " B");
        }
        return segments;
    }

    /**
     * @return the trial started last, running or done, or null.
     */
    public Trial currentTrial()
    {
        return current.get();
    }

    /**
     * Stop a running trial (its markers still go out), close the sockets and the thread.
     */
    @Override
    public void close()
    {
        final Trial trial = current.get();
        if (trial != null && !trial.isDone())
        {
            trial.stop();
            try
            {
                trial.result().get(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                // closing anyway: the trial's own result reports what went wrong
                trial.result().completeExceptionally(ex);
            }
        }
        for (final Channel channel : channels)
        {
            if (channel.isRegistered())
            {
                channel.close().syncUninterruptibly();
            }
            else
            {
                channel.unsafe().closeForcibly();
            }
        }
        eventLoopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
