package io.rxbreak.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The sender agent's answer to {@code GET /trial/result} and {@code POST /trial/stop}: {@code {"done": false,
 * "snapshot": ...}} while the trial runs, {@code {"done": true, "result": ...}} once it ended.
 *
 * @param done whether the trial ended.
 * @param result the trial's report once it ended, else null (and left out).
 * @param snapshot its statistics while it runs, else null (and left out).
 */
public record SenderResultAnswer(
    boolean done,
    @JsonInclude(JsonInclude.Include.NON_NULL) SenderTrialReport result,
    @JsonInclude(JsonInclude.Include.NON_NULL) SenderSnapshot snapshot)
{
    /**
     * @param snapshot the running trial's statistics now.
     * @return the answer while it runs.
     */
    public static SenderResultAnswer running(final SenderSnapshot snapshot)
    {
        return new SenderResultAnswer(false, null, snapshot);
    }

    /**
     * @param result the ended trial's report.
     * @return the answer once it ended.
     */
    public static SenderResultAnswer done(final SenderTrialReport result)
    {
        return new SenderResultAnswer(true, result, null);
    }
}
