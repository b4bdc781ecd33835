package io.rxbreak.feed;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;

/**
 * Bytes written by hand in one byte order, for captures built field by field in the tests.
 */
final class Bytes
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    Bytes(final ByteOrder order)
    {
        this.order = order;
    }

    static Bytes network()
    {
        return new Bytes(ByteOrder.BIG_ENDIAN);
    }

    Bytes u8(final int value)
    {
        out.write(value);
        return this;
    }

    Bytes u16(final int value)
    {
        return order == ByteOrder.BIG_ENDIAN ? u8(value >>> 8).u8(value) : u8(value).u8(value >>> 8);
    }

    Bytes u32(final long value)
    {
        return order == ByteOrder.BIG_ENDIAN
            ? u16((int)(value >>> 16)).u16((int)value)
            : u16((int)value).u16((int)(value >>> 16));
    }

    Bytes u64(final long value)
    {
        return order == ByteOrder.BIG_ENDIAN ? u32(value >>> 32).u32(value) : u32(value).u32(value >>> 32);
    }

    Bytes raw(final byte[] bytes)
    {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    Bytes zeros(final int count)
    {
        return raw(new byte[count]);
    }

    /**
     * @param values bytes given as ints, for addresses and the like.
     */
    Bytes bytes(final int... values)
    {
        for (final int value : values)
        {
            u8(value);
        }
        return this;
    }

    Bytes padTo4()
    {
        while (out.size() % 4 != 0)
        {
            u8(0);
        }
        return this;
    }

    int size()
    {
        return out.size();
    }

    byte[] toArray()
    {
        return out.toByteArray();
    }
}
