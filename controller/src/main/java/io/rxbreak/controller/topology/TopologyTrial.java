package io.rxbreak.controller.topology;

import java.util.List;

import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.protocol.SenderTrialReport;
import io.rxbreak.core.protocol.SocketResult;

/**
 * One trial that every sender offered together and every receiver took: what each sender reported, and each
 * receiver's measurement of the whole (the messages of every sender it joined), ready for its own search to judge.
 *
 * @param trialId   the trial's id, as the senders stamped it.
 * @param sent      each sender's report, in the topology's order of senders.
 * @param received  each receiver's measurement, in the topology's order of receivers.
 * @param sockets   each receiver's sockets' figures (what arrived per group), in the same order.
 */
public record TopologyTrial(int trialId, List<SenderTrialReport> sent, List<TrialResult> received,
    List<List<SocketResult>> sockets)
{
    /**
     * Copies the lists.
     */
    public TopologyTrial
    {
        sent = List.copyOf(sent);
        received = List.copyOf(received);
        sockets = List.copyOf(sockets);
    }
}
