package io.rxbreak.controller.report;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.search.LossGoal;
import io.rxbreak.controller.trial.FailKind;
import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose lowest failing rate only fell behind (nothing lost yet) still names the layer that breaks, and a
 * partial-drop goal judges such a trial by the share of the load its receiver could not keep up with.
 */
class FellBehindAttributionTest
{
    private static final TrialJudge JUDGE = new TrialJudge(0.01, 0, 0.002);

    private static TrialRecord trial(final int number, final long rate, final long lost, final double growth)
    {
        final TrialRequest request = new TrialRequest(number, 1, TrialPhase.RAMP, "ndr", rate, 500_000_000L,
            3_000_000_000L, 1_000_000_000L);
        final long sent = rate * 3;
        return JUDGE.judge(request, TrialResult.builder().achievedRate(rate).sent(sent).received(sent - lost)
            .socketDrops("s", lost).drops(Layer.SOFTIRQ_BACKLOG, lost == 0 ? 7 : 0)
            .backlogGrowth(growth, Layer.SOCKET_BUFFER).build());
    }

    /**
     * The softirq backlog counter moved by 7 in the trials that lost nothing: other traffic on the host, not theirs.
     */
    @Test
    void theLayerWhereTheBacklogGrewIsTheAttributionWhenNothingWasLostYet()
    {
        final List<TrialRecord> trials = List.of(trial(1, 16_000, 0, 0.0001), trial(2, 20_600, 0, 0.03),
            trial(3, 25_000, 900, 0.2));

        final List<AttributionEntry> attribution = BreakAttribution.at(trials, 20_600L);

        assertThat(attribution).hasSize(1);
        assertThat(attribution.get(0).layer()).isEqualTo(Layer.SOCKET_BUFFER.label());
        assertThat(attribution.get(0).drops()).isZero();
        assertThat(attribution.get(0).share()).isEqualTo(1.0);
        assertThat(attribution.get(0).meaning()).startsWith(AttributionEntry.FELL_BEHIND_MEANING)
            .contains(Layer.SOCKET_BUFFER.meaning());
        assertThat(attribution.get(0).knob()).isEqualTo(Layer.SOCKET_BUFFER.knob());
        assertThat(BreakAttribution.at(trials, 25_000L)).extracting(AttributionEntry::drops).containsExactly(900L);
    }

    @Test
    void aPartialDropGoalCountsTheShareTheReceiverCouldNotKeepUpWith()
    {
        final TrialRecord behind = trial(1, 20_600, 0, 0.03);

        assertThat(LossGoal.ndr().isMetBy(behind)).isFalse();
        assertThat(LossGoal.pdr(0.05).isMetBy(behind)).isTrue();
        assertThat(LossGoal.pdr(0.01).isMetBy(behind)).as("3 %% behind loses about 2.9 %% of the load in the long run")
            .isFalse();
        assertThat(LossGoal.pdr(0.01).isMetBy(trial(2, 20_600, 1, 0.03)))
            .as("one message lost does not make a trial that fell behind 3 %% meet a 1 %% goal").isFalse();
    }

    /**
     * The kind is a field: it is what the attribution reads, it is written with the old {@code fellBehind} flag for
     * readers of the first format, and a record written before the field existed reads back with its kind.
     */
    @Test
    void theFailKindIsDataAndRecordsWithoutItReadBackWithTheirKind() throws JsonProcessingException
    {
        final TrialRecord behind = trial(2, 20_600, 0, 0.03);
        final TrialRecord lost = trial(3, 25_000, 900, 0.2);
        final TrialRecord passed = trial(1, 16_000, 0, 0.0001);
        assertThat(behind.judgement().failKind()).isEqualTo(FailKind.FELL_BEHIND);
        assertThat(lost.judgement().failKind()).isEqualTo(FailKind.LOST);
        assertThat(passed.judgement().failKind()).isNull();

        for (final TrialRecord record : List.of(behind, lost, passed))
        {
            final ObjectNode json = ReportJson.mapper().valueToTree(record);
            assertThat(json.path("fellBehind").asBoolean()).isEqualTo(record == behind);
            assertThat(ReportJson.mapper().treeToValue(json, TrialRecord.class)).isEqualTo(record);

            json.remove("failKind");
            assertThat(ReportJson.mapper().treeToValue(json, TrialRecord.class).judgement().failKind())
                .as("a line of an older rxbreak").isEqualTo(record.judgement().failKind());
        }
    }
}
