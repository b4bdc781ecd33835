package io.rxbreak.controller.report.gate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.rxbreak.controller.report.Outcome;
import io.rxbreak.controller.report.RunReport;
import io.rxbreak.controller.report.SampleRuns;
import io.rxbreak.controller.search.GoalResult;
import io.rxbreak.controller.search.GoalStatus;
import io.rxbreak.core.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegressionGateTest
{
    @TempDir
    Path temp;

    @Test
    void aBaselineWithAHigherNdrIsARegression() throws Exception
    {
        final RunReport current = SampleRuns.complete(temp.resolve("now"));
        final RunReport baseline = SampleRuns.complete(temp.resolve("base"), SampleRuns.header(),
            SampleRuns.receivePath(30_000, 34_000));
        final GateResult gate = RegressionGate.judge(current, baseline, "base", 5);

        assertThat(gate.regressed()).isTrue();
        assertThat(gate.exitCode(ExitCodes.OK)).isEqualTo(ExitCodes.REGRESSION);
        final GoalComparison ndr = gate.goals().get(0);
        assertThat(ndr.status()).isEqualTo(GoalComparison.Status.REGRESSED);
        assertThat(ndr.changePct()).isCloseTo((current.ndr() - baseline.ndr()) * 100.0 / baseline.ndr(),
            org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ndr.text()).contains(String.format("REGRESSED by %.2f%%", -ndr.changePct()))
            .contains(String.format(java.util.Locale.ROOT, "%,d msgs/s", current.ndr()));
        assertThat(gate.render(ExitCodes.OK)).contains("result: REGRESSION (exit 3)");
        assertThat(gate.exitCode(ExitCodes.INTERRUPTED)).as("the run's own failure says more")
            .isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void withinTheToleranceIsSuccess() throws Exception
    {
        final RunReport current = SampleRuns.complete(temp.resolve("now"));
        final RunReport baseline = SampleRuns.complete(temp.resolve("base"), SampleRuns.header(),
            SampleRuns.receivePath(20_500, 24_500));
        assertThat(baseline.ndr()).isGreaterThan(current.ndr());

        final GateResult gate = RegressionGate.judge(current, baseline, "base", 5);
        assertThat(gate.goals()).extracting(GoalComparison::status)
            .containsExactly(GoalComparison.Status.WITHIN, GoalComparison.Status.WITHIN);
        assertThat(gate.exitCode(ExitCodes.OK)).isEqualTo(ExitCodes.OK);
        assertThat(RegressionGate.judge(current, baseline, "base", 0.5).exitCode(ExitCodes.OK))
            .as("a tighter gate trips").isEqualTo(ExitCodes.REGRESSION);
    }

    @Test
    void withoutAnNdrThereIsNoValidComparison() throws Exception
    {
        final RunReport baseline = SampleRuns.complete(temp.resolve("base"));
        final RunReport notReached = withNdr(baseline, new GoalResult("ndr", 0, GoalStatus.NOT_REACHED, null,
            18_000L, 20_039L, 0));
        final GateResult gate = RegressionGate.judge(notReached, baseline, "base", 5);

        assertThat(gate.goals().get(0).status()).isEqualTo(GoalComparison.Status.NO_VALID_COMPARISON);
        assertThat(gate.goals().get(0).text()).contains("no valid comparison: this run has no NDR");
        assertThat(gate.exitCode(ExitCodes.OK)).isEqualTo(ExitCodes.NO_VALID_TRIAL);
        assertThat(RegressionGate.whyNotABaseline(notReached)).contains("has no NDR");
        assertThat(RegressionGate.judge(baseline, notReached, "base", 5).goals().get(0).text())
            .contains("the baseline has no NDR");

        final RunReport nothingPassed = withNdr(baseline, new GoalResult("ndr", 0, GoalStatus.NOTHING_PASSED, null,
            null, 1L, 0));
        assertThat(RegressionGate.judge(nothingPassed, baseline, "base", 5).goals().get(0).status())
            .as("nothing passed is the worst result, not an unknown one").isEqualTo(GoalComparison.Status.REGRESSED);

        final RunReport senderBound = withNdr(baseline, new GoalResult("ndr", 0, GoalStatus.ABOVE_SENDER_LIMIT,
            10_000L, 10_000L, null, 0));
        assertThat(RegressionGate.judge(senderBound, baseline, "base", 5).goals().get(0).status())
            .as("a lower bound set by the sender says nothing about the receiver")
            .isEqualTo(GoalComparison.Status.NO_VALID_COMPARISON);
    }

    /**
     * A baseline's {@code ndr}, as a user reads (and may edit) it at the top of {@code report.json}, is what the gate
     * judges, whatever {@code goals[]} repeats.
     */
    @Test
    void theGateJudgesTheNdrAUserReads() throws Exception
    {
        final RunReport current = SampleRuns.complete(temp.resolve("now"));
        final RunReport read = SampleRuns.complete(temp.resolve("base"));
        final GoalResult stale = read.goals().get(0);
        final RunReport edited = new RunReport(read.formatVersion(), read.commandLine(), read.startedAt(),
            read.finishedAt(), read.outcome(), read.config(), read.environment(), read.tunables(), 60_000L, read.pdr(),
            read.pdrRatio(), read.firstFailRate(), read.lowestFailRate(), null, null, false,
            List.of(new GoalResult("ndr", 0, stale.status(), current.ndr(), stale.lowerBound(), stale.upperBound(),
                stale.measuredNs()), read.goals().get(1)), read.stop(), read.attribution(), read.rates(), read.trials(),
            read.harnessCeiling(), null, null, null, null, null, null);

        assertThat(edited.goals().get(0).rate()).isEqualTo(60_000L);
        final GoalComparison ndr = RegressionGate.judge(current, edited, "base", 5).goals().get(0);
        assertThat(ndr.baselineRate()).isEqualTo(60_000L);
        assertThat(ndr.status()).isEqualTo(GoalComparison.Status.REGRESSED);
    }

    @Test
    void parsesPercentages()
    {
        assertThat(RegressionGate.parsePercent("5")).isEqualTo(5.0);
        assertThat(RegressionGate.parsePercent("5%")).isEqualTo(5.0);
        assertThat(RegressionGate.parsePercent(" 2.5 % ")).isEqualTo(2.5);
        assertThatThrownBy(() -> RegressionGate.parsePercent("five")).hasMessageContaining("like 5 or 5%");
        assertThatThrownBy(() -> RegressionGate.parsePercent("100")).hasMessageContaining("below 100");
        assertThatThrownBy(() -> RegressionGate.parsePercent("-1")).hasMessageContaining("at least 0");
    }

    @Test
    void junitHasACasePerGoalAndComparisonWithCountsAndEscapedMessages() throws Exception
    {
        final RunReport current = SampleRuns.complete(temp.resolve("now"), SampleRuns.header("eth0\"<&>\u0001",
            List.of("ramp", "--note", "]]></failure><x>")), SampleRuns.receivePath(20_000, 24_000));
        final RunReport baseline = SampleRuns.complete(temp.resolve("base"), SampleRuns.header(),
            SampleRuns.receivePath(30_000, 34_000));
        final String xml = JUnitReport.render(current, RegressionGate.judge(current, baseline, "base<1>", 5));

        final Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        final Element suite = (Element)document.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo(JUnitReport.SUITE);
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        final NodeList cases = document.getElementsByTagName("testcase");
        assertThat(((Element)cases.item(0)).getAttribute("name")).isEqualTo("ndr");
        assertThat(((Element)cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element)cases.item(2)).getAttribute("name")).isEqualTo("ndr regression");
        final Element failure = (Element)((Element)cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("REGRESSED by")
            .contains(String.format(java.util.Locale.ROOT, "%,d msgs/s", baseline.ndr()));
        assertThat(suite.getTextContent()).contains("]]></failure><x>");

        final String alone = JUnitReport.render(withNdr(current, new GoalResult("ndr", 0, GoalStatus.NOT_REACHED,
            null, null, null, 0)), null);
        assertThat(alone).contains("tests=\"2\"").contains("errors=\"1\"");
    }

    private static RunReport withNdr(final RunReport report, final GoalResult ndr)
    {
        return new RunReport(report.formatVersion(), report.commandLine(), report.startedAt(), report.finishedAt(),
            ndr.status() == GoalStatus.NOT_REACHED ? new Outcome(Outcome.INTERRUPTED, "stopped") : report.outcome(),
            report.config(), report.environment(), report.tunables(), ndr.rate(), report.pdr(), report.pdrRatio(),
            report.firstFailRate(), report.lowestFailRate(), null, null, false,
            List.of(ndr, report.goals().get(1)), report.stop(), report.attribution(), report.rates(),
            report.trials(), report.harnessCeiling(), null, null, null, null, null, null);
    }
}
