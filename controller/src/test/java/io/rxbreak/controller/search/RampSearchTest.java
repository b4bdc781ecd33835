package io.rxbreak.controller.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rxbreak.controller.trial.InvalidReason;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.controller.trial.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class RampSearchTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private static RampConfig.Builder config()
    {
        return RampConfig.builder()
            .startRate(1_000).step("x1.5").maxRate(1_000_000).precision(0.01)
            .trialDurationNs(5 * SECOND_NS).confirmDurationNs(30 * SECOND_NS).confirmTrialDurationNs(10 * SECOND_NS);
    }

    private static SearchResult search(final RampConfig config, final TrialRunner runner)
    {
        final List<TrialRecord> heard = new ArrayList<>();
        final SearchResult result = new RampSearch(config, runner, heard::add).run();
        assertThat(heard).as("the listener hears every trial").isEqualTo(result.trials());
        assertNeverAboveAFailedRate(result);
        return result;
    }

    private static void assertNeverAboveAFailedRate(final SearchResult result)
    {
        for (final TrialRecord record : result.trials())
        {
            if (record.judgement().verdict() == Verdict.FAIL && result.ndr().rate() != null)
            {
                assertThat(result.ndr().rate()).as("NDR below failed trial %d", record.request().trial())
                    .isLessThan(record.request().targetRate());
            }
            if (result.pdr() != null && result.pdr().rate() != null && record.isValid()
                && record.lossRatio() > result.pdr().maxLossRatio())
            {
                assertThat(result.pdr().rate()).as("PDR below over-ratio trial %d", record.request().trial())
                    .isLessThan(record.request().targetRate());
            }
        }
        if (result.ndr().rate() != null)
        {
            final long measuredNs = result.trials().stream()
                .filter(r -> r.request().targetRate() == result.ndr().rate() && r.isValid())
                .peek(r -> assertThat(r.judgement().verdict()).isEqualTo(Verdict.PASS))
                .mapToLong(record -> record.request().durationNs()).sum();
            assertThat(measuredNs).as("confirmed NDR").isGreaterThanOrEqualTo(30 * SECOND_NS);
        }
    }

    @Test
    void findsADeterministicCapacityWithinPrecisionBelowIt()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(20_000));

        assertThat(result.stop()).isEqualTo(SearchStop.COMPLETE);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.FOUND);
        assertThat(result.ndr().rate()).isBetween(19_400L, 20_000L);
        assertThat(result.ndr().upperBound() - result.ndr().rate())
            .isLessThanOrEqualTo((long)(0.01 * result.ndr().rate()));
        assertThat(result.firstFailRate()).isEqualTo(25_635L);
        assertThat(result.lowestFailRate()).isGreaterThan(20_000L);
        assertThat(result.pdr()).isNull();
        assertThat(result.trials().size()).isLessThanOrEqualTo(30);
        assertThat(result.trials()).extracting(record -> record.request().trial())
            .containsExactlyElementsOf(() -> java.util.stream.IntStream.rangeClosed(1, result.trials().size())
                .boxed().iterator());
    }

    @Test
    void rampsThroughTheStepsAndRechecksTheFirstFailure()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(20_000));

        final List<TrialRecord> trials = result.trials();
        assertThat(trials.subList(0, 10)).extracting(record -> record.request().targetRate())
            .containsExactly(1_000L, 1_500L, 2_250L, 3_375L, 5_063L, 7_595L, 11_393L, 17_090L, 25_635L, 25_635L);
        assertThat(trials.get(8).judgement().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(trials.get(9).request().phase()).isEqualTo(TrialPhase.RECHECK);
        assertThat(trials.get(10).request().phase()).isEqualTo(TrialPhase.REFINE);
        assertThat(trials.get(trials.size() - 1).request().phase()).isEqualTo(TrialPhase.CONFIRM);
    }

    @Test
    void parsesAnIncrementStep()
    {
        final SearchResult result = search(config().step("+4000").build(), new SimulatedReceiver(20_000));

        assertThat(result.trials().subList(0, 6)).extracting(record -> record.request().targetRate())
            .containsExactly(1_000L, 5_000L, 9_000L, 13_000L, 17_000L, 21_000L);
        assertThat(result.ndr().rate()).isBetween(19_400L, 20_000L);
    }

    @Test
    void reportsTheMaximumRateWhenEvenItPasses()
    {
        final SearchResult result = search(config().maxRate(50_000).build(), new SimulatedReceiver(1_000_000));

        assertThat(result.ndr().status()).isEqualTo(GoalStatus.ABOVE_MAX_RATE);
        assertThat(result.ndr().rate()).isEqualTo(50_000L);
        assertThat(result.firstFailRate()).isNull();
        final List<TrialRecord> trials = result.trials();
        assertThat(trials).filteredOn(r -> r.request().phase() == TrialPhase.RAMP).extracting(record -> record.request().targetRate())
            .doesNotHaveDuplicates().endsWith(50_000L);
        assertThat(trials.subList(trials.size() - 3, trials.size())).allSatisfy(r ->
        {
            assertThat(r.request().phase()).isEqualTo(TrialPhase.CONFIRM);
            assertThat(r.request().targetRate()).isEqualTo(50_000L);
        });
    }

    @Test
    void reportsABreakPointAboveTheSenderLimit()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(1_000_000).senderCap(15_000));

        assertThat(result.stop()).isEqualTo(SearchStop.COMPLETE);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.ABOVE_SENDER_LIMIT);
        // a trial is valid when the sender is within the tolerance (1 %) of the target: 15,000 / 0.99 = 15,151
        assertThat(result.breakPointAboveSenderLimit()).isEqualTo(result.ndr().rate()).isBetween(14_500L, 15_151L);
        assertThat(result.trials()).filteredOn(r -> r.request().targetRate() == result.ndr().rate())
            .allSatisfy(r -> assertThat(r.judgement().verdict()).isEqualTo(Verdict.PASS));
        assertThat(result.senderLimitRate()).isGreaterThan(15_000L);
        assertThat(result.firstFailRate()).isNull();
        assertThat(result.trials()).filteredOn(r -> r.judgement().verdict() == Verdict.INVALID)
            .allSatisfy(r -> assertThat(r.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_SHORTFALL))
            .isNotEmpty();
        assertThat(result.rates()).filteredOn(RateSummary::unreachable).isNotEmpty()
            .allSatisfy(rate -> assertThat(rate.invalid()).as("a shortfall is retried once").isEqualTo(2));
        assertThat(result.trials().size()).isLessThanOrEqualTo(25);
    }

    @Test
    void aSenderAboveTheCapacityDoesNotLimitTheSearch()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(20_000).senderCap(24_000));

        assertThat(result.ndr().status()).isEqualTo(GoalStatus.FOUND);
        assertThat(result.ndr().rate()).isBetween(19_400L, 20_000L);
        assertThat(result.breakPointAboveSenderLimit()).isNull();
    }

    @Test
    void retriesAnInvalidTrialBeforeUsingIt()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000);
        final int[] calls = {0};
        final TrialRunner flaky = request ->
        {
            final TrialResult result = receiver.run(request);
            return ++calls[0] == 3 ? TrialResult.builder().counterFailure("agent did not answer").build() : result;
        };
        final SearchResult result = search(config().build(), flaky);

        assertThat(result.trials().get(2).judgement().verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.trials().get(3).request().targetRate()).isEqualTo(result.trials().get(2).request().targetRate());
        assertThat(result.trials().get(3).request().attempt()).isEqualTo(2);
        assertThat(result.ndr().rate()).isBetween(19_400L, 20_000L);
    }

    @Test
    void stopsWhenARateStaysInvalid()
    {
        final SearchResult result = search(config().maxInvalidRetries(2).build(),
            request -> TrialResult.builder().counterFailure("/proc/net/snmp unreadable").build());

        assertThat(result.stop()).isEqualTo(SearchStop.INVALID_TRIALS);
        assertThat(result.stopDetail()).contains("1,000 msgs/s").contains("3 attempts").contains("/proc/net/snmp");
        assertThat(result.trials()).hasSize(3);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.NOT_REACHED);
        assertThat(result.hasValidTrial()).isFalse();
    }

    @Test
    void aRateTheSenderCannotKeepSmoothBoundsTheSearchInsteadOfEndingIt()
    {
        // from 30,000 msgs/s the sender always bursts late over the buffer (a replay whose bursts outrun it): those
        // trials say nothing about the receiver (capacity 50,000), so the search finds what it can below them
        final SimulatedReceiver runner = new SimulatedReceiver(50_000).lateBurstsFrom(30_000);
        final SearchResult result = search(config().startRate(10_000).maxInvalidRetries(2).build(), runner);

        assertThat(result.stop()).isEqualTo(SearchStop.COMPLETE);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.ABOVE_SENDER_LIMIT);
        assertThat(result.ndr().rate()).isBetween(29_000L, 29_999L);
        assertThat(result.senderLimitRate()).isBetween(30_000L, 31_000L);
        assertThat(result.trials()).allMatch(record -> record.request().targetRate() < 30_000
            || record.judgement().invalidReason() == InvalidReason.SENDER_BURST);
    }

    @Test
    void stepsDownBelowTheStartRateWhenItFails()
    {
        final SearchResult result = search(config().startRate(10_000).build(), new SimulatedReceiver(3_000));

        assertThat(result.trials()).extracting(record -> record.request().phase()).contains(TrialPhase.STEP_DOWN);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.FOUND);
        assertThat(result.ndr().rate()).isBetween(2_910L, 3_000L);
    }

    @Test
    void reportsNothingPassedWhenEveryRateLoses()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(0));

        assertThat(result.stop()).isEqualTo(SearchStop.COMPLETE);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.NOTHING_PASSED);
        assertThat(result.ndr().rate()).isNull();
        assertThat(result.lowestFailRate()).isEqualTo(1L);
        assertThat(result.trials().size()).isLessThanOrEqualTo(2 * 11);
    }

    @Test
    void stepsDownWhenConfirmationDoesNotHold()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000).weakerInLongTrials(18_000, 10 * SECOND_NS);
        final SearchResult result = search(config().build(), receiver);

        assertThat(result.trials()).anySatisfy(r ->
        {
            assertThat(r.request().phase()).isEqualTo(TrialPhase.CONFIRM);
            assertThat(r.judgement().verdict()).isEqualTo(Verdict.FAIL);
        });
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.FOUND);
        assertThat(result.ndr().rate()).isBetween(17_400L, 18_000L);
    }

    @Test
    void neverReportsAboveAFailureInANonMonotonicReceiver()
    {
        final SearchResult result = search(config().build(), new SimulatedReceiver(20_000).failBand(7_000, 8_000));

        assertThat(result.firstFailRate()).isEqualTo(7_595L);
        assertThat(result.ndr().rate()).isLessThan(7_000L).isGreaterThanOrEqualTo(6_900L);
        assertThat(result.rates()).filteredOn(r -> r.rate() == 7_595L)
            .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("broken"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void staysHonestOnANoisyReceiver(final long seed)
    {
        final RampConfig config = config().maxTrials(80).build();
        final SearchResult result = search(config, new SimulatedReceiver(20_000).flukes(seed, 0.1));

        assertThat(result.trials().size()).isLessThanOrEqualTo(80);
        assertThat(result.stop()).isIn(SearchStop.COMPLETE, SearchStop.TRIAL_BUDGET);
        if (result.ndr().rate() != null)
        {
            assertThat(result.ndr().rate()).isLessThanOrEqualTo(20_000L);
        }
        final List<TrialRecord> trials = result.trials();
        final int firstFail = indexOfFirstFail(trials);
        if (firstFail >= 0 && firstFail + 1 < trials.size())
        {
            assertThat(trials.get(firstFail + 1).request().targetRate()).as("the first failure is run again")
                .isEqualTo(trials.get(firstFail).request().targetRate());
            assertThat(trials.get(firstFail + 1).request().phase()).isEqualTo(TrialPhase.RECHECK);
        }
        for (final RateSummary rate : result.rates())
        {
            if (rate.fails() > 0 && result.ndr().rate() != null)
            {
                assertThat(result.ndr().rate()).isLessThan(rate.rate());
            }
        }
    }

    @Test
    void aSporadicFailureIsNotANoDropRate()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(1_000_000);
        final int[] calls = {0};
        final TrialRunner oneFluke = request ->
        {
            final TrialResult clean = receiver.run(request);
            if (++calls[0] != 5)
            {
                return clean;
            }
            return TrialResult.builder().achievedRate(clean.achievedRate()).sent(clean.sent())
                .received(clean.sent() - 2).gaps(2).socketDrops("s", 2).build();
        };
        final SearchResult result = search(config().maxRate(20_000).build(), oneFluke);

        final long flukeRate = result.trials().get(4).request().targetRate();
        assertThat(result.trials().get(5).request().phase()).isEqualTo(TrialPhase.RECHECK);
        assertThat(result.trials().get(5).judgement().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.rates()).filteredOn(r -> r.rate() == flukeRate).singleElement()
            .satisfies(r -> assertThat(r.status()).isEqualTo("sporadic"));
        assertThat(result.ndr().rate()).isLessThan(flukeRate);
        assertThat(result.ndr().upperBound()).isEqualTo(flukeRate);
    }

    @Test
    void findsAPartialDropRateAtOrAboveTheNoDropRate()
    {
        final SearchResult result = search(config().pdrRatio(0.1).build(), new SimulatedReceiver(20_000));

        assertThat(result.ndr().rate()).isBetween(19_400L, 20_000L);
        assertThat(result.pdr().status()).isEqualTo(GoalStatus.FOUND);
        assertThat(result.pdr().rate()).isGreaterThanOrEqualTo(result.ndr().rate());
        assertThat(result.pdr().rate()).isBetween(21_500L, 22_223L);
        assertThat(result.trials()).filteredOn(r -> r.isValid() && r.request().targetRate() == result.pdr().rate())
            .allSatisfy(r -> assertThat(r.lossRatio()).isLessThanOrEqualTo(0.1))
            .extracting(record -> record.request().durationNs()).satisfies(durations ->
                assertThat(durations.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(30 * SECOND_NS));
    }

    @Test
    void stopsAtTheTrialBudget()
    {
        final SearchResult result = search(config().maxTrials(5).build(), new SimulatedReceiver(20_000));

        assertThat(result.stop()).isEqualTo(SearchStop.TRIAL_BUDGET);
        assertThat(result.trials()).hasSize(5);
        assertThat(result.ndr().status()).isEqualTo(GoalStatus.NOT_REACHED);
        assertThat(result.ndr().rate()).isNull();
        assertThat(result.ndr().lowerBound()).isEqualTo(5_063L);
    }

    @Test
    void keepsWhatItHasWhenInterrupted()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000);
        final TrialRunner interrupting = request ->
        {
            if (request.trial() == 4)
            {
                throw new InterruptedException("test");
            }
            return receiver.run(request);
        };
        final SearchResult result = search(config().build(), interrupting);

        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        assertThat(result.stop()).isEqualTo(SearchStop.INTERRUPTED);
        assertThat(result.trials()).hasSize(3);
        assertThat(result.ndr().lowerBound()).isEqualTo(2_250L);
    }

    @Test
    void stopsBetweenTrialsWhenTheThreadIsInterrupted()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000);
        final TrialRunner signalled = request ->
        {
            if (request.trial() == 2)
            {
                Thread.currentThread().interrupt();
            }
            return receiver.run(request);
        };
        final SearchResult result = search(config().build(), signalled);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(result.stop()).isEqualTo(SearchStop.INTERRUPTED);
        assertThat(result.trials()).hasSize(2);
    }

    @Test
    void givesAPartialResultWhenTheRunnerFails()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000);
        final RampSearch search = new RampSearch(config().build(), request ->
        {
            if (request.trial() == 3)
            {
                throw new IllegalStateException("receiver agent died");
            }
            return receiver.run(request);
        }, SearchListener.NONE);
        try
        {
            search.run();
        }
        catch (final IllegalStateException expected)
        {
            final SearchResult partial = search.partialResult(SearchStop.FAILED, expected.getMessage());
            assertThat(partial.trials()).hasSize(2);
            assertThat(partial.stopDetail()).isEqualTo("receiver agent died");
            assertThat(partial.ndr().status()).isEqualTo(GoalStatus.NOT_REACHED);
            return;
        }
        throw new AssertionError("the runner's failure must propagate");
    }

    @Test
    void aRetryOfAnInvalidTrialStopsAtTheTrialBudget()
    {
        final SearchResult result = search(config().maxTrials(2).maxInvalidRetries(4).build(),
            request -> TrialResult.builder().counterFailure("/proc/net/snmp unreadable").build());

        assertThat(result.stop()).isEqualTo(SearchStop.TRIAL_BUDGET);
        assertThat(result.stopDetail()).isEqualTo("stopped after 2 trials (--max-trials) while retrying an invalid trial");
        assertThat(result.trials()).hasSize(2);
    }

    /** A sender that achieves 2,000 msgs/s of 2,250 twice marks 2,250 unreachable with 1 % below 2,000 as its hint. */
    @Test
    void aSenderShortfallHintsAtWhatItAchievedLessTheTolerance()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(1_000_000).senderCap(2_000);
        final RampSearch search = new RampSearch(config().build(), receiver, SearchListener.NONE);
        final SearchResult result = search.run();

        assertThat(search.trials()).isEqualTo(result.trials());
        assertThat(result.trials()).extracting(record -> record.request().targetRate()).startsWith(1_000L, 1_500L,
            2_250L, 2_250L, 1_980L);
        assertThat(result.rates()).filteredOn(RateSummary::unreachable).extracting(RateSummary::rate)
            .contains(2_250L).allMatch(rate -> rate > 2_000);
        assertThat(result.hasValidTrial()).isTrue();
    }

    @Test
    void aRatesSummaryCountsEveryVerdictButMeasuresOnlyValidTrials()
    {
        final SimulatedReceiver receiver = new SimulatedReceiver(20_000);
        final int[] calls = {0};
        final SearchResult result = search(config().build(), request ->
            ++calls[0] == 2 ? TrialResult.builder().counterFailure("agent did not answer").build() : receiver.run(request));

        final RateSummary retried = result.rates().stream().filter(rate -> rate.rate() == 1_500).findFirst().orElseThrow();
        assertThat(retried.invalid()).isEqualTo(1);
        assertThat(retried.passes()).isEqualTo(1);
        assertThat(retried.measuredNs()).isEqualTo(5 * SECOND_NS);
        assertThat(retried.status()).isEqualTo("pass");
        assertThat(result.rates().stream().mapToLong(RateSummary::measuredNs).sum()).isEqualTo(result.trials().stream()
            .filter(TrialRecord::isValid).mapToLong(record -> record.request().durationNs()).sum());
    }

    @Test
    void aRateSaysPassBrokenSporadicUnreachableOrInvalid()
    {
        assertThat(new RateSummary(1, 2, 0, 1, 0, false).status()).isEqualTo("pass");
        assertThat(new RateSummary(1, 0, 1, 0, 0, false).status()).isEqualTo("broken");
        assertThat(new RateSummary(1, 1, 1, 0, 0, false).status()).isEqualTo("sporadic");
        assertThat(new RateSummary(1, 0, 0, 2, 0, true).status()).isEqualTo("unreachable");
        assertThat(new RateSummary(1, 0, 0, 2, 0, false).status()).isEqualTo("invalid");
    }

    @Test
    void listenersChainedHearEveryTrialInOrder()
    {
        final List<String> heard = new ArrayList<>();
        final SearchListener first = record -> heard.add("first " + record.request().trial());
        final SearchListener both = first.andThen(record -> heard.add("second " + record.request().trial()));
        final SearchResult result = new RampSearch(config().maxTrials(2).build(), new SimulatedReceiver(20_000), both)
            .run();

        assertThat(result.trials()).hasSize(2);
        assertThat(heard).containsExactly("first 1", "second 1", "first 2", "second 2");
    }

    private static int indexOfFirstFail(final List<TrialRecord> trials)
    {
        for (int i = 0; i < trials.size(); i++)
        {
            if (trials.get(i).judgement().verdict() == Verdict.FAIL)
            {
                return i;
            }
        }
        return -1;
    }
}
