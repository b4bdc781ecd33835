package io.rxbreak.controller.clock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;
import io.rxbreak.core.control.AgentServer;
import io.rxbreak.core.control.ClockHandler;
import io.rxbreak.core.control.Router;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.testsupport.Deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Agents' clocks measured over real HTTP on loopback: agent endpoints serving {@code /clock} with the agents' own
 * handler, from clocks set a known offset away from the controller's (or running at a known rate against it). Every
 * estimate must hold the truth within its uncertainty; that the uncertainty gets well under a millisecond is awaited
 * (measured again until it does, within a deadline), since a busy host's scheduler can stretch any round trip.
 */
class ClockSyncTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PRECISE_WITHIN = Duration.ofSeconds(5);
    private static final long AHEAD_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long BEHIND_NS = -TimeUnit.MILLISECONDS.toNanos(3);
    private static final long PRECISE_NS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int EXCHANGES = 16;
    private static final int WARM_UP_EXCHANGES = 50;

    private static ClockSync sync;

    @BeforeAll
    static void controllerClockAndWarmPath() throws InterruptedException
    {
        sync = ClockSync.system();
        // the first exchanges of a JVM load and compile the whole path (seconds on a busy host): not what is judged
        try (AgentServer agent = agent(sync.clock()))
        {
            sync.measure(client(agent), WARM_UP_EXCHANGES);
        }
    }

    @AfterAll
    static void forget()
    {
        sync = null;
    }

    /**
     * @return an agent endpoint serving {@code /clock} from that clock.
     */
    private static AgentServer agent(final EpochClock clock) throws InterruptedException
    {
        return AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
            new Router().get(AgentApi.CLOCK, new ClockHandler(clock)));
    }

    /**
     * @return a clock {@code offsetNs} ahead of the controller's (behind when negative), give or take the few
     *     nanoseconds between the two readings that make it, far below any uncertainty.
     */
    private static EpochClock shifted(final long offsetNs)
    {
        return new EpochClock(NanoClock.SYSTEM, sync.clock().epochNs() + offsetNs);
    }

    private static AgentClient client(final AgentServer agent)
    {
        return new AgentClient(agent.url(), null, TIMEOUT);
    }

    /**
     * Measure until an estimate's uncertainty is under {@link #PRECISE_NS} and {@code done} accepts it, checking
     * every estimate on the way.
     */
    private static ClockEstimate measureUntil(final AgentClient client, final Predicate<ClockEstimate> done,
        final Predicate<ClockEstimate> holdsTheTruth)
    {
        final AtomicReference<ClockEstimate> last = new AtomicReference<>();
        Deadline.await(PRECISE_WITHIN, () -> "an uncertainty under " + PRECISE_NS + " ns, last " + last.get(), () ->
        {
            final ClockEstimate estimate = sync.measure(client, EXCHANGES);
            assertThat(holdsTheTruth).as("the truth within %s", estimate).accepts(estimate);
            last.set(estimate);
            return estimate.uncertaintyNs() < PRECISE_NS && done.test(estimate);
        });
        return last.get();
    }

    private static Predicate<ClockEstimate> within(final long trueOffsetNs)
    {
        return estimate -> Math.abs(estimate.offsetNs() - trueOffsetNs) <= estimate.uncertaintyNs();
    }

    @Test
    void aSendersAndAReceiversOffsetsAreMeasuredWithinTheirUncertaintyOfTheTruth() throws Exception
    {
        try (AgentServer sender = agent(shifted(AHEAD_NS)); AgentServer receiver = agent(shifted(BEHIND_NS)))
        {
            final ClockEstimate senderClock = measureUntil(client(sender), estimate -> true, within(AHEAD_NS));
            final ClockEstimate receiverClock = measureUntil(client(receiver), estimate -> true, within(BEHIND_NS));
            System.out.println("sender " + senderClock + ", receiver " + receiverClock);
            assertThat(senderClock.uncertaintyNs()).isEqualTo((senderClock.roundTripNs() + 1) / 2 + sync.resolutionNs());

            // a datagram that took 2 ms, as the receiver measures it: its receipt clock minus the sender's stamp
            final OneWayCorrection correction = OneWayCorrection.between(senderClock, receiverClock);
            final long measuredNs = (2_000_000 + BEHIND_NS) - AHEAD_NS;
            assertThat(Math.abs(correction.correct(measuredNs) - 2_000_000)).as("%s", correction)
                .isLessThanOrEqualTo(correction.uncertaintyNs());
            assertThat(correction.uncertaintyExceeds(correction.correct(measuredNs))).isFalse();
        }
    }

    @Test
    void aClockRunningFastIsMeasuredAsDriftingWithinItsUncertainty() throws Exception
    {
        // 5 % fast: over 200 ms it gains 10 ms, against two estimates' uncertainties of under 0.5 ms each
        final double ppm = 50_000;
        final long originNs = System.nanoTime();
        final NanoClock fast = () ->
        {
            final long elapsedNs = System.nanoTime() - originNs;
            return originNs + elapsedNs + elapsedNs / 20;
        };
        try (AgentServer agent = agent(new EpochClock(fast, sync.clock().epochNs())))
        {
            final AgentClient client = client(agent);
            final ClockEstimate earlier = measureUntil(client, estimate -> true, estimate -> true);
            // measured again and again, as between trials, until 200 ms of the controller's time have passed
            final ClockEstimate later = measureUntil(client,
                estimate -> estimate.atEpochNs() - earlier.atEpochNs() >= TimeUnit.MILLISECONDS.toNanos(200),
                estimate -> true);
            final ClockDrift drift = earlier.driftTo(later);
            System.out.println("drift " + drift);
            assertThat(Math.abs(drift.ppm() - ppm)).as("%s", drift).isLessThanOrEqualTo(drift.uncertaintyPpm());
            assertThat(drift.uncertaintyPpm()).isLessThan(ppm / 5);
        }
    }

    @Test
    void anAgentWithoutTheClockEndpointIsAnAgentFailureNamingThePath() throws Exception
    {
        try (AgentServer older = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
            new Router()))
        {
            assertThatThrownBy(() -> sync.measure(client(older), 1)).isInstanceOf(AgentException.class)
                .hasMessageContaining("404").hasMessageContaining("no such path /clock");
        }
    }
}
