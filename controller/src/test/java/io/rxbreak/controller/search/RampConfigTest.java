package io.rxbreak.controller.search;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.rxbreak.controller.report.ReportJson;
import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RampConfigTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void hasSaneDefaults()
    {
        final RampConfig config = RampConfig.builder().build();

        assertThat(config.startRate()).isEqualTo(10_000);
        assertThat(config.step()).isEqualTo(StepRule.parse("x1.5"));
        assertThat(config.precision()).isEqualTo(0.01);
        assertThat(config.tolerance()).isEqualTo(0.01);
        assertThat(config.pdrRatio()).isNull();
        assertThat(config.confirmTrials()).isEqualTo(3);
        assertThat(config.describe()).startsWith("--start-rate 10000 --step x1.5 --max-rate 10000000 --precision 1% ")
            .contains("--confirm-duration 30s").doesNotContain("--pdr");
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void refusesBadValuesNamingTheOption()
    {
        refused(b -> b.startRate(0), "--start-rate: '0' must be at least 1 message per second");
        refused(b -> b.startRate(5_000).maxRate(4_000), "--max-rate: '4000' must be at least --start-rate (5000)");
        refused(b -> b.precision(0), "--precision: '0.0' must be a fraction above 0 and below 1, like 1% or 0.01");
        refused(b -> b.precision(1), "--precision:");
        refused(b -> b.trialDurationNs(0), "--duration: '0s' must be above 0 and at most 24h");
        refused(b -> b.warmUpNs(-1), "--warm-up:");
        refused(b -> b.drainBoundNs(0), "--drain:");
        refused(b -> b.confirmTrialDurationNs(0), "--confirm-trial-duration:");
        refused(b -> b.trialDurationNs(10 * SECOND_NS).confirmDurationNs(5 * SECOND_NS),
            "--confirm-duration: '5s' must be at least --duration (10s)");
        refused(b -> b.pdrRatio(0.0), "--pdr: '0.0' must be a loss ratio above 0 and below 1");
        refused(b -> b.pdrRatio(1.5), "--pdr:");
        refused(b -> b.tolerance(0), "--tolerance:");
        refused(b -> b.tolerance(0.5), "--tolerance:");
        refused(b -> b.maxInvalidRetries(-1), "--max-invalid-retries:");
        refused(b -> b.maxTrials(0), "--max-trials:");
        refused(b -> b.step((StepRule)null), "--step: missing");
        refused(b -> b.step("x0.9"), "--step: 'x0.9' must grow the rate: use xF with F > 1 or +N");
    }

    @Test
    void parsesRatiosAsPercentOrFraction()
    {
        assertThat(RampConfig.parseRatio("--pdr", "0.1%")).isEqualTo(0.001);
        assertThat(RampConfig.parseRatio("--pdr", "0.001")).isEqualTo(0.001);
        assertThat(RampConfig.parseRatio("--precision", " 1 % ")).isEqualTo(0.01);
        assertThatThrownBy(() -> RampConfig.parseRatio("--pdr", "lots")).isInstanceOf(BadInputException.class)
            .hasMessage("--pdr: 'lots' is not a ratio: use a percentage like 1% or a fraction like 0.01");
        assertThatThrownBy(() -> RampConfig.parseRatio("--pdr", "NaN")).isInstanceOf(BadInputException.class);
    }

    @Test
    void theSenderLagLimitDefaultsToFiveMillisecondsAndZeroTurnsItOff()
    {
        assertThat(RampConfig.builder().build().maxSenderLagNs()).isEqualTo(5_000_000L);
        assertThat(RampConfig.builder().maxSenderLagNs(0).build().maxSenderLagNs()).isZero();
        assertThat(RampConfig.builder().build().describe()).endsWith("--max-sender-lag 5ms --max-backlog-growth 0.2%");
        refused(b -> b.maxSenderLagNs(-1), "--max-sender-lag: ");
    }

    @Test
    void parsesRates()
    {
        assertThat(RateText.parse("250000")).isEqualTo(250_000);
        assertThat(RateText.parse("250k")).isEqualTo(250_000);
        assertThat(RateText.parse("1.5M")).isEqualTo(1_500_000);
        assertThat(RateText.parse("1_000")).isEqualTo(1_000);
        assertThat(RateText.parse("0")).as("a rate; the options say it is too low").isZero();
        assertThat(RateText.format(1_234_567)).isEqualTo("1,234,567");
        assertThatThrownBy(() -> RateText.parse("fast")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("like 250k");
        assertThatThrownBy(() -> RateText.parse("-5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsThroughJson() throws Exception
    {
        final RampConfig config = RampConfig.builder().step("+5k").pdrRatio(0.005).build();
        final String json = ReportJson.mapper().writeValueAsString(config);

        assertThat(json).contains("\"step\":\"+5000\"").contains("\"pdrRatio\":0.005");
        assertThat(ReportJson.mapper().readValue(json, RampConfig.class)).isEqualTo(config);
    }

    @Test
    void acceptsEveryLimitItselfAndRefusesOnePast()
    {
        final long day = 86_400L * SECOND_NS;
        accepted(b -> b.startRate(1).maxRate(1));
        accepted(b -> b.warmUpNs(0));
        accepted(b -> b.warmUpNs(day));
        refused(b -> b.warmUpNs(day + 1), "--warm-up: ");
        accepted(b -> b.trialDurationNs(day).confirmDurationNs(day));
        refused(b -> b.trialDurationNs(day + 1), "--duration: ");
        accepted(b -> b.trialDurationNs(7 * SECOND_NS).confirmDurationNs(7 * SECOND_NS));
        refused(b -> b.confirmDurationNs(day + 1), "--confirm-duration: ");
        accepted(b -> b.pdrRatio(0.999));
        refused(b -> b.pdrRatio(1.0), "--pdr: ");
        accepted(b -> b.maxInvalidRetries(0));
        accepted(b -> b.maxInvalidRetries(100));
        refused(b -> b.maxInvalidRetries(101), "--max-invalid-retries: '101' must be 0 to 100");
        accepted(b -> b.maxTrials(1));
        accepted(b -> b.maxTrials(100_000));
        refused(b -> b.maxTrials(100_001), "--max-trials: '100001' must be 1 to 100000");
        accepted(b -> b.maxSenderLagNs(day));
        refused(b -> b.maxSenderLagNs(day + 1), "--max-sender-lag: ");
        accepted(b -> b.maxBacklogGrowth(0.0));
        accepted(b -> b.maxBacklogGrowth(null));
        refused(b -> b.maxBacklogGrowth(1.0), "--max-backlog-growth: '1.0' must be a fraction from 0 to below 1");
        refused(b -> b.maxBacklogGrowth(-0.001), "--max-backlog-growth: ");
        accepted(b -> b.verifyRate(1L));
        refused(b -> b.verifyRate(0L), "--verify-rate: ");
    }

    private static void accepted(final UnaryOperator<RampConfig.Builder> change)
    {
        final RampConfig config = change.apply(RampConfig.builder()).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theJudgeChecksTheBacklogGrowthUnlessItIsOff()
    {
        final io.rxbreak.controller.trial.TrialRequest request = new io.rxbreak.controller.trial.TrialRequest(1, 1,
            io.rxbreak.controller.trial.TrialPhase.RAMP, "ndr", 10_000, 0, 5 * SECOND_NS, SECOND_NS);
        final io.rxbreak.controller.trial.TrialResult grew = io.rxbreak.controller.trial.TrialResult.builder()
            .achievedRate(10_000).sent(50_000).received(50_000)
            .backlogGrowth(0.01, io.rxbreak.core.counters.Layer.SOCKET_BUFFER).build();
        assertThat(RampConfig.builder().build().judge().judge(request, grew).fellBehind()).isTrue();
        assertThat(RampConfig.builder().maxBacklogGrowth(null).build().judge().judge(request, grew).fellBehind())
            .isFalse();
    }

    private static void refused(final UnaryOperator<RampConfig.Builder> change, final String message)
    {
        assertThatThrownBy(() -> change.apply(RampConfig.builder()).build()).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(message);
    }
}
