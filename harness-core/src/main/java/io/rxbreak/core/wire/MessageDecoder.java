package io.rxbreak.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over a received datagram: {@link #wrap} validates, the getters read the header's fields.
 * Allocates nothing; one instance per receiving thread.
 */
public final class MessageDecoder
{
    private ByteBuf buffer;
    private int index;

    /**
     * @param datagram the received bytes.
     * @param offset where the datagram starts in the buffer.
     * @param length how many bytes were received.
     * @return {@link DecodeResult#OK} when it is a valid rxbreak message; the getters are meaningful only then.
     */
    public DecodeResult wrap(final ByteBuf datagram, final int offset, final int length)
    {
        this.buffer = datagram;
        this.index = offset;
        if (length < MessageHeader.LENGTH)
        {
            return DecodeResult.TOO_SHORT;
        }
        if (datagram.getInt(offset + MessageHeader.MAGIC_OFFSET) != MessageHeader.MAGIC)
        {
            return DecodeResult.BAD_MAGIC;
        }
        if (datagram.getByte(offset + MessageHeader.VERSION_OFFSET) != MessageHeader.VERSION)
        {
            return DecodeResult.BAD_VERSION;
        }
        if (datagram.getUnsignedShort(offset + MessageHeader.LENGTH_OFFSET) != length)
        {
            return DecodeResult.LENGTH_MISMATCH;
        }
        return DecodeResult.OK;
    }

    /**
     * @param datagram a received datagram, its readable bytes being the whole datagram.
     * @return as {@link #wrap(ByteBuf, int, int)}.
     */
    public DecodeResult wrap(final ByteBuf datagram)
    {
        return wrap(datagram, datagram.readerIndex(), datagram.readableBytes());
    }

    public int flags()
    {
        return buffer.getUnsignedByte(index + MessageHeader.FLAGS_OFFSET);
    }

    public boolean isWarmUp()
    {
        return (flags() & MessageHeader.FLAG_WARM_UP) != 0;
    }

    public boolean isEndOfTrial()
    {
        return (flags() & MessageHeader.FLAG_END_OF_TRIAL) != 0;
    }

    public int messageLength()
    {
        return buffer.getUnsignedShort(index + MessageHeader.LENGTH_OFFSET);
    }

    public int streamId()
    {
        return buffer.getInt(index + MessageHeader.STREAM_ID_OFFSET);
    }

    public int trialId()
    {
        return buffer.getInt(index + MessageHeader.TRIAL_ID_OFFSET);
    }

    public long sequence()
    {
        return buffer.getLong(index + MessageHeader.SEQUENCE_OFFSET);
    }

    public long intendedSendTimeNs()
    {
        return buffer.getLong(index + MessageHeader.SEND_TIME_OFFSET);
    }
}
