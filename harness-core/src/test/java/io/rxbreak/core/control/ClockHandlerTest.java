package io.rxbreak.core.control;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ClockAnswer;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /clock} answers two readings of the clock it is given, in order, with nothing read between them.
 */
class ClockHandlerTest
{
    @Test
    void answersTwoReadingsOfItsOwnClockInOrder() throws Exception
    {
        final long[] now = {1_000};
        final NanoClock ticking = () -> now[0] += 7;
        // the clock reads its monotonic clock once when made (at 1_007), then once per reading
        final EpochClock clock = new EpochClock(ticking, 1_764_654_105_000_000_000L);
        final AgentResponse response = new ClockHandler(clock)
            .handle(new AgentRequest("GET", AgentApi.CLOCK, Map.of(), new byte[0]));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(AgentResponse.JSON);
        assertThat(Json.MAPPER.readValue(response.body(), ClockAnswer.class))
            .isEqualTo(new ClockAnswer(1_764_654_105_000_000_007L, 1_764_654_105_000_000_014L));
        assertThat(now[0]).as("no other reading of the clock").isEqualTo(1_021);
    }

    @Test
    void isServedOnSlashClock() throws Exception
    {
        final EpochClock clock = new EpochClock(NanoClock.SYSTEM, 5_000_000_000L);
        final Router router = new Router().get(AgentApi.CLOCK, new ClockHandler(clock));
        final AgentResponse response = router.handle(new AgentRequest("GET", "/clock", Map.of(), new byte[0]));
        final ClockAnswer answer = Json.MAPPER.readValue(response.body(), ClockAnswer.class);
        assertThat(answer.receivedEpochNs()).isGreaterThanOrEqualTo(5_000_000_000L);
        assertThat(answer.answeredEpochNs()).isGreaterThanOrEqualTo(answer.receivedEpochNs());
    }
}
