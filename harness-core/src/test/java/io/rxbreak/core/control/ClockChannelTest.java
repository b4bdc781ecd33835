package io.rxbreak.core.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ClockAnswer;
import io.rxbreak.core.time.EpochClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clock's own connection to an agent: many exchanges on one connection, the token sent, the agent's errors
 * reported as {@link AgentClient} reports them, and the clock answered on the server's I/O thread while its worker
 * is busy with another request.
 */
class ClockChannelTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final EpochClock CLOCK = EpochClock.system();

    private static InetSocketAddress loopback()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void exchangesOnOneConnectionWithTheToken() throws Exception
    {
        try (AgentServer server = AgentServer.start(loopback(), "s3cret",
            new Router().get(AgentApi.CLOCK, new ClockHandler(CLOCK))))
        {
            try (ClockChannel channel = new AgentClient(server.url(), "s3cret", TIMEOUT).openClockChannel())
            {
                long previous = 0;
                for (int i = 0; i < 5; i++)
                {
                    final long before = CLOCK.epochNs();
                    final ClockAnswer answer = channel.ask();
                    final long after = CLOCK.epochNs();
                    assertThat(answer.receivedEpochNs()).isBetween(Math.max(before, previous), after);
                    assertThat(answer.answeredEpochNs()).isBetween(answer.receivedEpochNs(), after);
                    previous = answer.answeredEpochNs();
                }
            }
            try (ClockChannel wrong = new AgentClient(server.url(), "guess", TIMEOUT).openClockChannel())
            {
                assertThatThrownBy(wrong::ask).isInstanceOf(AgentException.class)
                    .hasMessageContaining("/clock: 401 missing or wrong token")
                    .satisfies(ex -> assertThat(((AgentException)ex).status()).isEqualTo(401));
            }
        }
    }

    @Test
    void isAnsweredWhileTheWorkerIsBusy() throws Exception
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Router router = new Router()
            .get(AgentApi.STATUS, request ->
            {
                entered.countDown();
                release.await();
                return AgentResponse.json(Map.of());
            })
            .get(AgentApi.CLOCK, new ClockHandler(CLOCK));
        try (AgentServer server = AgentServer.start(loopback(), null, router))
        {
            final AgentClient client = new AgentClient(server.url(), null, TIMEOUT);
            final CompletableFuture<Object> busy = CompletableFuture.supplyAsync(() -> client.get(AgentApi.STATUS));
            assertThat(entered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("the worker busy").isTrue();
            try (ClockChannel channel = client.openClockChannel())
            {
                assertThat(channel.ask().answeredEpochNs()).isPositive();
            }
            assertThat(busy).isNotDone();
            release.countDown();
            busy.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void overTlsTheExchangesArePinnedLikeEveryOtherCall() throws Exception
    {
        final AgentCertificate certificate = AgentCertificate.generate();
        final EpochClock clock = EpochClock.system();
        try (AgentServer server = AgentServer.start(loopback(), "t0ken", certificate,
            new Router().get(AgentApi.CLOCK, new ClockHandler(clock))))
        {
            try (ClockChannel channel = new AgentClient(server.url(), "t0ken", TIMEOUT, certificate.fingerprint())
                .openClockChannel())
            {
                final long before = clock.epochNs();
                final ClockAnswer answer = channel.ask();
                assertThat(answer.receivedEpochNs()).isBetween(before, clock.epochNs());
                assertThat(channel.ask().receivedEpochNs()).isGreaterThanOrEqualTo(answer.answeredEpochNs());
            }
            final String other = AgentCertificate.generate().fingerprint();
            assertThatThrownBy(() -> new AgentClient(server.url(), "t0ken", TIMEOUT, other).openClockChannel())
                .isInstanceOf(AgentException.class);
        }
    }

    @Test
    void anAgentThatIsGoneIsReportedAsSuch() throws Exception
    {
        final String url;
        try (AgentServer server = AgentServer.start(loopback(), null, new Router()))
        {
            url = server.url();
        }
        assertThatThrownBy(() -> new AgentClient(url, null, TIMEOUT).openClockChannel())
            .isInstanceOf(AgentException.class).hasMessageContaining("refused the connection")
            .satisfies(ex -> assertThat(((AgentException)ex).status()).isZero());
    }
}
