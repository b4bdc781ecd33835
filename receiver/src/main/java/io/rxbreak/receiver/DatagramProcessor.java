package io.rxbreak.receiver;

import java.util.concurrent.locks.LockSupport;

import io.netty.buffer.ByteBuf;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.Counters;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.throttle.ApplicationQueue;
import io.rxbreak.receiver.throttle.NoThrottle;
import io.rxbreak.receiver.throttle.QueueWorker;
import io.rxbreak.receiver.throttle.Throttle;
import io.rxbreak.core.protocol.ThrottleSpec;

/**
 * What one socket's reading thread does with the datagrams of a read, whichever way they were read: count them,
 * decode each in place, count foreign ones, and hand valid messages to the {@link Accountant} (or, with the
 * {@code queue} throttle, to its {@link ApplicationQueue}), spending the throttle's cost per message. The receipt
 * time is read once per batch: every datagram of a {@code recvmmsg} call was received when the call returned.
 * Nothing is allocated per datagram. One reading thread; the throttle is swapped on it.
 */
public final class DatagramProcessor
{
    private final SocketCounters socketCounters;
    private final Accountant accountant;
    private final EpochClock epochClock;
    private final MessageDecoder decoder = new MessageDecoder();
    private final String name;
    private final long seed;
    private Throttle throttle = NoThrottle.INSTANCE;
    private volatile ThrottleSpec spec = ThrottleSpec.NONE;
    private volatile ApplicationQueue queue;
    private QueueWorker worker;
    private boolean dropWhenFull;
    private volatile boolean closing;
    private long receiptEpochNs;

    /**
     * @param socketCounters the socket's counters.
     * @param accountant accounts valid messages.
     * @param epochClock the receipt clock.
     * @param name the socket's name, for threads.
     * @param seed the seed of the throttle's random draws.
     */
    public DatagramProcessor(final SocketCounters socketCounters, final Accountant accountant, final EpochClock epochClock,
        final String name, final long seed)
    {
        this.socketCounters = socketCounters;
        this.accountant = accountant;
        this.epochClock = epochClock;
        this.name = name;
        this.seed = seed;
    }

    /**
     * A read returned datagrams: they were all received now.
     */
    public void onBatchStart()
    {
        receiptEpochNs = epochClock.epochNs();
        socketCounters.counters().increment(SocketCounters.BATCHES);
    }

    /**
     * @param buffer holds the datagram.
     * @param offset where it starts.
     * @param length how many bytes were received.
     */
    public void onDatagram(final ByteBuf buffer, final int offset, final int length)
    {
        final Counters counters = socketCounters.counters();
        counters.increment(SocketCounters.DATAGRAMS);
        counters.add(SocketCounters.BYTES, length);
        final DecodeResult result = decoder.wrap(buffer, offset, length);
        if (result != DecodeResult.OK)
        {
            // a foreign datagram costs the reader a read as much as a message does
            counters.increment(SocketCounters.foreign(result));
            if (queue == null)
            {
                throttle.onMessage();
            }
            return;
        }
        final ApplicationQueue q = queue;
        if (q == null)
        {
            accountant.onMessage(decoder.streamId(), decoder.trialId(), decoder.flags(), decoder.sequence(),
                decoder.intendedSendTimeNs(), receiptEpochNs);
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
     * The read's datagrams are all handled: publish what was gathered per batch.
     */
    public void onBatchEnd()
    {
        if (queue == null)
        {
            accountant.onBatchEnd();
        }
    }

    /**
     * @param nowNs the monotonic time now.
     * @return when the next read may start, per the throttle.
     */
    long nextReadAtNs(final long nowNs)
    {
        return throttle.nextReadAtNs(nowNs);
    }

    /**
     * @param nowNs when the first datagram of a read asked for arrived.
     */
    void onDataArrived(final long nowNs)
    {
        throttle.onDataArrived(nowNs);
    }

    /**
     * Swap the throttle; reading thread only. Leaving the {@code queue} throttle first drains its queue (the
     * reading thread waits for the worker), so that only one thread ever accounts at a time.
     *
     * @param next the new throttle.
     * @throws InterruptedException if interrupted while the old worker drains.
     */
    void applyThrottle(final ThrottleSpec next) throws InterruptedException
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
     * Stop taking messages: a reading thread blocked on a full queue gives up. Any thread.
     */
    void markClosing()
    {
        closing = true;
    }

    boolean isClosing()
    {
        return closing;
    }

    /**
     * Drain the application queue and stop its worker; reading thread (or after it stopped).
     *
     * @throws InterruptedException if interrupted while the worker drains.
     */
    void close() throws InterruptedException
    {
        closing = true;
        stopWorker();
    }

    ThrottleSpec spec()
    {
        return spec;
    }

    /**
     * @return the throttle's state and, with the queue throttle, the queue's depth; any thread.
     */
    String throttleState()
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
