package io.rxbreak.sender;

/**
 * What the writes of one flush on one socket carried, in order: a failed write is found from how many writes are
 * still queued when its failure arrives, and this says how many messages it took with it (a GSO send carries
 * several). Sending thread only.
 */
final class WriteLog
{
    private final int[] messagesPerWrite;
    private int writes;

    /**
     * @param capacity the most writes one flush makes.
     */
    WriteLog(final int capacity)
    {
        this.messagesPerWrite = new int[capacity];
    }

    /**
     * Begin a new flush's writes.
     */
    void reset()
    {
        writes = 0;
    }

    /**
     * @param messages how many messages the next write carries.
     */
    void record(final int messages)
    {
        if (writes < messagesPerWrite.length)
        {
            messagesPerWrite[writes] = messages;
        }
        writes++;
    }

    /**
     * @param pendingWrites the writes of this flush still queued after the one that failed.
     * @return how many messages the failed write carried (1 when it cannot be told).
     */
    int messagesOfFailedWrite(final int pendingWrites)
    {
        final int index = writes - pendingWrites - 1;
        return index >= 0 && index < Math.min(writes, messagesPerWrite.length) ? messagesPerWrite[index] : 1;
    }
}
