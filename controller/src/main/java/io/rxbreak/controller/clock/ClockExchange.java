package io.rxbreak.controller.clock;

/**
 * One exchange with an agent's clock, NTP's four timestamps: the controller's clock before it sent the request and
 * after it read the answer, the agent's as it took the request and as it answered. With {@code d1} and {@code d2} the
 * two ways' delays and {@code theta} the true offset (agent minus controller), {@code t2 = t1 + d1 + theta} and
 * {@code t4 = t3 + d2 - theta}: the {@link #offsetNs()} below is {@code theta + (d1 - d2) / 2}, off by at most half
 * the {@link #delayNs()} {@code d1 + d2}, whichever way the delays are split.
 *
 * @param sentEpochNs t1, the controller's clock before it sent the request.
 * @param receivedEpochNs t2, the agent's clock as it took the request.
 * @param answeredEpochNs t3, the agent's clock as it answered.
 * @param returnedEpochNs t4, the controller's clock after it read the answer.
 */
public record ClockExchange(long sentEpochNs, long receivedEpochNs, long answeredEpochNs, long returnedEpochNs)
{
    /**
     * @return the agent's clock minus the controller's, {@code ((t2 - t1) + (t3 - t4)) / 2}.
     */
    public long offsetNs()
    {
        return ((receivedEpochNs - sentEpochNs) + (answeredEpochNs - returnedEpochNs)) / 2;
    }

    /**
     * @return the round trip without the agent's own time, {@code (t4 - t1) - (t3 - t2)}; never negative (it could
     *     come out so only when the two clocks ran at very different rates within the exchange).
     */
    public long delayNs()
    {
        return Math.max(0, (returnedEpochNs - sentEpochNs) - (answeredEpochNs - receivedEpochNs));
    }

    /**
     * @return the controller's time halfway through the exchange: when the offset was measured.
     */
    public long midpointEpochNs()
    {
        return sentEpochNs + (returnedEpochNs - sentEpochNs) / 2;
    }
}
