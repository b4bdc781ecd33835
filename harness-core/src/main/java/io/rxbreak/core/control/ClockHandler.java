package io.rxbreak.core.control;

import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ClockAnswer;
import io.rxbreak.core.time.EpochClock;

/**
 * Serves {@link AgentApi#CLOCK} for either agent role: the agent's epoch clock read as the request reaches the
 * handler and again as it answers, with nothing between the two readings, on the server's I/O thread as soon as the
 * request is read ({@link #servesAtOnce}). Give it the very clock that stamps the
 * datagrams (a sender) or their receipt (a receiver), so that what a controller measures is the clock behind the
 * one-way latency.
 */
public final class ClockHandler implements AgentHandler
{
    private final EpochClock epochClock;

    /**
     * @param epochClock the agent's datagram clock.
     */
    public ClockHandler(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
    }

    /**
     * @return true: it never blocks, and each step through the worker's queue would lengthen the round trip that
     *     bounds the measurement.
     */
    @Override
    public boolean servesAtOnce(final AgentRequest request)
    {
        return true;
    }

    @Override
    public AgentResponse handle(final AgentRequest request)
    {
        final long receivedEpochNs = epochClock.epochNs();
        final long answeredEpochNs = epochClock.epochNs();
        return AgentResponse.json(new ClockAnswer(receivedEpochNs, answeredEpochNs));
    }
}
