package io.rxbreak.receiver.throttle;

import java.util.concurrent.locks.LockSupport;

import io.rxbreak.receiver.accounting.Accountant;

/**
 * The application thread of the {@code queue} throttle: takes messages from the {@link ApplicationQueue}, accounts
 * each, and spends the configured cost on it. {@link #finish()} drains what is queued and stops.
 */
public final class QueueWorker implements Runnable
{
    private static final long IDLE_PARK_NS = 20_000;

    private final ApplicationQueue queue;
    private final Accountant accountant;
    private final long costNs;
    private final Thread thread;
    private volatile boolean finishing;

    /**
     * @param queue the queue it drains.
     * @param accountant where messages are accounted.
     * @param costNs the cost per message.
     * @param name the thread's name.
     */
    public QueueWorker(final ApplicationQueue queue, final Accountant accountant, final long costNs, final String name)
    {
        this.queue = queue;
        this.accountant = accountant;
        this.costNs = costNs;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    /**
     * Start the thread.
     */
    public void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        while (true)
        {
            if (queue.poll(accountant))
            {
                Spin.forNs(costNs);
            }
            else if (finishing)
            {
                if (!queue.poll(accountant))
                {
                    return;
                }
                Spin.forNs(costNs);
            }
            else
            {
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
    }

    /**
     * Drain what is queued, then stop; returns when the thread has ended.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void finish() throws InterruptedException
    {
        finishing = true;
        thread.join();
    }
}
