package io.rxbreak.core.protocol;

/**
 * Every agent's answer to {@code GET /clock}: two readings of the agent's epoch clock, the one that stamps the
 * datagrams' send times (a sender) or their receipt (a receiver), so that a controller can measure the agent's clock
 * against its own NTP-style (four timestamps per exchange: its own before and after, these two between).
 *
 * @param receivedEpochNs the agent's clock as its handler took the request, epoch nanoseconds.
 * @param answeredEpochNs the agent's clock as its handler answered, epoch nanoseconds; not before
 *     {@code receivedEpochNs}.
 */
public record ClockAnswer(long receivedEpochNs, long answeredEpochNs)
{
}
