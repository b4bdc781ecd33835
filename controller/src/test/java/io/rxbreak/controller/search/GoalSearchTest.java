package io.rxbreak.controller.search;

import java.util.concurrent.TimeUnit;

import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GoalSearchTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final RampConfig CONFIG = RampConfig.builder().startRate(1_000).step("x2").maxRate(100_000)
        .trialDurationNs(5 * SECOND_NS).confirmDurationNs(20 * SECOND_NS).confirmTrialDurationNs(10 * SECOND_NS)
        .build();
    private final RateHistory history = new RateHistory();
    private int trial;

    private void trial(final long rate, final long durationNs, final long lost)
    {
        final TrialRequest request =
            new TrialRequest(++trial, 1, TrialPhase.RAMP, "ndr", rate, 0, durationNs, SECOND_NS);
        final long sent = rate * durationNs / SECOND_NS;
        final TrialRecord record = new TrialJudge(0.01).judge(request,
            TrialResult.builder().achievedRate(rate).sent(sent).received(sent - lost).socketDrops("s", lost).build());
        history.add(record);
    }

    private Decision next()
    {
        return GoalSearch.decide(LossGoal.ndr(), history, CONFIG);
    }

    @Test
    void startsAtTheStartRateAndRampsByTheStep()
    {
        assertThat(next()).isEqualTo(new Decision.Run(1_000, TrialPhase.RAMP, 5 * SECOND_NS));
        trial(1_000, 5 * SECOND_NS, 0);
        assertThat(next()).isEqualTo(new Decision.Run(2_000, TrialPhase.RAMP, 5 * SECOND_NS));
    }

    @Test
    void rechecksASingleFailureThenRefinesAtTheMidpoint()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        trial(2_000, 5 * SECOND_NS, 3);
        assertThat(next()).isEqualTo(new Decision.Run(2_000, TrialPhase.RECHECK, 5 * SECOND_NS));
        trial(2_000, 5 * SECOND_NS, 0);
        assertThat(next()).as("a rate that failed once stays an upper bound")
            .isEqualTo(new Decision.Run(1_500, TrialPhase.REFINE, 5 * SECOND_NS));
    }

    @Test
    void confirmsUntilTheMeasuredTimeIsReachedAndCountsEarlierTrials()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        trial(1_005, 5 * SECOND_NS, 1);
        trial(1_005, 5 * SECOND_NS, 1);
        assertThat(next()).isEqualTo(new Decision.Run(1_000, TrialPhase.CONFIRM, 10 * SECOND_NS));
        trial(1_000, 10 * SECOND_NS, 0);
        assertThat(next()).isEqualTo(new Decision.Run(1_000, TrialPhase.CONFIRM, 10 * SECOND_NS));
        trial(1_000, 10 * SECOND_NS, 0);
        assertThat(next()).isEqualTo(new Decision.Done(GoalStatus.FOUND, 1_000L));
    }

    @Test
    void aFailedConfirmationStepsDownBelowTheFailedRate()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        trial(2_000, 5 * SECOND_NS, 0);
        trial(2_015, 5 * SECOND_NS, 9);
        trial(2_015, 5 * SECOND_NS, 9);
        trial(2_000, 10 * SECOND_NS, 2);
        assertThat(next()).isEqualTo(new Decision.Run(1_500, TrialPhase.REFINE, 5 * SECOND_NS));
    }

    @Test
    void halvesBelowTheStartRateWhenNothingPassed()
    {
        trial(1_000, 5 * SECOND_NS, 5);
        trial(1_000, 5 * SECOND_NS, 5);
        assertThat(next()).isEqualTo(new Decision.Run(500, TrialPhase.STEP_DOWN, 5 * SECOND_NS));
    }

    @Test
    void triesTheSendersHintBelowAnUnreachableRate()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        history.markUnreachable(2_000, 1_700);
        assertThat(next()).isEqualTo(new Decision.Run(1_700, TrialPhase.REFINE, 5 * SECOND_NS));
        trial(1_700, 5 * SECOND_NS, 0);
        assertThat(next()).isEqualTo(new Decision.Run(1_850, TrialPhase.REFINE, 5 * SECOND_NS));
    }

    @ParameterizedTest
    @CsvSource({
        "1, x1.5", "7, x1.5", "999, x2", "1000, x2", "1001, x1.5", "20000, x1.5", "20000, +3000", "123457, x1.1",
        "999999, x3", "99999999, x1.5", "5000, x1.0001"})
    void findsEveryDeterministicCapacityWithinPrecisionInBoundedTrials(final long capacity, final String step)
    {
        final RampConfig config = RampConfig.builder().startRate(1_000).step(step).maxRate(50_000_000)
            .trialDurationNs(SECOND_NS).confirmDurationNs(3 * SECOND_NS).confirmTrialDurationNs(SECOND_NS)
            .maxTrials(10_000).build();
        final SimulatedReceiver receiver = new SimulatedReceiver(capacity);
        final SearchResult result = new RampSearch(config, receiver, SearchListener.NONE).run();

        assertThat(result.stop()).isEqualTo(SearchStop.COMPLETE);
        if (capacity >= config.maxRate())
        {
            assertThat(result.ndr().status()).isEqualTo(GoalStatus.ABOVE_MAX_RATE);
            assertThat(result.ndr().rate()).isEqualTo(config.maxRate());
        }
        else
        {
            assertThat(result.ndr().status()).isEqualTo(GoalStatus.FOUND);
            assertThat(result.ndr().rate()).isLessThanOrEqualTo(capacity)
                .isGreaterThanOrEqualTo((long)Math.floor(capacity / (1 + config.precision())) - 1);
        }
        final int rampSteps = config.step().isFactor()
            ? (int)Math.ceil(Math.log(50_000_000.0 / 1_000) / Math.log(config.step().factor())) + 1
            : (int)(Math.min(capacity, 50_000_000) / config.step().incrementPerSecond()) + 2;
        final int refineSteps = 2 * (int)Math.ceil(Math.log(1_000_000.0) / Math.log(2));
        assertThat(result.trials().size()).as("trials").isLessThanOrEqualTo(rampSteps + refineSteps + 3 + 2);
    }

    @Test
    void confirmsOnceTheMeasuredTimeEqualsTheConfirmDuration()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        trial(1_005, 5 * SECOND_NS, 1);
        trial(1_005, 5 * SECOND_NS, 1);
        trial(1_000, 15 * SECOND_NS, 0);
        assertThat(next()).as("5 s + 15 s is the 20 s asked").isEqualTo(new Decision.Done(GoalStatus.FOUND, 1_000L));
    }

    @Test
    void aGapOfOneMessageOrOfThePrecisionIsFoundAndAWiderOneIsRefined()
    {
        trial(10, 5 * SECOND_NS, 0);
        trial(11, 5 * SECOND_NS, 1);
        trial(11, 5 * SECOND_NS, 1);
        assertThat(next()).as("10 and 11: one message apart")
            .isEqualTo(new Decision.Run(10, TrialPhase.CONFIRM, 10 * SECOND_NS));
        final RateHistory precise = new RateHistory();
        trialInto(precise, 1_000, 0);
        trialInto(precise, 1_010, 1);
        trialInto(precise, 1_010, 1);
        assertThat(GoalSearch.decide(LossGoal.ndr(), precise, CONFIG)).as("1 % of 1,000 apart")
            .isEqualTo(new Decision.Run(1_000, TrialPhase.CONFIRM, 10 * SECOND_NS));
        final RateHistory wide = new RateHistory();
        trialInto(wide, 1_000, 0);
        trialInto(wide, 1_011, 1);
        trialInto(wide, 1_011, 1);
        assertThat(GoalSearch.decide(LossGoal.ndr(), wide, CONFIG)).as("11 apart, over 1 %")
            .isEqualTo(new Decision.Run(1_005, TrialPhase.REFINE, 5 * SECOND_NS));
    }

    @Test
    void whenNothingPassedDownToOneMessageASecondItSaysWhy()
    {
        trial(1, 5 * SECOND_NS, 1);
        trial(1, 5 * SECOND_NS, 1);
        assertThat(next()).isEqualTo(new Decision.Done(GoalStatus.NOTHING_PASSED, null));
        final RateHistory unreachable = new RateHistory();
        unreachable.markUnreachable(1, 0);
        assertThat(GoalSearch.decide(LossGoal.ndr(), unreachable, CONFIG))
            .isEqualTo(new Decision.Done(GoalStatus.SENDER_CANNOT_SEND, null));
        final RateHistory both = new RateHistory();
        trialInto(both, 1, 1);
        trialInto(both, 1, 1);
        both.markUnreachable(1, 0);
        assertThat(GoalSearch.decide(LossGoal.ndr(), both, CONFIG)).as("it failed there: the receiver's")
            .isEqualTo(new Decision.Done(GoalStatus.NOTHING_PASSED, null));
    }

    @Test
    void aSenderHintAlreadyTriedIsNotTriedAgain()
    {
        trial(1_000, 5 * SECOND_NS, 0);
        final TrialRequest shortfall = new TrialRequest(++trial, 1, TrialPhase.RAMP, "ndr", 1_700, 0, 5 * SECOND_NS,
            SECOND_NS);
        history.add(new TrialJudge(0.01).judge(shortfall,
            TrialResult.builder().achievedRate(1_000).sent(5_000).received(5_000).build()));
        history.markUnreachable(2_000, 1_700);
        assertThat(next()).isEqualTo(new Decision.Run(1_500, TrialPhase.REFINE, 5 * SECOND_NS));
    }

    @Test
    void theVerifyGateConfirmsItsOneRateAndNothingElse()
    {
        final RampConfig gate = CONFIG.toBuilder().verifyRate(3_000L).build();
        assertThat(GoalSearch.decide(LossGoal.ndr(), history, gate))
            .isEqualTo(new Decision.Run(3_000, TrialPhase.CONFIRM, 10 * SECOND_NS));
        trial(3_000, 10 * SECOND_NS, 0);
        assertThat(GoalSearch.decide(LossGoal.ndr(), history, gate))
            .isEqualTo(new Decision.Run(3_000, TrialPhase.CONFIRM, 10 * SECOND_NS));
        trial(3_000, 10 * SECOND_NS, 0);
        assertThat(GoalSearch.decide(LossGoal.ndr(), history, gate)).isEqualTo(new Decision.Done(GoalStatus.HELD, 3_000L));
        trial(3_000, 10 * SECOND_NS, 1);
        assertThat(GoalSearch.decide(LossGoal.ndr(), history, gate)).isEqualTo(new Decision.Done(GoalStatus.NOT_HELD, null));
        final RateHistory cannot = new RateHistory();
        cannot.markUnreachable(3_000, 2_000);
        assertThat(GoalSearch.decide(LossGoal.ndr(), cannot, gate))
            .isEqualTo(new Decision.Done(GoalStatus.SENDER_CANNOT_SEND, null));
    }

    @Test
    void aPartialDropGoalTakesAFailUpToItsRatioInclusive()
    {
        final LossGoal pdr = LossGoal.pdr(0.01);
        trial(1_000, 5 * SECOND_NS, 50);
        trial(1_000, 5 * SECOND_NS, 51);
        trial(1_000, 5 * SECOND_NS, 0);
        assertThat(history.trials()).extracting(pdr::isMetBy).containsExactly(true, false, true);
        assertThat(history.trials()).extracting(LossGoal.ndr()::isMetBy).containsExactly(false, false, true);
    }

    private void trialInto(final RateHistory into, final long rate, final long lost)
    {
        final TrialRequest request =
            new TrialRequest(++trial, 1, TrialPhase.RAMP, "ndr", rate, 0, 5 * SECOND_NS, SECOND_NS);
        final long sent = rate * 5;
        into.add(new TrialJudge(0.01).judge(request,
            TrialResult.builder().achievedRate(rate).sent(sent).received(sent - lost).socketDrops("s", lost).build()));
    }
}
