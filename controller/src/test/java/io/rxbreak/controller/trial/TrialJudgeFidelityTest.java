package io.rxbreak.controller.trial;

import io.rxbreak.core.protocol.CpuUse;
import io.rxbreak.core.protocol.ReceiveBuffer;
import io.rxbreak.core.protocol.SenderPacing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts that keep the harness's own faults from being blamed on the receiver: late bursts over the
 * receiver's buffer, a sender that drifts behind inside the shortfall tolerance, and a receiver kept from its CPU
 * by the harness.
 */
class TrialJudgeFidelityTest
{
    private static final TrialRequest REQUEST =
        new TrialRequest(3, 1, TrialPhase.RAMP, "ndr", 25_000, 1_000_000_000L, 4_000_000_000L, 1_000_000_000L);
    private static final ReceiveBuffer BUFFER = new ReceiveBuffer(212_992, 1_280, 166);
    private final TrialJudge judge = new TrialJudge(0.01, 5_000_000L, 0.002);

    private static SenderPacing pacing(final long largestBurst, final long bursts, final long overLimit)
    {
        return new SenderPacing(20_000, 60_000, 500_000, 9_000_000, 1_200_000_000, largestBurst, bursts,
            largestBurst * bursts, 166L, overLimit);
    }

    private static TrialResult.Builder lost(final long lost)
    {
        return TrialResult.builder().achievedRate(25_000).sent(125_000).received(125_000 - lost).socketDrops("s", lost)
            .receiveBuffer(BUFFER);
    }

    @Test
    void aLossWhileTheSenderBurstMoreThanTheBufferHoldsIsInvalid()
    {
        final TrialRecord record = judge.judge(REQUEST, lost(300).senderPacing(pacing(225, 3, 2)).build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.INVALID);
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_BURST);
        assertThat(record.judgement().detail()).isEqualTo("the sender, late, burst up to 225 messages back to back (3 late bursts, "
            + "2 over the 166 datagrams the receiver's buffer holds); lost 300 of 125,000, which the bursts alone may "
            + "explain");
        assertThat(record.result().receiveBuffer()).isEqualTo(BUFFER);
    }

    /**
     * Seen in a CI run: at 11,719 msgs/s against a receiver of 10,000 a second, one late burst of 198 over a buffer of
     * 166, and 4,137 lost. A burst can lose at most itself; the rest is the receiver's, and the trial fails.
     */
    @Test
    void aLossLargerThanTheBurstsOverTheBufferHeldIsTheReceivers()
    {
        final TrialRecord record = judge.judge(REQUEST, lost(4_137).senderPacing(pacing(198, 204, 1)).build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(record.judgement().failKind()).isEqualTo(FailKind.LOST);
        assertThat(record.judgement().detail()).contains("lost 4,137 of 125,000")
            .contains("the sender also burst late over the receiver's buffer (1 bursts, up to 198 messages), which "
                + "explains at most 198 of it");
        assertThat(judge.judge(REQUEST, lost(198).senderPacing(pacing(198, 204, 1)).build()).judgement()
            .invalidReason()).as("no more lost than the burst held").isEqualTo(InvalidReason.SENDER_BURST);
    }

    @Test
    void lateBurstsThatTheBufferHoldsLeaveTheLossToTheReceiverWhateverTheLag()
    {
        // the largest lag is over --max-sender-lag, but every burst fitted the buffer: the loss is the receiver's
        final TrialRecord record = judge.judge(REQUEST, lost(300).senderLagNs(9_000_000).senderPacing(pacing(150, 40, 0))
            .build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void withoutBurstCountsTheSenderLagRuleStillApplies()
    {
        final TrialRecord record = judge.judge(REQUEST, TrialResult.builder().achievedRate(25_000).sent(125_000)
            .received(124_900).socketDrops("s", 100).senderLagNs(9_000_000).build());

        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_STALL);
    }

    @Test
    void nothingLostDespiteBurstsOverTheBufferPasses()
    {
        assertThat(judge.judge(REQUEST, lost(0).senderPacing(pacing(400, 2, 2)).build()).judgement().verdict())
            .isEqualTo(Verdict.PASS);
    }

    @Test
    void aSenderThatDriftsBehindDoesNotMakeTheReceiverFallBehind()
    {
        // the sender achieved 0.87 % less than its target (inside the 1 % tolerance) and its lag grew as much
        final TrialRecord record = judge.judge(REQUEST, lost(0).achievedRate(24_783).backlogGrowth(0.0077, null)
            .senderLagGrowth(0.0087).build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.INVALID);
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.SENDER_DRIFT);
        assertThat(record.fellBehind()).isFalse();
    }

    @Test
    void aSenderKeepingItsScheduleLeavesFallingBehindToTheReceiver()
    {
        final TrialRecord record = judge.judge(REQUEST, lost(0).backlogGrowth(0.0077, null).senderLagGrowth(0.0001)
            .build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(record.fellBehind()).isTrue();
    }

    @Test
    void aReceiverKeptFromItsCpuWhileTheHarnessSharesItIsInvalid()
    {
        // 5 s window: 100 ms waiting is 2 %
        final HarnessLoad shared = new HarnessLoad(new CpuUse(40_000_000, 0), new CpuUse(5_000_000, 0),
            new CpuUse(900_000_000, 0), null, new CpuUse(3_000_000_000L, 100_000_000), true);
        final TrialRecord record = judge.judge(REQUEST, lost(300).harnessLoad(shared).build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.INVALID);
        assertThat(record.judgement().invalidReason()).isEqualTo(InvalidReason.HARNESS_INTERFERENCE);
        assertThat(record.receiverWaited()).isTrue();
        assertThat(record.receiverWaitShare()).isEqualTo(0.02);
        assertThat(record.judgement().detail()).startsWith("the receiver waited for a CPU 100.0 ms (2.0% of the trial) while the "
            + "harness, which may run on its CPUs, used 45.0 ms of CPU");
    }

    @Test
    void aReceiverThatWaitedOnCpusOfItsOwnIsFlaggedButJudged()
    {
        final HarnessLoad apart = new HarnessLoad(new CpuUse(40_000_000, 0), null, null, null,
            new CpuUse(3_000_000_000L, 100_000_000), false);
        final TrialRecord record = judge.judge(REQUEST, lost(300).harnessLoad(apart).build());

        assertThat(record.judgement().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(record.receiverWaited()).isTrue();
        assertThat(judge.judge(REQUEST, lost(300).harnessLoad(new HarnessLoad(null, null, null, null,
            new CpuUse(3_000_000_000L, 10_000_000), true)).build()).receiverWaited()).isFalse();
    }

    /** 166 datagrams last 6.6 ms at 25,000 a second: a host that took longer from the receiver's CPUs may be why. */
    @Test
    void aLossWhileTheHostTookTheReceiversCpuLongerThanItsBufferLastsSaysSo()
    {
        final TrialRecord stolen = judge.judge(REQUEST, lost(300).harnessLoad(new HarnessLoad(null, null, null, null,
            new CpuUse(3_000_000_000L, 0, 50_000_000L), false)).build());
        assertThat(stolen.judgement().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(stolen.receiverStealShare()).isEqualTo(0.01);
        assertThat(stolen.judgement().detail()).endsWith("; the host took 50 ms of the receiver's CPUs (steal), more than its "
            + "buffer lasts at this rate (7 ms): the loss may be the host's");

        final TrialRecord brief = judge.judge(REQUEST, lost(300).harnessLoad(new HarnessLoad(null, null, null, null,
            new CpuUse(3_000_000_000L, 0, 5_000_000L), false)).build());
        assertThat(brief.judgement().detail()).isEqualTo("lost 300 of 125,000 (0.2400%)");
        assertThat(brief.receiverStealShare()).isEqualTo(0.001);
    }
}
