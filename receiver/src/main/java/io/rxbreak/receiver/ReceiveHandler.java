package io.rxbreak.receiver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;
import io.rxbreak.core.wire.MessageHeader;

/**
 * One socket's reading: AUTO_READ is off and each {@code read()} is one recvmmsg batch, asked for only when the
 * throttle allows, so a slow receiver leaves the data in the kernel's socket buffer (where the kernel drops it).
 * Decodes each datagram in place, counts foreign ones, and hands valid messages to the {@link Accountant}
 * directly or, with the {@code queue} throttle, through the {@link ApplicationQueue}. Runs on the channel's
 * event-loop thread; the throttle is swapped on that thread too.
 */
public final class ReceiveHandler extends ChannelInboundHandlerAdapter
{
    private final SocketCounters socketCounters;
    private final Accountant accountant;
    private final MessageDecoder decoder = new MessageDecoder();
    private final String name;
    private final long seed;
    private final Runnable readTask = this::readNow;
    private ChannelHandlerContext context;
    private volatile Throttle throttle = NoThrottle.INSTANCE;
    private volatile ThrottleSpec spec = ThrottleSpec.NONE;
    private volatile ApplicationQueue queue;
    private QueueWorker worker;
    private boolean dropWhenFull;
    private ScheduledFuture<?> pendingRead;
    private volatile boolean closing;
    private boolean readAsked;
    private Object lastBatchBuffer;
    private long lastBatchAddress;

    /**
     * @param socketCounters the socket's counters.
     * @param accountant accounts valid messages.
     * @param name the socket's name, for threads.
     * @param seed the seed of the throttle's random draws.
     */
    public ReceiveHandler(final SocketCounters socketCounters, final Accountant accountant, final String name,
        final long seed)
    {
        this.socketCounters = socketCounters;
        this.accountant = accountant;
        this.name = name;
        this.seed = seed;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        context = ctx;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final DatagramPacket packet = (DatagramPacket)msg;
        try
        {
            onDatagram(packet.content());
        }
        finally
        {
            packet.release();
        }
    }

    private void onDatagram(final ByteBuf content)
    {
        final Counters counters = socketCounters.counters();
        if (readAsked)
        {
            readAsked = false;
            throttle.onDataArrived(System.nanoTime());
        }
        countBatch(content);
        counters.increment(SocketCounters.DATAGRAMS);
        counters.add(SocketCounters.BYTES, content.readableBytes());
        final DecodeResult result = decoder.wrap(content);
        if (result != DecodeResult.OK)
        {
            counters.increment(SocketCounters.foreign(result));
            return;
        }
        final ApplicationQueue q = queue;
        if (q == null)
        {
            accountant.onMessage(decoder.streamId(), decoder.trialId(), decoder.flags(), decoder.sequence(),
                decoder.intendedSendTimeNs());
            throttle.onMessage();
            return;
        }
        while (!q.offer(decoder.streamId(), decoder.trialId(), decoder.flags(), decoder.sequence(),
            decoder.intendedSendTimeNs()))
        {
            // an end-of-trial marker is not a message of the trial: never drop it (it would count as a lost
            // message in the accounting), wait for room like the block mode does
            if (closing || dropWhenFull && (decoder.flags() & MessageHeader.FLAG_END_OF_TRIAL) == 0)
            {
                counters.increment(SocketCounters.APPLICATION_DROPS);
                return;
            }
            LockSupport.parkNanos(1_000);
        }
    }

    /**
     * A recvmmsg batch hands over slices of one buffer at rising addresses; a new buffer, or an address that does
     * not rise, starts a new batch. A plain recvmsg gives each datagram its own buffer: each is a batch.
     */
    private void countBatch(final ByteBuf content)
    {
        final ByteBuf parent = content.unwrap();
        final long address = content.hasMemoryAddress() ? content.memoryAddress() : 0;
        if (parent == null || parent != lastBatchBuffer || address <= lastBatchAddress)
        {
            socketCounters.counters().increment(SocketCounters.BATCHES);
        }
        lastBatchBuffer = parent;
        lastBatchAddress = address;
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        lastBatchBuffer = null;
        scheduleRead();
        ctx.fireChannelReadComplete();
    }

    private void scheduleRead()
    {
        if (closing || pendingRead != null)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        final long atNs = throttle.nextReadAtNs(nowNs);
        if (atNs - nowNs <= 0)
        {
            readAsked = true;
            context.read();
        }
        else
        {
            pendingRead = context.executor().schedule(readTask, atNs - nowNs, TimeUnit.NANOSECONDS);
        }
    }

    private void readNow()
    {
        pendingRead = null;
        if (!closing)
        {
            scheduleRead();
        }
    }

    /**
     * Swap the throttle; on the event-loop thread. Leaving the {@code queue} throttle first drains its queue
     * (the reading thread waits for the worker), so that only one thread ever accounts at a time.
     *
     * @param next the new throttle.
     * @throws InterruptedException if interrupted while the old worker drains.
     */
    public void applyThrottle(final ThrottleSpec next) throws InterruptedException
    {
        stopWorker();
        throttle = Throttle.create(next, seed);
        if (next.kind() == ThrottleSpec.Kind.QUEUE)
        {
            final ApplicationQueue q = new ApplicationQueue(next.queueCapacity());
            dropWhenFull = next.dropWhenFull();
            worker = new QueueWorker(q, accountant, next.costNs(), "rxbreak-app-" + name);
            worker.start();
            queue = q;
        }
        spec = next;
        if (pendingRead != null)
        {
            pendingRead.cancel(false);
            pendingRead = null;
        }
        if (context != null && context.channel().isActive())
        {
            scheduleRead();
        }
    }

    private void stopWorker() throws InterruptedException
    {
        if (worker != null)
        {
            queue = null;
            worker.finish();
            worker = null;
        }
    }

    /**
     * Stop reading and drain the application queue; on the event-loop thread.
     *
     * @throws InterruptedException if interrupted while the worker drains.
     */
    public void close() throws InterruptedException
    {
        closing = true;
        if (pendingRead != null)
        {
            pendingRead.cancel(false);
            pendingRead = null;
        }
        stopWorker();
    }

    /**
     * Mark closing from any thread, so that a reading thread blocked on a full queue gives up.
     */
    public void markClosing()
    {
        closing = true;
    }

    public ThrottleSpec spec()
    {
        return spec;
    }

    /**
     * @return the throttle's state and, with the queue throttle, the queue's depth; any thread.
     */
    public String throttleState()
    {
        final ApplicationQueue q = queue;
        if (q != null)
        {
            return spec + " depth " + q.depth() + "/" + q.capacity() + ", app drops " +
                socketCounters.counters().get(SocketCounters.APPLICATION_DROPS);
        }
        return throttle.state();
    }
}
