package io.rxbreak.sender;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;

/**
 * What a {@code PlainMulticastReceiver --dump FILE} received, decoded: per stream the sequences of its messages and
 * of its end markers, in arrival order, and every message's length and trial id.
 */
final class ReceivedDump
{
    final Map<Integer, List<Long>> sequences = new HashMap<>();
    final Map<Integer, List<Long>> markers = new HashMap<>();
    final Map<Integer, List<Integer>> lengthsByStream = new HashMap<>();
    final List<Integer> lengths = new ArrayList<>();
    final List<Integer> trialIds = new ArrayList<>();
    int warmUp;
    int invalid;

    private ReceivedDump()
    {
    }

    /**
     * @param dump the file: each datagram as a 4-byte length and its bytes.
     * @return its datagrams, decoded.
     */
    static ReceivedDump decode(final Path dump) throws IOException
    {
        final ReceivedDump received = new ReceivedDump();
        final MessageDecoder decoder = new MessageDecoder();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dump))))
        {
            while (true)
            {
                final int length;
                try
                {
                    length = in.readInt();
                }
                catch (final EOFException end)
                {
                    break;
                }
                final byte[] bytes = new byte[length];
                in.readFully(bytes);
                final ByteBuf datagram = Unpooled.wrappedBuffer(bytes);
                if (decoder.wrap(datagram) != DecodeResult.OK)
                {
                    received.invalid++;
                    continue;
                }
                if (decoder.isEndOfTrial())
                {
                    received.markers.computeIfAbsent(decoder.streamId(), k -> new ArrayList<>()).add(decoder.sequence());
                    continue;
                }
                received.sequences.computeIfAbsent(decoder.streamId(), k -> new ArrayList<>()).add(decoder.sequence());
                received.lengthsByStream.computeIfAbsent(decoder.streamId(), k -> new ArrayList<>()).add(length);
                received.lengths.add(length);
                received.trialIds.add(decoder.trialId());
                if (decoder.isWarmUp())
                {
                    received.warmUp++;
                }
            }
        }
        return received;
    }
}
