package io.rxbreak.controller.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a sweep's point ended.
 */
public enum PointStatus
{
    /** The ramp completed (whatever its break point). */
    @JsonProperty("complete")
    COMPLETE,
    /** A signal stopped it; its run folder holds a partial report. */
    @JsonProperty("interrupted")
    INTERRUPTED,
    /** It stopped early, or its ramp failed (an agent died, no valid trial): see its exit code and run folder. */
    @JsonProperty("failed")
    FAILED;

    /**
     * @return the status in words, as in {@code sweep.json}.
     */
    public String text()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
