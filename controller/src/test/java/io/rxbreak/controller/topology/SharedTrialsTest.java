package io.rxbreak.controller.topology;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.SearchListener;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.SenderTrialReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receivers of different capacities, each with its own search over shared trials: each finds its own break point,
 * and the trials where the searches asked the same ran once.
 */
class SharedTrialsTest
{
    private static final long[] CAPACITY = {8_000, 20_000, 50_000};

    @Test
    void eachReceiverFindsItsOwnBreakPointOverSharedTrials()
    {
        final List<Long> ran = new ArrayList<>();
        final SharedTrials shared = new SharedTrials((rate, warmUpNs, durationNs, drainBoundNs) ->
        {
            ran.add(rate);
            final List<TrialResult> received = new ArrayList<>();
            for (final long capacity : CAPACITY)
            {
                final long sent = rate * durationNs / 1_000_000_000L;
                final long lost = rate > capacity ? sent * (rate - capacity) / rate : 0;
                received.add(TrialResult.builder().achievedRate(rate).sent(sent).received(sent - lost)
                    .drops(Layer.SOCKET_BUFFER, lost).build());
            }
            return new TopologyTrial(ran.size(), List.<SenderTrialReport>of(), received, List.of(List.of(), List.of(),
                List.of()));
        });
        final RampConfig config = RampConfig.builder().startRate(4_000).step("x2").maxRate(200_000).precision(0.02)
            .trialDurationNs(1_000_000_000L).warmUpNs(0).drainBoundNs(1_000_000L).confirmDurationNs(1_000_000_000L)
            .confirmTrialDurationNs(1_000_000_000L).build();
        final List<SearchResult> results = new ArrayList<>();
        int judged = 0;
        for (int i = 0; i < CAPACITY.length; i++)
        {
            final SearchResult result = new RampSearch(config, shared.runnerFor(i), SearchListener.NONE).run();
            results.add(result);
            judged += result.trials().size();
        }
        for (int i = 0; i < CAPACITY.length; i++)
        {
            assertThat(results.get(i).ndr().rate()).as("receiver %d", i)
                .isBetween((long)(CAPACITY[i] * 0.97), CAPACITY[i]);
        }
        // the ramp up to the first break ran once for all three searches
        assertThat(shared.trials()).hasSize(ran.size());
        assertThat(ran.size()).isLessThan(judged);
        assertThat(ran.stream().filter(rate -> rate == 4_000L).count()).isEqualTo(1);
    }

    @Test
    void theRateIsSplitExactlyOverTheSenders()
    {
        assertThat(TopologyTrialRunner.split(10_001, 3)).containsExactly(3_334, 3_334, 3_333);
        assertThat(TopologyTrialRunner.split(2, 3)).containsExactly(1, 1, 0);
        assertThat(TopologyTrialRunner.split(9_000, 1)).containsExactly(9_000);
    }
}
