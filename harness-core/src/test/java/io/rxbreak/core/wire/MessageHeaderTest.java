package io.rxbreak.core.wire;

import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessageHeaderTest
{
    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261125L})
    void decodesWhatWasEncoded(final long seed)
    {
        final Random random = new Random(seed);
        final MessageDecoder decoder = new MessageDecoder();
        for (int i = 0; i < 1_000; i++)
        {
            final int length = MessageHeader.LENGTH + random.nextInt(1_500);
            final int offset = random.nextInt(64);
            final ByteBuf buffer = Unpooled.buffer(offset + length);
            final int flags = random.nextInt(4);
            final int streamId = random.nextInt();
            final int trialId = random.nextInt();
            final long sequence = random.nextLong() & Long.MAX_VALUE;
            final long sendTimeNs = random.nextLong();
            MessageHeader.encode(buffer, offset, flags, length, streamId, trialId, sequence, sendTimeNs);

            assertThat(decoder.wrap(buffer, offset, length)).as("seed %d message %d", seed, i).isEqualTo(DecodeResult.OK);
            assertThat(decoder.flags()).isEqualTo(flags);
            assertThat(decoder.isWarmUp()).isEqualTo((flags & MessageHeader.FLAG_WARM_UP) != 0);
            assertThat(decoder.isEndOfTrial()).isEqualTo((flags & MessageHeader.FLAG_END_OF_TRIAL) != 0);
            assertThat(decoder.messageLength()).isEqualTo(length);
            assertThat(decoder.streamId()).isEqualTo(streamId);
            assertThat(decoder.trialId()).isEqualTo(trialId);
            assertThat(decoder.sequence()).isEqualTo(sequence);
            assertThat(decoder.intendedSendTimeNs()).isEqualTo(sendTimeNs);
        }
    }

    @Test
    void writesNetworkByteOrder()
    {
        final ByteBuf buffer = Unpooled.buffer(MessageHeader.LENGTH);
        MessageHeader.encode(buffer, 0, MessageHeader.FLAG_END_OF_TRIAL, 64, 7, 3, 0x0102030405060708L, 9L);
        final byte[] bytes = new byte[MessageHeader.LENGTH];
        buffer.getBytes(0, bytes);
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RXBR");
        assertThat(bytes[4]).isEqualTo(MessageHeader.VERSION);
        assertThat(bytes[5]).isEqualTo((byte)MessageHeader.FLAG_END_OF_TRIAL);
        assertThat(bytes[6]).isEqualTo((byte)0);
        assertThat(bytes[7]).isEqualTo((byte)64);
        assertThat(bytes[16]).isEqualTo((byte)1);
        assertThat(bytes[23]).isEqualTo((byte)8);
    }

    @Test
    void updateRewritesOnlyWhatChanges()
    {
        final ByteBuf buffer = Unpooled.buffer(100);
        MessageHeader.encode(buffer, 0, 0, 100, 5, 6, 0, 1_000);
        MessageHeader.update(buffer, 0, MessageHeader.FLAG_WARM_UP, 77, 2_000);
        final MessageDecoder decoder = new MessageDecoder();
        assertThat(decoder.wrap(buffer, 0, 100)).isEqualTo(DecodeResult.OK);
        assertThat(decoder.streamId()).isEqualTo(5);
        assertThat(decoder.trialId()).isEqualTo(6);
        assertThat(decoder.sequence()).isEqualTo(77);
        assertThat(decoder.intendedSendTimeNs()).isEqualTo(2_000);
        assertThat(decoder.isWarmUp()).isTrue();
    }

    @Test
    void rejectsForeignDatagrams()
    {
        final MessageDecoder decoder = new MessageDecoder();
        assertThat(decoder.wrap(Unpooled.wrappedBuffer(new byte[10]))).isEqualTo(DecodeResult.TOO_SHORT);
        assertThat(decoder.wrap(Unpooled.wrappedBuffer(new byte[0]))).isEqualTo(DecodeResult.TOO_SHORT);

        final byte[] foreign = new byte[200];
        new Random(7).nextBytes(foreign);
        foreign[0] = 'G';
        assertThat(decoder.wrap(Unpooled.wrappedBuffer(foreign))).isEqualTo(DecodeResult.BAD_MAGIC);

        final ByteBuf wrongVersion = Unpooled.buffer(64);
        MessageHeader.encode(wrongVersion, 0, 0, 64, 1, 1, 1, 1);
        wrongVersion.setByte(4, 9);
        assertThat(decoder.wrap(wrongVersion, 0, 64)).isEqualTo(DecodeResult.BAD_VERSION);

        final ByteBuf truncated = Unpooled.buffer(1400);
        MessageHeader.encode(truncated, 0, 0, 1400, 1, 1, 1, 1);
        assertThat(decoder.wrap(truncated, 0, 1000)).isEqualTo(DecodeResult.LENGTH_MISMATCH);
    }

    @Test
    void randomBytesNeverCrashTheDecoder()
    {
        final Random random = new Random(99);
        final MessageDecoder decoder = new MessageDecoder();
        for (int i = 0; i < 10_000; i++)
        {
            final byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            assertThat(decoder.wrap(Unpooled.wrappedBuffer(bytes))).isNotNull();
        }
    }
}
