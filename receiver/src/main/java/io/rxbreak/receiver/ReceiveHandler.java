package io.rxbreak.receiver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * One socket read by Netty's datagram path ({@code --transport epoll} or {@code io_uring}): AUTO_READ is off and
 * each {@code read()} is one recvmmsg batch, asked for only when the throttle allows, so a slow receiver leaves the
 * data in the kernel's socket buffer (where the kernel drops it). Each datagram reaches {@link #channelRead} as a
 * packet of its own; the {@link DatagramProcessor} does the rest. Runs on the channel's event-loop thread; the
 * throttle is swapped on that thread too.
 */
final class ReceiveHandler extends ChannelInboundHandlerAdapter implements SocketReader
{

    private final DatagramProcessor processor;
    private final EventLoop loop;
    private final ThrottleSpec initial;
    private final Runnable readTask = this::readNow;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> pendingRead;
    private boolean readAsked;
    private boolean inBatch;
    private volatile int readingTid = -1;
    private final CpuSet cpus;

    /**
     * @param processor what the datagrams go to.
     * @param loop the channel's event loop.
     * @param initial the throttle to start with.
     * @param cpus the CPUs the event-loop thread reads on, or null for the process's.
     */
    ReceiveHandler(final DatagramProcessor processor, final EventLoop loop, final ThrottleSpec initial,
        final CpuSet cpus)
    {
        this.cpus = cpus;
        this.processor = processor;
        this.loop = loop;
        this.initial = initial;
    }

    @Override
    public void start()
    {
        onLoop(() -> processor.applyThrottle(initial));
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        context = ctx;
        readingTid = -1;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        readingTid = Threads.currentTid();
        if (cpus != null)
        {
            Threads.setAffinity(0, cpus);
        }
        scheduleRead();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final DatagramPacket packet = (DatagramPacket)msg;
        try
        {
            if (!inBatch)
            {
                inBatch = true;
                processor.onBatchStart();
                if (readAsked)
                {
                    readAsked = false;
                    processor.onDataArrived(System.nanoTime());
                }
            }
            final ByteBuf content = packet.content();
            processor.onDatagram(content, content.readerIndex(), content.readableBytes());
        }
        finally
        {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        if (inBatch)
        {
            inBatch = false;
            processor.onBatchEnd();
        }
        scheduleRead();
        ctx.fireChannelReadComplete();
    }

    private void scheduleRead()
    {
        if (processor.isClosing() || pendingRead != null || context == null || !context.channel().isActive())
        {
            return;
        }
        final long nowNs = System.nanoTime();
        final long atNs = processor.nextReadAtNs(nowNs);
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
        scheduleRead();
    }

    @Override
    public void applyThrottle(final ThrottleSpec spec)
    {
        onLoop(() ->
        {
            processor.applyThrottle(spec);
            if (pendingRead != null)
            {
                pendingRead.cancel(false);
                pendingRead = null;
            }
            scheduleRead();
        });
    }

    @Override
    public String throttleState()
    {
        return processor.throttleState();
    }

    @Override
    public void markClosing()
    {
        processor.markClosing();
    }

    @Override
    public String close()
    {
        processor.markClosing();
        return SocketReader.awaitStopped(loop.submit(() ->
        {
            if (pendingRead != null)
            {
                pendingRead.cancel(false);
                pendingRead = null;
            }
            processor.close();
            return null;
        }));
    }

    @Override
    public int readingTid()
    {
        return readingTid;
    }

    private void onLoop(final LoopTask task)
    {
        loop.submit(() ->
        {
            task.run();
            return null;
        }).syncUninterruptibly();
    }

    @FunctionalInterface
    private interface LoopTask
    {
        void run() throws InterruptedException;
    }
}
