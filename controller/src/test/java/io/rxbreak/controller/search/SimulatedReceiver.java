package io.rxbreak.controller.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.rxbreak.controller.trial.Latency;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderPacing;

/**
 * A receiver and sender simulated for the search's tests: a capacity above which the socket buffer drops the
 * excess, optional random flukes, an optional sender cap, optional failure bands and long-trial weakness.
 */
final class SimulatedReceiver implements TrialRunner
{
    private final long capacity;
    private long senderCap = Long.MAX_VALUE;
    private Random random;
    private double flukeProbability;
    private long bandLow = -1;
    private long bandHigh = -1;
    private long longTrialCapacity = Long.MAX_VALUE;
    private long longTrialNs = Long.MAX_VALUE;
    private long burstsFrom = Long.MAX_VALUE;
    private final List<TrialRequest> requests = new ArrayList<>();

    SimulatedReceiver(final long capacity)
    {
        this.capacity = capacity;
    }

    SimulatedReceiver senderCap(final long cap)
    {
        senderCap = cap;
        return this;
    }

    SimulatedReceiver flukes(final long seed, final double probability)
    {
        random = new Random(seed);
        flukeProbability = probability;
        return this;
    }

    SimulatedReceiver failBand(final long low, final long high)
    {
        bandLow = low;
        bandHigh = high;
        return this;
    }

    SimulatedReceiver weakerInLongTrials(final long capacityInLongTrials, final long fromDurationNs)
    {
        longTrialCapacity = capacityInLongTrials;
        longTrialNs = fromDurationNs;
        return this;
    }

    /**
     * From this rate up the sender sends everything but, late, in bursts over the receiver's buffer, which lose a
     * few messages (a replay whose bursts outrun the sender).
     */
    SimulatedReceiver lateBurstsFrom(final long rate)
    {
        burstsFrom = rate;
        return this;
    }

    List<TrialRequest> requests()
    {
        return requests;
    }

    @Override
    public TrialResult run(final TrialRequest request)
    {
        requests.add(request);
        final long offered = Math.min(request.targetRate(), senderCap);
        final double seconds = request.durationNs() / 1e9;
        final long sent = Math.max(1, Math.round(offered * seconds));
        long effectiveCapacity = capacity;
        if (request.durationNs() >= longTrialNs)
        {
            effectiveCapacity = Math.min(effectiveCapacity, longTrialCapacity);
        }
        long dropped = 0;
        if (offered > effectiveCapacity)
        {
            dropped = Math.max(1, Math.round(sent * (offered - effectiveCapacity) / (double)offered));
        }
        if (offered >= bandLow && offered <= bandHigh)
        {
            dropped = Math.max(dropped, sent / 1000 + 1);
        }
        if (random != null && random.nextDouble() < flukeProbability)
        {
            dropped = Math.max(dropped, 1 + random.nextInt(5));
        }
        dropped = Math.min(dropped, sent);
        if (offered >= burstsFrom)
        {
            final long lost = Math.max(dropped, 50);
            return TrialResult.builder()
                .achievedRate(offered)
                .sent(sent)
                .received(sent - lost)
                .gaps(lost)
                .socketDrops("239.1.1.1:4000 inode 1", lost)
                .drops(Layer.SOFTIRQ_BACKLOG, 0)
                .senderPacing(new SenderPacing(1_000, 2_000_000, 4_000_000, 6_000_000, 1_000_000, 1_000, 40, 9_000,
                    100L, 3L))
                .receiveBuffer(new ReceiveBuffer(83_200, 832, 100))
                .build();
        }
        return TrialResult.builder()
            .achievedRate(offered)
            .sent(sent)
            .received(sent - dropped)
            .gaps(dropped)
            .socketDrops("239.1.1.1:4000 inode 1", dropped)
            .drops(Layer.SOFTIRQ_BACKLOG, 0)
            .drops(Layer.GLOBAL_UDP_MEMORY, 0)
            .timeSqueeze(0)
            .latency(new Latency(1_000, 2_000, 5_000, 10_000, 50_000))
            .build();
    }
}
