package io.rxbreak.controller.clock;

import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.ClockChannel;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ClockAnswer;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;

/**
 * Measures agents' clocks against the controller's over the control channel, NTP-style: a few {@code GET /clock}
 * exchanges one after another, the one with the smallest round trip kept. Use one {@code ClockSync} for every agent
 * of a run, so that all offsets are against the same controller clock and its own error cancels out of their
 * differences (a {@link OneWayCorrection}, a {@link GrowthCorrection}).
 * <p>
 * A measurement opens a connection of its own ({@link AgentClient#openClockChannel()}: the JDK's HTTP client would
 * add its threads' hand-offs to every round trip), makes {@code exchanges} round trips on it (on loopback some 100 us
 * each on a quiet host, a few hundred on a busy one), closes it and leaves nothing behind on the agent: safe between
 * trials. The agent answers on its control I/O thread, ahead of any request its worker is busy with. The agent's
 * clock is assumed to have the controller's resolution (both read {@code System.nanoTime()}).
 */
public final class ClockSync
{
    /** Exchanges per measurement unless told otherwise: enough for one with a quiet round trip. */
    public static final int DEFAULT_EXCHANGES = 8;

    private static final int RESOLUTION_TRIES = 100;
    private static final int RESOLUTION_MAX_SPINS = 100_000;

    private final EpochClock clock;
    private final long resolutionNs;

    /**
     * @param clock the controller's clock, that stamps each exchange's first and last timestamp.
     * @param resolutionNs the clocks' resolution, added to every estimate's uncertainty.
     */
    public ClockSync(final EpochClock clock, final long resolutionNs)
    {
        if (resolutionNs < 0)
        {
            throw new IllegalArgumentException("a clock resolution of " + resolutionNs + " ns");
        }
        this.clock = clock;
        this.resolutionNs = resolutionNs;
    }

    /**
     * @return a sync on this process's epoch clock, its resolution measured now.
     */
    public static ClockSync system()
    {
        return new ClockSync(EpochClock.system(), resolutionNs(NanoClock.SYSTEM));
    }

    /**
     * @param nanoClock a clock.
     * @return the smallest step seen between two consecutive different readings.
     * @throws IllegalStateException when the clock did not move at all while it was read.
     */
    static long resolutionNs(final NanoClock nanoClock)
    {
        return resolutionNs(nanoClock, RESOLUTION_TRIES, RESOLUTION_MAX_SPINS);
    }

    static long resolutionNs(final NanoClock nanoClock, final int tries, final int maxSpins)
    {
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < tries; i++)
        {
            final long first = nanoClock.nanoTime();
            long next = nanoClock.nanoTime();
            for (int spins = 0; next == first && spins < maxSpins; spins++)
            {
                next = nanoClock.nanoTime();
            }
            if (next != first)
            {
                smallest = Math.min(smallest, Math.abs(next - first));
            }
        }
        if (smallest == Long.MAX_VALUE)
        {
            throw new IllegalStateException("the clock did not move in " + tries + " x " + maxSpins + " readings");
        }
        return smallest;
    }

    /**
     * @return the controller's clock.
     */
    public EpochClock clock()
    {
        return clock;
    }

    /**
     * @return the resolution added to every estimate's uncertainty.
     */
    public long resolutionNs()
    {
        return resolutionNs;
    }

    /**
     * Measure one agent's clock with {@value #DEFAULT_EXCHANGES} exchanges.
     *
     * @param client the agent (either role).
     * @return its offset against the controller's clock, from the exchange with the smallest round trip.
     */
    public ClockEstimate measure(final AgentClient client)
    {
        return measure(client, DEFAULT_EXCHANGES);
    }

    /**
     * Measure one agent's clock.
     *
     * @param client the agent (either role).
     * @param exchanges how many exchanges to make, one after another; at least 1.
     * @return its offset against the controller's clock, from the exchange with the smallest round trip.
     * @throws io.rxbreak.core.control.AgentException when the agent does not answer, or answers no
     *     {@link ClockAnswer} (404 from an agent older than {@link AgentApi#CLOCK}).
     */
    public ClockEstimate measure(final AgentClient client, final int exchanges)
    {
        if (exchanges < 1)
        {
            throw new IllegalArgumentException("a clock measurement needs at least 1 exchange, not " + exchanges);
        }
        final List<ClockExchange> made = new ArrayList<>(exchanges);
        try (ClockChannel channel = client.openClockChannel())
        {
            for (int i = 0; i < exchanges; i++)
            {
                final long sentEpochNs = clock.epochNs();
                final ClockAnswer answer = channel.ask();
                final long returnedEpochNs = clock.epochNs();
                made.add(new ClockExchange(sentEpochNs, answer.receivedEpochNs(), answer.answeredEpochNs(),
                    returnedEpochNs));
            }
        }
        return ClockEstimate.best(made, resolutionNs);
    }
}
