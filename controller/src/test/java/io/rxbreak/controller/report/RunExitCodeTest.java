package io.rxbreak.controller.report;

import java.util.List;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.controller.search.RampSearch;
import io.rxbreak.controller.search.SearchResult;
import io.rxbreak.controller.search.SearchStop;
import io.rxbreak.controller.trial.TrialResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunExitCodeTest
{
    @Test
    void mapsTheOutcome()
    {
        final SearchResult complete = ReportFixtures.search(record -> { });
        assertThat(RunExitCode.of(RunReports.of(ReportFixtures.header(), complete, null))).isEqualTo(ExitCodes.OK);

        final RampSearch invalid = new RampSearch(ReportFixtures.config(),
            request -> TrialResult.builder().counterFailure("gone").build(), record -> { });
        assertThat(RunExitCode.of(RunReports.of(ReportFixtures.header(), invalid.run(), null)))
            .isEqualTo(ExitCodes.NO_VALID_TRIAL);

        final SearchResult stopped = ReportFixtures.search(record -> { });
        final RunReport failed = RunReports.of(ReportFixtures.header(), new SearchResult(SearchStop.FAILED, "agent died",
            stopped.ndr(), stopped.pdr(), null, null, null, null, stopped.rates(), stopped.trials()), null);
        assertThat(RunExitCode.of(failed)).isEqualTo(ExitCodes.FAILURE);
        assertThat(failed.outcome()).isEqualTo(new Outcome(Outcome.FAILED, "agent died"));

        final RunReport interrupted = RunReports.rebuilt(ReportFixtures.header(), List.of(), "crash");
        assertThat(RunExitCode.of(interrupted)).isEqualTo(ExitCodes.INTERRUPTED);
    }
}
