package io.rxbreak.sender;

/**
 * Where a routed batch goes: messages each to its own group (a replay's, in the schedule's order) or one per stream
 * (the end-of-trial markers), put into slots and then sent together. Two ways: {@link SendmmsgSlots} calls
 * {@code sendmmsg(2)} on the sockets directly and allocates nothing; {@link RoutedSlots} writes Netty packets (the
 * fallback where the native call is unavailable). Sending thread only.
 */
interface RoutedSender
{
    /**
     * @return how many messages one batch can hold.
     */
    int slotCount();

    /**
     * Put one message: its whole header, its length and its group. Only once the previous batch went whole
     * ({@link #send(SendCounters)} returned true).
     *
     * @param slot its place in the batch, 0 to {@link #slotCount()} - 1, each once per batch.
     * @param group the index of its destination group.
     */
    void put(int slot, int group, int flags, int length, int streamId, int trialId, long sequence,
        long intendedSendTimeNs);

    /**
     * Send what was put since the last batch went whole, or what a full socket left of it (from where it stopped).
     *
     * @param counters where failed messages and stalls' errors count.
     * @return true when nothing of the batch is left to send here (Netty's own queue is seen through
     *     {@link SendSockets#anyQueued()}).
     */
    boolean send(SendCounters counters);

    /**
     * Free the slots' memory; nothing may be put or sent after.
     */
    void release();
}
