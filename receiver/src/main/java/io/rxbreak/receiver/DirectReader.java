package io.rxbreak.receiver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.rxbreak.core.os.CpuSet;
import io.rxbreak.core.os.RecvmmsgBatch;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * One socket read with {@code recvmmsg(2)} straight into one reused native buffer ({@code --transport recvmmsg},
 * the default), on a thread of its own: no object per datagram, one receipt time per batch, the throttle asked
 * before each call. The socket itself is Netty's (it set the options, bound and joined); only the reading bypasses
 * its per-datagram packets, which cost about twice what the kernel spends per datagram.
 * <p>
 * Each read is one blocking call that waits for the first datagram and takes what is queued with it (one system
 * call per batch, as a C {@code recvmmsg} loop makes); when the throttle holds a read back the thread sleeps until
 * then, and the data waits in the kernel's socket buffer, where the kernel drops it when full.
 */
final class DirectReader implements SocketReader, Runnable
{
    /** A read without data returns after this long, so that a stop or a throttle change is seen. */
    private static final int READ_TIMEOUT_MS = 50;
    private static final long TIMER_SLACK_NS = 1_000;

    private final int fd;
    private final DatagramProcessor processor;
    private final RecvmmsgBatch batch;
    private final Thread thread;
    private final AtomicReference<PendingThrottle> pending = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile int readingTid = -1;
    private final CpuSet cpus;

    /**
     * @param fd the socket.
     * @param processor what the datagrams go to.
     * @param slots datagrams per call.
     * @param slotBytes the largest datagram read whole.
     * @param initial the throttle to start with.
     * @param name the thread's name.
     * @param cpus the CPUs the reading thread runs on, or null for the process's.
     */
    DirectReader(final int fd, final DatagramProcessor processor, final int slots, final int slotBytes,
        final ThrottleSpec initial, final String name, final CpuSet cpus)
    {
        this.cpus = cpus;
        this.fd = fd;
        this.processor = processor;
        this.batch = new RecvmmsgBatch(slots, slotBytes);
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
        pending.set(new PendingThrottle(initial));
    }

    @Override
    public void start()
    {
        final PendingThrottle first = pending.get();
        thread.start();
        first.done.join();
    }

    @Override
    public void run()
    {
        readingTid = Threads.currentTid();
        if (cpus != null)
        {
            Threads.setAffinity(0, cpus);
        }
        Threads.setCurrentTimerSlackNs(TIMER_SLACK_NS);
        RecvmmsgBatch.blockWithTimeout(fd, READ_TIMEOUT_MS);
        try
        {
            read();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            stopped.completeExceptionally(ex);
        }
        finally
        {
            try
            {
                processor.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            batch.close();
            stopped.complete(null);
        }
    }

    private void read() throws InterruptedException
    {
        while (!stopping)
        {
            applyPending();
            final long nowNs = System.nanoTime();
            final long atNs = processor.nextReadAtNs(nowNs);
            if (atNs - nowNs > 0)
            {
                LockSupport.parkNanos(this, atNs - nowNs);
                continue;
            }
            // the read is asked for: wait for data however long it takes (the wait is idle time for the throttle),
            // unless the reader stops or its throttle changes
            int count = batch.receive(fd);
            while (count == 0 && !stopping && pending.get() == null)
            {
                count = batch.receive(fd);
            }
            if (count == 0)
            {
                continue;
            }
            processor.onDataArrived(System.nanoTime());
            processor.onBatchStart();
            for (int i = 0; i < count; i++)
            {
                processor.onDatagram(batch.payload(), batch.offset(i), batch.length(i));
            }
            processor.onBatchEnd();
        }
    }

    private void applyPending() throws InterruptedException
    {
        final PendingThrottle change = pending.getAndSet(null);
        if (change != null)
        {
            processor.applyThrottle(change.spec);
            change.done.complete(null);
        }
    }

    @Override
    public void applyThrottle(final ThrottleSpec spec)
    {
        final PendingThrottle change = new PendingThrottle(spec);
        final PendingThrottle replaced = pending.getAndSet(change);
        if (replaced != null)
        {
            replaced.done.complete(null);
        }
        LockSupport.unpark(thread);
        change.done.join();
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
        stopping = true;
        LockSupport.unpark(thread);
        return SocketReader.awaitStopped(stopped);
    }

    @Override
    public int readingTid()
    {
        return readingTid;
    }

    /**
     * A throttle change the reading thread has yet to make.
     */
    private static final class PendingThrottle
    {
        private final ThrottleSpec spec;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        PendingThrottle(final ThrottleSpec spec)
        {
            this.spec = spec;
        }
    }
}
