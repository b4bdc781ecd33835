package io.rxbreak.controller.trial;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.LossTimeline;
import io.rxbreak.core.protocol.ReceiveBuffer;

import static io.rxbreak.controller.trial.JudgeFixtures.REQUEST;
import static io.rxbreak.controller.trial.JudgeFixtures.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The judge at the edges of its rules: each limit itself and just past it, and the figures its sentences give.
 * 100,000 msgs/s for 5 s after 1 s of warm-up (a window of 6 s).
 */
class TrialJudgeEdgesTest
{
    private final TrialJudge judge = new TrialJudge(0.01);

    @Test
    void theLimitsOfItsOwnSettingsAreAccepted()
    {
        assertThat(new TrialJudge(0.01, 0, 0.0).judge(REQUEST, sent(500_000, 500_000).backlogGrowth(0.0001,
            Layer.SOCKET_BUFFER).build()).fellBehind()).as("a backlog growth limit of 0").isTrue();
        assertThat(new TrialJudge(0.499).judge(REQUEST, sent(500_000, 500_000).achievedRate(50_101).build())
            .judgement().verdict()).isEqualTo(Verdict.PASS);
        assertThatThrownBy(() -> new TrialJudge(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOvershootOfExactlyTheToleranceIsValidAndOnePastSaysByHowMuch()
    {
        assertThat(judge.judge(REQUEST, sent(500_000, 500_000).achievedRate(101_000).build()).judgement().verdict())
            .isEqualTo(Verdict.PASS);
        assertThat(judge.judge(REQUEST, sent(500_000, 500_000).achievedRate(101_500).build()).judgement().detail())
            .isEqualTo("the sender achieved 101,500 msgs/s for 100,000 (1.50% over, tolerance 1%)");
    }

    @Test
    void applicationDropsAloneWhereEverythingArrivedContradictTheCount()
    {
        final TrialRecord record = judge.judge(REQUEST, sent(500_000, 500_000).drops(Layer.APPLICATION, 4).build());
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.ACCOUNTING_INCONSISTENT);
        assertThat(record.judgement().detail()).contains("counted 4 drops");
    }

    /** A stall of 10 ms at 100,000 msgs/s is a burst of 1,000: it explains a loss of 1,000 and not of 1,001. */
    @Test
    void aStallExplainsALossUpToItsBurstAndOnlyBeyondTheLagLimit()
    {
        final TrialJudge strict = new TrialJudge(0.01, 5_000_000L);
        assertThat(strict.judge(REQUEST, sent(500_000, 499_000).senderLagNs(10_000_000L).build()).judgement()
            .invalidReason()).isEqualTo(InvalidReason.SENDER_STALL);
        assertThat(strict.judge(REQUEST, sent(500_000, 498_999).senderLagNs(10_000_000L).build()).judgement().verdict())
            .isEqualTo(Verdict.FAIL);
        assertThat(strict.judge(REQUEST, sent(500_000, 499_900).senderLagNs(5_000_000L).build()).judgement().verdict())
            .as("a lag of exactly the limit").isEqualTo(Verdict.FAIL);
    }

    @Test
    void aGrowthOfExactlyTheLimitPasses()
    {
        final TrialJudge sustained = new TrialJudge(0.01, 5_000_000L, 0.25);
        final TrialRequest fourSeconds = new TrialRequest(7, 1, TrialPhase.REFINE, "ndr", 100_000, 0, 4_000_000_000L,
            1_000_000_000L);
        assertThat(sustained.judge(fourSeconds, sent(400_000, 400_000).backlogGrowth(0.25, Layer.SOCKET_BUFFER)
            .senderLagGrowth(0.2).senderLagNs(500_000_000L).build()).judgement().verdict()).isEqualTo(Verdict.PASS);
    }

    /** Half the allowed growth (0.2 %) is 0.1 %: a sender that drifted more may be the growth itself. */
    @Test
    void aSenderDriftOfHalfTheAllowedGrowthVoidsTheTrialAndSaysSo()
    {
        final TrialJudge sustained = new TrialJudge(0.01, 0, 0.002);
        final TrialRecord drift = sustained.judge(REQUEST, sent(500_000, 500_000).backlogGrowth(0.005,
            Layer.SOCKET_BUFFER).senderLagGrowth(0.0011).build());
        assertThat(drift.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_DRIFT);
        assertThat(drift.judgement().detail()).isEqualTo("received all 500,000, but the sender drifted behind its "
            + "schedule by 0.11% of its time (half the allowed backlog growth is 0.1%): the growth seen (0.50% net) may "
            + "be the sender's, not the receiver's");
        assertThat(sustained.judge(REQUEST, sent(500_000, 500_000).backlogGrowth(0.005, Layer.SOCKET_BUFFER)
            .senderLagGrowth(0.0009).build()).judgement().failKind()).isEqualTo(FailKind.FELL_BEHIND);
        assertThat(sustained.judge(REQUEST, sent(500_000, 500_000).backlogGrowth(0.005, Layer.SOCKET_BUFFER)
            .senderLagGrowth(0.001).build()).judgement().failKind()).as("a drift of exactly half is not more than half")
            .isEqualTo(FailKind.FELL_BEHIND);
    }

    /**
     * A 500 ms stall in a 4 s trial fakes up to 2 x 0.5 / 4 = 25 % of growth: 50 % seen less that is the limit of
     * 25 % itself, so the stall may explain it.
     */
    @Test
    void aStallThatExplainsTheGrowthDownToExactlyTheLimitVoidsTheTrialAndSaysSo()
    {
        final TrialJudge sustained = new TrialJudge(0.01, 5_000_000L, 0.25);
        final TrialRequest fourSeconds = new TrialRequest(7, 1, TrialPhase.REFINE, "ndr", 100_000, 0, 4_000_000_000L,
            1_000_000_000L);
        final TrialRecord record = sustained.judge(fourSeconds, sent(400_000, 400_000).senderLagNs(500_000_000L)
            .backlogGrowth(0.5, Layer.SOCKET_BUFFER).build());
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_STALL);
        assertThat(record.judgement().detail()).isEqualTo("received all 400,000, but the sender stalled for 500.0 ms "
            + "(more than --max-sender-lag 5.0 ms) and then burst about 50,000 due messages: the backlog that left "
            + "(50.00% growth) may be the burst's, not the rate's");
        assertThat(sustained.judge(fourSeconds, sent(400_000, 400_000).senderLagNs(500_000_000L)
            .backlogGrowth(0.5001, Layer.SOCKET_BUFFER).build()).judgement().failKind()).isEqualTo(FailKind.FELL_BEHIND);
    }

    @Test
    void withTheLagCheckOffOrALagOfExactlyItNoStallExplainsAGrowth()
    {
        final TrialRecord off = new TrialJudge(0.01, 0, 0.002).judge(REQUEST, sent(500_000, 500_000)
            .senderLagNs(20_000_000L).backlogGrowth(0.005, Layer.SOCKET_BUFFER).build());
        assertThat(off.judgement().failKind()).isEqualTo(FailKind.FELL_BEHIND);
        assertThat(off.judgement().detail()).doesNotContain("stalled");
        final TrialRecord atLimit = new TrialJudge(0.01, 20_000_000L, 0.002).judge(REQUEST, sent(500_000, 500_000)
            .senderLagNs(20_000_000L).backlogGrowth(0.005, Layer.SOCKET_BUFFER).build());
        assertThat(atLimit.judgement().failKind()).isEqualTo(FailKind.FELL_BEHIND);
        assertThat(atLimit.judgement().detail()).doesNotContain("stalled");
    }

    @Test
    void theUnexplainedLossTakesItsShareOfTheAttribution()
    {
        assertThat(TrialJudge.attribute(Map.of(Layer.SOCKET_BUFFER, 300L, Layer.NIC, 0L), 100)).containsExactly(
            new LayerLoss(Layer.SOCKET_BUFFER.label(), 300, 0.75), new LayerLoss(LayerLoss.UNEXPLAINED, 100, 0.25));
        assertThat(TrialJudge.attribute(Map.of(), 0)).isEmpty();
        assertThat(new LayerLoss(Layer.SOCKET_BUFFER.label(), 1, 1.0).knownLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(new LayerLoss(LayerLoss.UNEXPLAINED, 1, 1.0).knownLayer()).isNull();
    }

    /** The window is 6 s: a wait of 60 ms is exactly the 1 % flag and is not yet interference. */
    @Test
    void aReceiverWaitOfExactlyTheFlagIsNotInterference()
    {
        assertThat(judge.judge(REQUEST, sent(500_000, 499_700).harnessLoad(shared(60_000_000L)).build()).judgement()
            .verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge.judge(REQUEST, sent(500_000, 499_700).harnessLoad(shared(60_000_000L)).build())
            .receiverWaited()).isFalse();
        assertThat(judge.judge(REQUEST, sent(500_000, 499_700).harnessLoad(shared(61_000_000L)).build()).judgement()
            .invalidReason()).isEqualTo(InvalidReason.HARNESS_INTERFERENCE);
    }

    private static HarnessLoad shared(final long receiverWaitNs)
    {
        return new HarnessLoad(new CpuUse(40_000_000, 0), null, null, null, new CpuUse(3_000_000_000L, receiverWaitNs),
            true);
    }

    /** 500 datagrams last 5 ms at 100,000 msgs/s: a steal of exactly that is said, one just under it is not. */
    @Test
    void aStealAsLongAsTheBufferLastsIsSaid()
    {
        final ReceiveBuffer buffer = new ReceiveBuffer(64_000, 128, 500);
        assertThat(judge.judge(REQUEST, sent(500_000, 499_700).receiveBuffer(buffer).harnessLoad(steal(5_000_000L))
            .build()).judgement().detail()).endsWith("; the host took 5 ms of the receiver's CPUs (steal), more than "
            + "its buffer lasts at this rate (5 ms): the loss may be the host's");
        assertThat(judge.judge(REQUEST, sent(500_000, 499_700).receiveBuffer(buffer).harnessLoad(steal(4_999_000L))
            .build()).judgement().detail()).isEqualTo("lost 300 of 500,000 (0.06000%)");
    }

    private static HarnessLoad steal(final long stealNs)
    {
        return new HarnessLoad(null, null, null, null, new CpuUse(3_000_000_000L, 0, stealNs), false);
    }

    @Test
    void theHarnessLoadAddsUpItsOwnProcessesAndHasNoShareOfNoWindow()
    {
        final HarnessLoad load = new HarnessLoad(new CpuUse(1_000, 0), new CpuUse(20_000, 0), new CpuUse(999_999, 0),
            new CpuUse(300_000, 0), new CpuUse(5, 6, 7L), true);
        assertThat(load.harnessCpuNs()).as("controller and agents, not the sending thread").isEqualTo(321_000);
        assertThat(load.receiverWaitShare(12)).isEqualTo(0.5);
        assertThat(load.receiverStealShare(14)).isEqualTo(0.5);
        assertThat(load.receiverWaitShare(0)).isNull();
        assertThat(load.receiverStealShare(0)).isNull();
    }

    /** A FAIL read from an older file has no kind: it lost when fewer arrived than were sent, else it fell behind. */
    @Test
    void aFailWithoutItsKindGetsItFromTheFigures()
    {
        final Judgement old = new Judgement(Verdict.FAIL, null, null, "from an older rxbreak", List.of());
        assertThat(new TrialRecord(REQUEST, sent(500_000, 499_999).build(), old).judgement().failKind())
            .isEqualTo(FailKind.LOST);
        assertThat(new TrialRecord(REQUEST, sent(500_000, 500_000).build(), old).judgement().failKind())
            .isEqualTo(FailKind.FELL_BEHIND);
        final Judgement pass = new Judgement(Verdict.PASS, null, null, "received all", List.of());
        assertThat(new TrialRecord(REQUEST, sent(500_000, 500_000).build(), pass).judgement().failKind()).isNull();
    }

    @Test
    void aTrialThatSentNothingLostNothing()
    {
        assertThat(judge.judge(REQUEST, sent(0, 0).build()).lossRatio()).isZero();
    }

    @Test
    void theSmallestRequestIsValidAndOneLessOfAnyFieldIsNot()
    {
        assertThat(new TrialRequest(1, 1, TrialPhase.RAMP, "ndr", 1, 0, 1, 0).targetRate()).isEqualTo(1);
        for (final long[] bad : new long[][] {{0, 1, 1, 1, 0, 0}, {1, 0, 1, 1, 0, 0}, {1, 1, 0, 1, 0, 0},
            {1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, -1, 0}, {1, 1, 1, 1, 0, -1}})
        {
            assertThatThrownBy(() -> new TrialRequest((int)bad[0], (int)bad[1], TrialPhase.RAMP, "ndr", bad[2], bad[4],
                bad[3], bad[5])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void socketDropsAreKeptByNameSortedAndAddUpInTheSocketBufferLayer()
    {
        final TrialResult result = sent(500_000, 499_990).socketDrops("b", 4).socketDrops("a", 5).socketDrops("b", 1)
            .build();
        assertThat(result.socketDrops()).containsExactly(Map.entry("a", 5L), Map.entry("b", 5L));
        assertThat(result.dropsByLayer()).containsEntry(Layer.SOCKET_BUFFER, 10L);
        assertThat(sent(1, 1).build().socketDrops()).isEmpty();
    }

    /**
     * 100 lost, 30 of them counted at the socket: the kernel's reasons fill the layers without counters with at most
     * the 70 left, routing/filtering first, and what they counted beyond is kept apart.
     */
    @Test
    void dropReasonsFillTheLayersWithoutCountersWithTheLossLeft()
    {
        final DropReasons reasons = new DropReasons(List.of(new DropReasonCount("NO_SOCKET", "udp_rcv", 50),
            new DropReasonCount("UDP_CSUM", "__udp4_lib_rcv", 40)), 0, null);
        final TrialResult result = sent(1_000, 900).socketDrops("s", 30).dropReasons(reasons).build();
        assertThat(result.dropsByLayer()).containsEntry(Layer.ROUTING_FILTERING, 50L).containsEntry(Layer.VALIDATION, 20L);
        assertThat(result.reasonsBeyondLoss()).isEqualTo(20L);
        assertThat(result.dropReasons()).isEqualTo(reasons);

        final TrialResult counted = sent(1_000, 900).drops(Layer.VALIDATION, 10).socketDrops("s", 30)
            .dropReasons(reasons).build();
        assertThat(counted.dropsByLayer()).as("a layer with its own counter keeps it")
            .containsEntry(Layer.VALIDATION, 10L).containsEntry(Layer.ROUTING_FILTERING, 50L);
        assertThat(counted.reasonsBeyondLoss()).isNull();

        final DropReasons onlyRouting = new DropReasons(List.of(new DropReasonCount("NO_SOCKET", "udp_rcv", 5)), 0, null);
        final TrialResult none = sent(1_000, 990).dropReasons(onlyRouting).build();
        assertThat(none.dropsByLayer()).containsOnlyKeys(Layer.ROUTING_FILTERING).containsEntry(Layer.ROUTING_FILTERING, 5L);
        assertThat(none.reasonsBeyondLoss()).isNull();
        assertThat(sent(1_000, 900).dropReasons(DropReasons.unavailable("not root")).build().dropsByLayer()).isEmpty();
    }

    @Test
    void theBuilderCarriesTheReplayAndTimelineFigures()
    {
        final LossTimeline timeline = new LossTimeline(LossTimeline.BIN_NS, new long[] {3}, new long[] {9}, 0);
        final TrialResult result = sent(10, 10).speed(2.5).lossTimeline(timeline).datagramsPerPacket(8.0)
            .counterTimeline(List.of()).build();
        assertThat(result.speed()).isEqualTo(2.5);
        assertThat(result.lossTimeline()).isSameAs(timeline);
        assertThat(result.datagramsPerPacket()).isEqualTo(8.0);
        assertThat(result.counterTimeline()).isEmpty();
        assertThat(sent(10, 10).counterTimeline(null).build().counterTimeline()).isNull();
    }

    @Test
    void oneOfSeveralSendersShortOfItsShareIsInvalidEvenWhenTheWholeIsOnRate()
    {
        // REQUEST's rate over two senders: one 5 % short, the other 5 % over, the whole on rate
        final long half = REQUEST.targetRate() / 2;
        final TrialRecord record = judge.judge(REQUEST, sent(500_000, 500_000).achievedRate(REQUEST.targetRate())
            .senders(java.util.List.of(new SenderShare("tx1", half, half * 0.95, 0),
                new SenderShare("tx2", half, half * 1.05, 0))).build());
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_SHORTFALL);
        assertThat(record.judgement().detail()).startsWith("sender tx1 achieved").contains("of its share");
        assertThat(judge.judge(REQUEST, sent(500_000, 500_000).achievedRate(REQUEST.targetRate())
            .senders(java.util.List.of(new SenderShare("tx1", half, half * 0.995, 0),
                new SenderShare("tx2", half, half * 1.005, 0))).build()).judgement().verdict()).isEqualTo(Verdict.PASS);
    }
}
