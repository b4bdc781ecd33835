package io.rxbreak.core.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The first line of a recording ({@code counters watch --record}): what was recorded, where and how often. Every
 * further line is a {@link TimelineSample}.
 *
 * @param schemaVersion the line format's version ({@link #SCHEMA_VERSION}).
 * @param host the host name.
 * @param bootId the kernel's boot id, or null.
 * @param kernel the kernel's release ({@code os.version}).
 * @param intervalNs the time between samples asked for.
 * @param startEpochMs wall-clock time of the first snapshot (every sample's interval follows from it).
 * @param selection which sockets were followed, in the words of the options given (for example
 *     {@code --port 5000}, or {@code all UDP sockets}).
 * @param appLossUrl the application's Prometheus endpoint scraped each sample, or null.
 * @param appLossMetric the counter read from it, or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordingHeader(
    int schemaVersion,
    String host,
    String bootId,
    String kernel,
    long intervalNs,
    long startEpochMs,
    String selection,
    String appLossUrl,
    String appLossMetric)
{
    /** The version of the line format this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
}
