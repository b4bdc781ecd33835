package io.rxbreak.controller.trial;

/**
 * A trial's accounting identity: {@code sent = received + countedDrops + unexplained}, where
 * {@code countedDrops} is the sum of the drops every layer's counters attribute to the trial.
 * {@code unexplained} is signed: above 0, messages were lost that no counter explains; below 0, the counters saw
 * more drops than the receiver missed (a host-wide counter also counted other traffic, or a window edge skewed).
 *
 * @param sent         messages the sender sent in the measured window.
 * @param received     distinct messages of the window the receiver got.
 * @param lost         {@code sent - received}.
 * @param countedDrops the sum of the drops per layer.
 * @param unexplained  {@code lost - countedDrops}.
 */
public record Accounting(long sent, long received, long lost, long countedDrops, long unexplained)
{
    /**
     * @param sent         messages sent in the window.
     * @param received     distinct messages of the window received.
     * @param countedDrops the sum of the drops per layer.
     * @return the accounting.
     */
    public static Accounting of(final long sent, final long received, final long countedDrops)
    {
        final long lost = sent - received;
        return new Accounting(sent, received, lost, countedDrops, lost - countedDrops);
    }

    /**
     * @return true when the counters explain exactly what was lost.
     */
    public boolean balanced()
    {
        return unexplained == 0;
    }
}
