package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a non-blocking test socket holds: waits (with a deadline) for its first datagram, then takes every datagram
 * queued behind it, each described by the caller.
 */
public final class QueuedDatagrams
{
    private static final Duration FIRST = Duration.ofSeconds(5);

    private QueuedDatagrams()
    {
    }

    /**
     * @param channel a non-blocking datagram channel.
     * @param maxBytes the longest datagram expected.
     * @param describe how a datagram (its buffer flipped: position 0, limit its length) is written down.
     * @return the descriptions, in the order the datagrams were queued.
     */
    public static List<String> drain(final DatagramChannel channel, final int maxBytes,
        final Function<ByteBuffer, String> describe)
    {
        final List<String> got = new ArrayList<>();
        final ByteBuffer buffer = ByteBuffer.allocate(maxBytes);
        Deadline.await(FIRST, "a datagram", () -> readOne(channel, buffer, describe, got));
        while (readOne(channel, buffer, describe, got))
        {
            // all that is queued
        }
        return got;
    }

    private static boolean readOne(final DatagramChannel channel, final ByteBuffer buffer,
        final Function<ByteBuffer, String> describe, final List<String> got)
    {
        buffer.clear();
        try
        {
            if (channel.receive(buffer) == null)
            {
                return false;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        buffer.flip();
        got.add(describe.apply(buffer));
        return true;
    }
}
