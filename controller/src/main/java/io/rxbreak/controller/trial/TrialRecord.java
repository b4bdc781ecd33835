package io.rxbreak.controller.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One judged trial, as {@code trials.jsonl} and {@code report.json} hold it: what was asked, what was measured and
 * what the judge said. In JSON it stays one flat object (the three parts unwrapped, field by field as documented in
 * {@code docs/ramp.md}), with the figures derived from them ({@code lost}, {@code unexplained}, {@code lossRatio},
 * the receiver's wait and steal shares, {@code fellBehind}) written for readers and ignored when read back.
 *
 * @param request   what the search asked.
 * @param result    what the controller measured.
 * @param judgement the verdict, its reason and the layers that lost.
 */
public record TrialRecord(
    @JsonUnwrapped TrialRequest request,
    @JsonUnwrapped TrialResult result,
    @JsonUnwrapped Judgement judgement)
{
    /**
     * A FAIL read from a file of an older rxbreak, without its kind, gets it from the figures: FELL_BEHIND when it
     * lost nothing, else LOST.
     */
    public TrialRecord
    {
        if (judgement.verdict() == Verdict.FAIL && judgement.failKind() == null)
        {
            judgement = new Judgement(Verdict.FAIL, result.sent() > result.received() ? FailKind.LOST
                : FailKind.FELL_BEHIND, judgement.invalidReason(), judgement.detail(), judgement.attribution());
        }
    }

    /**
     * @return {@code sent - received}, signed (below 0 the trial is INVALID: more arrived than was sent).
     */
    @JsonProperty(value = "lost", access = JsonProperty.Access.READ_ONLY)
    public long lost()
    {
        return result.sent() - result.received();
    }

    /**
     * @return the accounting identity of this trial.
     */
    @JsonIgnore
    public Accounting accounting()
    {
        long counted = 0;
        for (final long drops : result.dropsByLayer().values())
        {
            counted += drops;
        }
        return Accounting.of(result.sent(), result.received(), counted);
    }

    /**
     * @return {@code lost - sum(dropsByLayer)}, signed; see {@link Accounting}.
     */
    @JsonProperty(value = "unexplained", access = JsonProperty.Access.READ_ONLY)
    public long unexplained()
    {
        return accounting().unexplained();
    }

    /**
     * @return {@code lost / sent}, 0 when nothing was sent.
     */
    @JsonProperty(value = "lossRatio", access = JsonProperty.Access.READ_ONLY)
    public double lossRatio()
    {
        return result.sent() > 0 ? Math.max(0L, lost()) / (double)result.sent() : 0.0;
    }

    /**
     * @return the share of the trial (warm-up and window) the receiver spent waiting for a CPU, or null when unknown.
     */
    @JsonProperty(value = "receiverWaitShare", access = JsonProperty.Access.READ_ONLY)
    public Double receiverWaitShare()
    {
        return result.harnessLoad() == null ? null : result.harnessLoad().receiverWaitShare(windowNs());
    }

    /**
     * @return whether that share was over {@link HarnessLoad#RECEIVER_WAIT_FLAG}.
     */
    @JsonProperty(value = "receiverWaited", access = JsonProperty.Access.READ_ONLY)
    public boolean receiverWaited()
    {
        final Double share = receiverWaitShare();
        return share != null && share > HarnessLoad.RECEIVER_WAIT_FLAG;
    }

    /**
     * @return the share of the trial a hypervisor took from the receiver's CPUs (steal time), or null when unknown
     *     (0 on bare metal).
     */
    @JsonProperty(value = "receiverStealShare", access = JsonProperty.Access.READ_ONLY)
    public Double receiverStealShare()
    {
        return result.harnessLoad() == null ? null : result.harnessLoad().receiverStealShare(windowNs());
    }

    /**
     * @return whether the trial failed because the receiver fell behind before it lost anything ({@link
     *     FailKind#FELL_BEHIND}); in JSON as {@code fellBehind}, written for readers of the first format and ignored
     *     when read.
     */
    @JsonProperty(value = "fellBehind", access = JsonProperty.Access.READ_ONLY)
    public boolean fellBehind()
    {
        return judgement.failKind() == FailKind.FELL_BEHIND;
    }

    /**
     * @return the share of the offered load this trial loses when it runs long enough for every buffer to fill: the
     *     larger of the measured loss ratio and the share its receiver could not keep up with ({@code g / (1 + g)}
     *     for a backlog growth g; a trial's buffers hide part of that loss for its length).
     */
    @JsonIgnore
    public double sustainedLossRatio()
    {
        final Double growth = result.backlogGrowth();
        if (growth != null && growth > 0)
        {
            return Math.max(lossRatio(), growth / (1.0 + growth));
        }
        return lossRatio();
    }

    /**
     * @return true for a PASS or a FAIL: a trial that says something about the receiver.
     */
    @JsonIgnore
    public boolean isValid()
    {
        return judgement.verdict() != Verdict.INVALID;
    }

    private long windowNs()
    {
        return request.warmUpNs() + request.durationNs();
    }
}
