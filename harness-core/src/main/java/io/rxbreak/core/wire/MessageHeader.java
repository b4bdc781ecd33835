package io.rxbreak.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * The fixed header at the start of every rxbreak datagram, in network byte order, followed by filler up to the
 * datagram's length:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      magic 0x52584252 "RXBR"                  |  0
 *  +---------------+---------------+-------------------------------+
 *  |    version    |     flags     |     message length (bytes)    |  4
 *  +---------------+---------------+-------------------------------+
 *  |                           stream id                           |  8
 *  +---------------------------------------------------------------+
 *  |                           trial id                            | 12
 *  +---------------------------------------------------------------+
 *  |                 sequence number (u64, per stream)             | 16
 *  +---------------------------------------------------------------+
 *  |   intended send time: CLOCK_REALTIME epoch nanoseconds (u64)  | 24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The sequence number counts from 0 in each trial, per stream. The send time is the time the schedule intended
 * the message to go, not when it went: a sender that falls behind makes the latency grow instead of hiding the
 * stall (the coordinated-omission policy). The message length is the whole datagram's, header included, so a
 * truncated datagram is recognised.
 */
public final class MessageHeader
{
    /** "RXBR". */
    public static final int MAGIC = 0x52584252;
    /** The version this code writes and reads. */
    public static final byte VERSION = 1;
    /** The header's length in bytes: the smallest datagram rxbreak sends. */
    public static final int LENGTH = 32;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_MESSAGE_LENGTH = 65_507;
    /**
     * The largest datagram a receiver reads whole unless told otherwise ({@code receive --max-message-size}): the
     * UDP payload of one Ethernet frame over IPv4 (1500 - 20 - 8). A controller whose datagrams are longer tells its
     * receiver so.
     */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1472;

    /** The message is part of the warm-up, not of the measured window. */
    public static final int FLAG_WARM_UP = 0x01;
    /** The trial has ended; sent several times, nothing may depend on one arriving. */
    public static final int FLAG_END_OF_TRIAL = 0x02;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FLAGS_OFFSET = 5;
    static final int LENGTH_OFFSET = 6;
    static final int STREAM_ID_OFFSET = 8;
    static final int TRIAL_ID_OFFSET = 12;
    static final int SEQUENCE_OFFSET = 16;
    static final int SEND_TIME_OFFSET = 24;

    private MessageHeader()
    {
    }

    /**
     * Write a header at {@code index} without moving the buffer's indexes and without allocating.
     *
     * @param buffer the buffer; at least {@link #LENGTH} bytes from index.
     * @param index where the datagram starts.
     * @param flags {@link #FLAG_WARM_UP}, {@link #FLAG_END_OF_TRIAL} or 0.
     * @param messageLength the datagram's whole length, header included.
     * @param streamId the stream.
     * @param trialId the trial.
     * @param sequence the message's sequence number in its stream and trial.
     * @param intendedSendTimeNs when the schedule meant it to go, CLOCK_REALTIME epoch nanoseconds.
     */
    public static void encode(
        final ByteBuf buffer,
        final int index,
        final int flags,
        final int messageLength,
        final int streamId,
        final int trialId,
        final long sequence,
        final long intendedSendTimeNs)
    {
        buffer.setInt(index + MAGIC_OFFSET, MAGIC);
        buffer.setByte(index + VERSION_OFFSET, VERSION);
        buffer.setByte(index + FLAGS_OFFSET, flags);
        buffer.setShort(index + LENGTH_OFFSET, messageLength);
        buffer.setInt(index + STREAM_ID_OFFSET, streamId);
        buffer.setInt(index + TRIAL_ID_OFFSET, trialId);
        buffer.setLong(index + SEQUENCE_OFFSET, sequence);
        buffer.setLong(index + SEND_TIME_OFFSET, intendedSendTimeNs);
    }

    /**
     * Rewrite only the fields that change from one message to the next in a stream.
     *
     * @param buffer a buffer already holding a header at index.
     * @param index where the datagram starts.
     * @param flags the message's flags.
     * @param sequence its sequence number.
     * @param intendedSendTimeNs its intended send time.
     */
    public static void update(
        final ByteBuf buffer, final int index, final int flags, final long sequence, final long intendedSendTimeNs)
    {
        buffer.setByte(index + FLAGS_OFFSET, flags);
        buffer.setLong(index + SEQUENCE_OFFSET, sequence);
        buffer.setLong(index + SEND_TIME_OFFSET, intendedSendTimeNs);
    }
}
