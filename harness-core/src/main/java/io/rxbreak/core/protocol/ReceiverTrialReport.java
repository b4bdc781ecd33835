package io.rxbreak.core.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The receiver's accounting of a trial over all sockets, as a snapshot (while it runs) or final (after it ended):
 * the final JSON object of {@code rxbreak receive --json} and the {@code result} of the receiver agent's trial end
 * answer ({@link ReceiverEndAnswer}). Totals add up every socket: with several sockets on a group every message is
 * offered to each, so for each socket {@code offered = datagrams + drops}, and for each stream
 * {@code unique + gaps = messages sent}.
 *
 * @param trialId the trial, or null before the first message told it.
 * @param ended whether the trial is over (figures final).
 * @param elapsedSeconds how long it ran (so far).
 * @param received valid messages of the trial received (duplicates included).
 * @param unique distinct messages.
 * @param gaps missing messages (kernel and application loss together; a later-filled gap is not one).
 * @param duplicates repeated messages.
 * @param outOfOrder messages that filled a gap.
 * @param late messages too far behind to tell.
 * @param kernelDrops the sockets' kernel drops during the trial (SO_MEMINFO).
 * @param applicationDrops messages the application dropped (queue throttle, drop mode).
 * @param datagrams datagrams read from the kernel (foreign and end markers included).
 * @param batches read calls that returned datagrams.
 * @param foreign datagrams that are not valid rxbreak messages, by reason; skipped.
 * @param otherTrial messages of an earlier trial, skipped.
 * @param endMarkers end-of-trial markers received.
 * @param streamsEnded how many streams have ended, of {@code streams.size()}.
 * @param rcvbufRequested SO_RCVBUF asked for (0: the default).
 * @param rcvbufGranted SO_RCVBUF granted (the smallest over the sockets).
 * @param throttle the throttle now.
 * @param sockets each socket's share.
 * @param streams each stream on each socket.
 * @param latency one-way latency.
 * @param backlogGrowth the most any socket's reader fell behind the offered load, as a fraction of it (see
 *     {@link SocketResult#backlogGrowth()}); null when no socket could tell.
 * @param lossTimeline where in time the gaps opened, every socket's together; null when nothing was missing.
 */
public record ReceiverTrialReport(Integer trialId, boolean ended, double elapsedSeconds, long received, long unique,
    long gaps, long duplicates, long outOfOrder, long late, long kernelDrops, long applicationDrops, long datagrams,
    long batches, Map<String, Long> foreign, long otherTrial, long endMarkers, int streamsEnded,
    long rcvbufRequested, long rcvbufGranted, String throttle, List<SocketResult> sockets,
    List<StreamResult> streams, LatencySummary latency, Double backlogGrowth,
    @JsonInclude(JsonInclude.Include.NON_NULL) LossTimeline lossTimeline)
{
}
