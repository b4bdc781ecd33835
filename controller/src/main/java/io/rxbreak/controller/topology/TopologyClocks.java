package io.rxbreak.controller.topology;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rxbreak.controller.clock.ClockDrift;
import io.rxbreak.controller.clock.ClockEstimate;
import io.rxbreak.controller.clock.ClockSync;
import io.rxbreak.controller.clock.OneWayCorrection;
import io.rxbreak.controller.report.ClockFigures;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentException;

/**
 * The clocks of a topology's hosts against the controller's, measured over the control channel (NTP's four
 * timestamps, the best of several exchanges: {@link ClockSync}) before the first trial and after the last: each
 * agent's offset and its uncertainty, then its drift. A receiver's one-way latencies carry its clock's offset less
 * its senders': with several senders, the correction is their mean, and its uncertainty grows by how far the senders'
 * own corrections lie from it. An agent whose clock cannot be measured leaves its receivers' latencies uncorrected
 * and says why.
 */
public final class TopologyClocks
{
    private final ClockSync sync;
    private final Map<String, ClockEstimate> first = new LinkedHashMap<>();
    private final Map<String, ClockEstimate> last = new LinkedHashMap<>();

    /**
     * @param sync measures each agent against this controller's clock.
     */
    public TopologyClocks(final ClockSync sync)
    {
        this.sync = sync;
    }

    /**
     * Measure every agent once, before the first trial or after the last.
     *
     * @param runner the topology's agents.
     * @param atStart whether this is the first measurement.
     * @param err where each agent's clock is told.
     */
    public void measure(final TopologyTrialRunner runner, final boolean atStart, final PrintWriter err)
    {
        final Map<String, ClockEstimate> into = atStart ? first : last;
        final List<String> told = new ArrayList<>();
        for (final TopologyTrialRunner.Sender sender : runner.senders())
        {
            told.add(measure(sender.name(), sender.side().client(), into));
        }
        for (final TopologyTrialRunner.Receiver receiver : runner.receivers())
        {
            told.add(measure(receiver.name(), receiver.side().client(), into));
        }
        err.println("rxbreak ramp: clocks against the controller's " + (atStart ? "before the first trial" :
            "after the last") + ": " + String.join("; ", told));
        err.flush();
    }

    private String measure(final String name, final AgentClient client, final Map<String, ClockEstimate> into)
    {
        try
        {
            final ClockEstimate estimate = sync.measure(client);
            into.put(name, estimate);
            return String.format(Locale.ROOT, "%s %+.3f ms (± %.3f ms)", name, estimate.offsetNs() / 1e6,
                estimate.uncertaintyNs() / 1e6);
        }
        catch (final AgentException ex)
        {
            return name + " not measured (" + ex.getMessage() + ")";
        }
    }

    /**
     * @param receiver a receiver's name.
     * @param senders the senders' names.
     * @return what to subtract from that receiver's latencies, from the first measurement; null when a clock was not
     *     measured.
     */
    public OneWayCorrection correction(final String receiver, final List<String> senders)
    {
        final ClockEstimate own = first.get(receiver);
        if (own == null)
        {
            return null;
        }
        final List<OneWayCorrection> each = new ArrayList<>();
        for (final String sender : senders)
        {
            final ClockEstimate theirs = first.get(sender);
            if (theirs == null)
            {
                return null;
            }
            each.add(OneWayCorrection.between(theirs, own));
        }
        long sum = 0;
        for (final OneWayCorrection correction : each)
        {
            sum += correction.correctionNs();
        }
        final long mean = Math.round((double)sum / each.size());
        long uncertainty = 0;
        for (final OneWayCorrection correction : each)
        {
            uncertainty = Math.max(uncertainty, correction.uncertaintyNs() + Math.abs(correction.correctionNs() - mean));
        }
        return new OneWayCorrection(mean, uncertainty);
    }

    /**
     * @param receiver a receiver's name.
     * @param correction what was taken from its latencies, or null.
     * @param keptAsMeasured whether a trial's latencies were within the correction's uncertainty and kept as measured.
     * @return its clock's figures for the report, or null when its clock was not measured.
     */
    public ClockFigures figures(final String receiver, final OneWayCorrection correction, final boolean keptAsMeasured)
    {
        final ClockEstimate start = first.get(receiver);
        if (start == null)
        {
            return null;
        }
        final ClockEstimate end = last.get(receiver);
        final Double drift = end == null || end.atEpochNs() <= start.atEpochNs() ? null :
            ClockDrift.between(start, end).ppm();
        return new ClockFigures(start.offsetNs(), start.uncertaintyNs(), drift,
            correction == null ? null : correction.correctionNs(), correction != null && !keptAsMeasured);
    }
}
