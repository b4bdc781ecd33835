package io.rxbreak.receiver.accounting;

/**
 * One stream on one socket in a trial: see {@link SequenceTracker} for the exact rules.
 *
 * @param socket the socket's number.
 * @param streamId the stream.
 * @param received messages received.
 * @param unique distinct sequence numbers.
 * @param gaps missing sequence numbers (a gap later filled is not counted).
 * @param duplicates repeats.
 * @param outOfOrder gaps filled by a message arriving after a higher one.
 * @param late messages too far behind to tell.
 * @param lossEvents forward jumps.
 * @param highest the highest sequence number, -1 if none.
 * @param ended whether its end-of-trial marker came.
 */
public record StreamResult(int socket, int streamId, long received, long unique, long gaps, long duplicates,
    long outOfOrder, long late, long lossEvents, long highest, boolean ended)
{
    public static StreamResult of(final int socket, final SequenceTracker tracker)
    {
        return new StreamResult(socket, tracker.streamId(), tracker.get(SequenceTracker.RECEIVED),
            tracker.get(SequenceTracker.UNIQUE), tracker.get(SequenceTracker.GAPS),
            tracker.get(SequenceTracker.DUPLICATES), tracker.get(SequenceTracker.OUT_OF_ORDER),
            tracker.get(SequenceTracker.LATE), tracker.get(SequenceTracker.LOSS_EVENTS),
            tracker.get(SequenceTracker.HIGHEST), tracker.isEnded());
    }
}
