package io.rxbreak.sender;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rxbreak.core.net.Interfaces;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.sender.schedule.ConstantSchedule;
import io.rxbreak.sender.schedule.Schedule;

/**
 * Before an agent's first trial, runs the sending path (the same pacer, slots, Netty writes and GSO, and a replay's
 * routed batches) through short trials over loopback unicast to a throw-away socket on 127.0.0.1 that never reads:
 * host-only, never multicast. Otherwise the first trials run code the JIT compiles while they send, and its compiler
 * threads, sharing the sending thread's CPU, hold it up by milliseconds at a time.
 */
final class SendPathWarmup
{
    /** The rates and length of the warm-up trials: both idle strategies' paths, small and large batches. */
    private static final List<String> RATES = List.of("5000", "50000", "300000");
    private static final long TRIAL_NS = TimeUnit.MILLISECONDS.toNanos(400);
    private static final long WAIT_S = 10;
    /** The rate of the warm-up trial that runs a replay's path (each message addressed on its own). */
    private static final long ROUTED_RATE = 300_000;

    private SendPathWarmup()
    {
    }

    /**
     * A routed schedule, as a replay's is, to one destination at {@link #ROUTED_RATE} msgs/s.
     */
    private static final class RoutedWarmup implements Schedule
    {
        @Override
        public long offsetNs(final long index)
        {
            return ConstantSchedule.offsetNs(index, ROUTED_RATE);
        }

        @Override
        public int destinationCount()
        {
            return 1;
        }

        @Override
        public double targetRatePerSecond()
        {
            return ROUTED_RATE;
        }

        @Override
        public String describe()
        {
            return "routed warm-up " + ROUTED_RATE + "/s";
        }
    }

    /**
     * @param config the agent's configuration (its idle strategy and streams are warmed).
     * @return a note when the warm-up could not run or finish, else null.
     */
    static String run(final SenderConfig config)
    {
        try (DatagramChannel sink = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int port = ((InetSocketAddress)sink.getLocalAddress()).getPort();
            final SenderConfig loopback = SenderConfig.builder()
                .group("127.0.0.1:" + port)
                .allowUnicast(true)
                .interfaceName(Interfaces.LOOPBACK)
                .streamsPerGroup(config.streamsPerGroup())
                .idleMode(config.idleMode())
                .gsoSegments(config.gsoSegments())
                .sendPath(config.sendPath())
                .build();
            try (Sender sender = Sender.open(loopback, NanoClock.SYSTEM, SndbufErrorsSource.UNAVAILABLE))
            {
                int trialId = 1;
                for (final String rate : RATES)
                {
                    final Trial trial = sender.startTrial(TrialPlan.builder().trialId(trialId++).rate(rate)
                        .durationNs(TRIAL_NS).endMarkers(1).build());
                    trial.result().get(WAIT_S, TimeUnit.SECONDS);
                }
                if (config.streamsPerGroup() == 1)
                {
                    // a replay's path: each message addressed on its own (here all to the one sink)
                    final Trial trial = sender.startTrial(TrialPlan.builder().trialId(trialId).schedule(
                        new RoutedWarmup()).durationNs(TRIAL_NS).endMarkers(1).build());
                    trial.result().get(WAIT_S, TimeUnit.SECONDS);
                }
            }
            return null;
        }
        catch (final IOException | RuntimeException | ExecutionException | TimeoutException ex)
        {
            return "send-path warm-up over 127.0.0.1 skipped: " + ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "send-path warm-up interrupted";
        }
    }
}
