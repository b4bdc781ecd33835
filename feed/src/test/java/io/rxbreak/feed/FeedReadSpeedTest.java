package io.rxbreak.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of a million datagrams reads in about a second (this prints the time), into arrays only: bounded
 * generously, so that a busy machine passes and a reader that went per-byte or per-packet-syscall does not.
 */
class FeedReadSpeedTest
{
    private static final int PACKETS = 1_000_000;
    private static final long BOUND_MS = 10_000;

    @TempDir
    Path tmp;

    @Test
    void aMillionPacketCaptureReadsInAboutASecond() throws IOException
    {
        final byte[] packet = Packets.ethernet(Packets.ETHERTYPE_IPV4, Packets.ipv4(Packets.group(1), Packets.UDP,
            Packets.udp(5000, 32)));
        final Path file = tmp.resolve("million.pcap");
        final ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            chunk.putInt(0xA1B23C4D).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(65535).putInt(1);
            for (int i = 0; i < PACKETS; i++)
            {
                if (chunk.remaining() < 16 + packet.length)
                {
                    channel.write(chunk.flip());
                    chunk.clear();
                }
                // 100,000 msgs/s: 10 us apart
                chunk.putInt(1_700_000_000 + i / 100_000).putInt((i % 100_000) * 10_000).putInt(packet.length)
                    .putInt(packet.length).put(packet);
            }
            channel.write(chunk.flip());
        }

        final long startNs = System.nanoTime();
        final Feed feed = Feed.read(file);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        System.out.println("FeedReadSpeedTest: read " + PACKETS + " packets (" + file.toFile().length() / 1_000_000 +
            " MB) in " + elapsedMs + " ms");

        assertThat(feed.size()).isEqualTo(PACKETS);
        assertThat(feed.durationNs()).isEqualTo((PACKETS - 1) * 10_000L);
        assertThat(feed.totalBytes()).isEqualTo(32L * PACKETS);
        assertThat(FeedProfile.of(feed).peak(1_000_000_000L).messages()).isEqualTo(100_000);
        assertThat(elapsedMs).as("reading a million packets").isLessThan(BOUND_MS);
    }
}
