package io.rxbreak.controller.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened at one rate over the whole search.
 *
 * @param rate        the rate, messages per second.
 * @param passes      trials that passed.
 * @param fails       trials that failed.
 * @param invalid     trials that were invalid.
 * @param measuredNs  the total measured time of its valid trials.
 * @param unreachable true when the sender could not offer it.
 */
@JsonIgnoreProperties(value = "status", allowGetters = true)
public record RateSummary(long rate, int passes, int fails, int invalid, long measuredNs, boolean unreachable)
{
    /**
     * @return {@code pass} (every valid trial passed), {@code broken} (it failed every time, at least twice, or
     *         once with nothing else), {@code sporadic} (it failed and passed: a rate that failed once is not a
     *         no-drop rate, but the loss does not come every time), {@code unreachable} or {@code invalid}.
     */
    @JsonProperty("status")
    public String status()
    {
        if (fails > 0)
        {
            return passes > 0 ? "sporadic" : "broken";
        }
        if (passes > 0)
        {
            return "pass";
        }
        return unreachable ? "unreachable" : "invalid";
    }
}
