package io.rxbreak.controller.report;

import java.util.List;

import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessCeilingTest
{
    @Test
    void aConfirmedNdrIsTheCeiling()
    {
        final HarnessCeiling ceiling = HarnessCeiling.of(calibration(SearchStop.COMPLETE, "complete",
            new GoalResult("ndr", 0, GoalStatus.FOUND, 300_000L, 300_000L, 315_000L, 2_000_000_000L)));
        assertThat(ceiling).isEqualTo(new HarnessCeiling(300_000L, null, null, 0));
        assertThat(ceiling.isNear(270_000L)).isTrue();
        assertThat(ceiling.isNear(269_999L)).isFalse();
    }

    /** The sender's bursts outgrow the buffer above 384,000/s: what passed there is all the harness can tell. */
    @Test
    void whenTheHarnessEndsTheCalibrationTheHighestRateDeliveredWholeIsTheCeiling()
    {
        final HarnessCeiling budget = HarnessCeiling.of(calibration(SearchStop.TRIAL_BUDGET, "stopped after 24 trials",
            new GoalResult("ndr", 0, GoalStatus.NOT_REACHED, null, 384_000L, 416_000L, 1_000_000_000L)));
        assertThat(budget.ndr()).isNull();
        assertThat(budget.atLeast()).isEqualTo(384_000L);
        assertThat(budget.limitedBy()).isEqualTo("the calibration's budget of 0 trials ran out");
        assertThat(budget.isNear(350_000L)).isTrue();

        final HarnessCeiling invalid = HarnessCeiling.of(calibration(SearchStop.INVALID_TRIALS,
            "512,000 msgs/s stayed invalid after 5 attempts: sender burst",
            new GoalResult("ndr", 0, GoalStatus.NOT_REACHED, null, 256_000L, null, 1_000_000_000L)));
        assertThat(invalid.rate()).isEqualTo(256_000L);
        assertThat(invalid.limitedBy()).startsWith("512,000 msgs/s stayed invalid");

        final HarnessCeiling sender = HarnessCeiling.of(calibration(SearchStop.COMPLETE, "complete",
            new GoalResult("ndr", 0, GoalStatus.ABOVE_SENDER_LIMIT, 800_000L, 800_000L, null, 2_000_000_000L)));
        assertThat(sender).isEqualTo(new HarnessCeiling(null, 800_000L, "the sender could offer no more", 0));
    }

    @Test
    void nothingDeliveredWholeLeavesNoCeiling()
    {
        final HarnessCeiling ceiling = HarnessCeiling.of(calibration(SearchStop.COMPLETE, "complete",
            new GoalResult("ndr", 0, GoalStatus.NOTHING_PASSED, null, null, 1L, 0L)));
        assertThat(ceiling.rate()).isNull();
        assertThat(ceiling.isNear(10_000L)).isFalse();
        assertThat(ceiling.limitedBy()).isEqualTo("every rate tried lost");
    }

    private static SearchResult calibration(final SearchStop stop, final String detail, final GoalResult ndr)
    {
        return new SearchResult(stop, detail, ndr, null, null, null, null, null, List.of(), List.of());
    }
}
