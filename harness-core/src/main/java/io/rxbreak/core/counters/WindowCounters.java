package io.rxbreak.core.counters;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.core.timeline.TimelineSample;
import io.rxbreak.core.timeline.TrialTimeline;

/**
 * What the kernel counted during one trial on the receiving host, in the shape the control protocol carries:
 * the receiver agent (or the controller, in observe mode) takes it from a {@link TrialCounterWindow}.
 *
 * @param dropsByLayer layer label to the drops that layer counted host- or namespace-wide, null when it could
 *     not tell (see {@link Layer}; the application layer is never here: only the application can count it).
 * @param socketDrops the selected sockets' drops, by inode.
 * @param memErrors Udp MemErrors (global UDP memory), or null when the kernel lacks the column.
 * @param rcvbufErrors Udp RcvbufErrors of the namespace (IPv4), or null.
 * @param timeSqueeze softnet time_squeeze summed over CPUs, or null.
 * @param peakRxQueueBytes the largest rx_queue seen on a selected socket at the window's ends.
 * @param tracepoints tracepoint hits, or null when not counted.
 * @param tracepointsUnavailable why tracepoints were not counted, or null.
 * @param dropReasons the kernel's drop reasons over the trial (machine-wide; TCP frees told apart), unavailable with
 *     why, or null from an agent that does not count them.
 * @param notes caveats (a CPU went offline, a counter went backwards).
 * @param failure why the counters could not be read, or null when they were: a trial with a failure is invalid.
 * @param timeline the window's counters over time, at {@link TrialTimeline#STEP_NS} or a coarser step (at most
 *     {@link TrialTimeline#MAX_POINTS} points), or null when not sampled.
 */
public record WindowCounters(
    Map<String, Long> dropsByLayer,
    Map<Long, Long> socketDrops,
    Long memErrors,
    Long rcvbufErrors,
    Long timeSqueeze,
    long peakRxQueueBytes,
    Map<String, Long> tracepoints,
    String tracepointsUnavailable,
    DropReasons dropReasons,
    List<String> notes,
    String failure,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TimelineSample> timeline)
{
    /**
     * @param reason why the counters could not be read.
     * @return a window that says only that.
     */
    public static WindowCounters failed(final String reason)
    {
        return new WindowCounters(Map.of(), Map.of(), null, null, null, 0, null, null, null, List.of(), reason, null);
    }
}
