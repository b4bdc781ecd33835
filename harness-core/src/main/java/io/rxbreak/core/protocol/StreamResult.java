package io.rxbreak.core.protocol;

/**
 * One stream on one socket in a trial, as the receiver's sequence tracking counted it (its exact rules are the
 * receiver's {@code io.rxbreak.receiver.accounting.SequenceTracker}).
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
}
