package io.rxbreak.receiver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.core.time.NanoClock;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.receiver.accounting.Accountant;
import io.rxbreak.receiver.accounting.SocketCounters;
import io.rxbreak.receiver.accounting.SocketTrials;

/**
 * Runs the per-message path (decode, sequence, latency) on throw-away state before the sockets open, so that its
 * classes are loaded and compiled before the first real datagram: otherwise the first trial's first second
 * measures the JIT, not the receiver.
 */
final class Warmup
{
    private static final int MESSAGES = 60_000;

    private Warmup()
    {
    }

    static void run(final EpochClock epochClock)
    {
        final SocketCounters counters = new SocketCounters();
        final SocketTrials trials = new SocketTrials(() -> 0, counters, NanoClock.SYSTEM);
        final Accountant accountant = new Accountant(trials, epochClock, true);
        final MessageDecoder decoder = new MessageDecoder();
        final ByteBuf buffer = Unpooled.directBuffer(MessageHeader.LENGTH);
        try
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                MessageHeader.encode(buffer, 0, 0, MessageHeader.LENGTH, 1, 1, i ^ (i & 7), epochClock.epochNs());
                buffer.setIndex(0, MessageHeader.LENGTH);
                if (decoder.wrap(buffer) == DecodeResult.OK)
                {
                    accountant.onMessage(decoder.streamId(), decoder.trialId(), decoder.flags(), decoder.sequence(),
                        decoder.intendedSendTimeNs());
                }
            }
            trials.current().drainLatency(null);
        }
        finally
        {
            buffer.release();
        }
    }
}
