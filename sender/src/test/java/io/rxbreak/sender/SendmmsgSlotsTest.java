package io.rxbreak.sender;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.rxbreak.core.os.SendmmsgBatch;
import io.rxbreak.core.wire.DecodeResult;
import io.rxbreak.core.wire.MessageDecoder;
import io.rxbreak.core.wire.MessageHeader;
import io.rxbreak.testsupport.QueuedDatagrams;
import io.rxbreak.testsupport.Skips;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendmmsgSlots} on real, unregistered Netty sockets over unicast loopback (127.0.0.1 and ::1, never leaving
 * the host): one batch spread over two sockets of two families arrives in order per destination, and a message the
 * kernel refuses is counted by errno and as failed (end markers by errno only) without holding up the rest.
 */
class SendmmsgSlotsTest
{
    private static final int SLOT_BYTES = 64;
    private static final int EAFNOSUPPORT = 97;

    private final List<Channel> channels = new ArrayList<>();
    private final List<DatagramChannel> receivers = new ArrayList<>();

    @BeforeEach
    void available()
    {
        if (SendmmsgBatch.unavailability() != null)
        {
            Skips.skipOrFail("no native calls", "sendmmsg through JNA: " + SendmmsgBatch.unavailability());
        }
        if (!Epoll.isAvailable())
        {
            Skips.skipOrFail("no native calls", "Netty's native epoll: " + Epoll.unavailabilityCause());
        }
    }

    @AfterEach
    void close() throws IOException
    {
        for (final Channel channel : channels)
        {
            channel.unsafe().closeForcibly();
        }
        for (final DatagramChannel receiver : receivers)
        {
            receiver.close();
        }
    }

    @Test
    void aBatchOverTwoFamiliesArrivesInOrderAtEachDestination() throws IOException
    {
        final DatagramChannel a = receiver(StandardProtocolFamily.INET, "127.0.0.1");
        final DatagramChannel b = receiver(StandardProtocolFamily.INET6, "::1");
        final DatagramChannel c = receiver(StandardProtocolFamily.INET, "127.0.0.1");
        final SendSockets sockets = sockets(new int[] {0, 1, 0}, address(a), address(b), address(c));
        final SendCounters counters = new SendCounters();
        final SendmmsgSlots slots = new SendmmsgSlots(PooledByteBufAllocator.DEFAULT, 8, SLOT_BYTES, sockets, true);
        try
        {
            final int[] groups = {0, 1, 2, 1, 0, 2, 0};
            final long[] sequences = new long[3];
            for (int slot = 0; slot < groups.length; slot++)
            {
                final int group = groups[slot];
                slots.put(slot, group, 0, 40 + slot, group, 9, sequences[group]++, 1_000L + slot);
            }

            assertThat(slots.send(counters)).isTrue();
            assertThat(counters.errors()).isEmpty();
            assertThat(received(a)).containsExactly("stream 0 seq 0 len 40", "stream 0 seq 1 len 44", "stream 0 seq 2 len 46");
            assertThat(received(b)).containsExactly("stream 1 seq 0 len 41", "stream 1 seq 1 len 43");
            assertThat(received(c)).containsExactly("stream 2 seq 0 len 42", "stream 2 seq 1 len 45");

            // the slots are free again for the next batch
            slots.put(0, 1, 0, 50, 1, 9, 2, 2_000L);
            assertThat(slots.send(counters)).isTrue();
            assertThat(received(b)).containsExactly("stream 1 seq 2 len 50");
        }
        finally
        {
            slots.release();
        }
    }

    @Test
    void aRefusedMessageCountsByErrnoAndTheRestGoes() throws IOException
    {
        final DatagramChannel a = receiver(StandardProtocolFamily.INET, "127.0.0.1");
        // group 1 is an IPv6 address sent through the IPv4 socket: the kernel refuses each of its messages
        final InetSocketAddress refused = new InetSocketAddress(InetAddress.getByName("::1"), 9);
        final SendSockets sockets = sockets(new int[] {0, 0}, address(a), refused);
        final SendCounters counters = new SendCounters();
        final SendmmsgSlots messages = new SendmmsgSlots(PooledByteBufAllocator.DEFAULT, 4, SLOT_BYTES, sockets, true);
        final SendmmsgSlots markers = new SendmmsgSlots(PooledByteBufAllocator.DEFAULT, 2, SLOT_BYTES, sockets, false);
        try
        {
            messages.put(0, 0, 0, 40, 0, 1, 0, 0);
            messages.put(1, 1, 0, 40, 1, 1, 0, 0);
            messages.put(2, 1, 0, 40, 1, 1, 1, 0);
            messages.put(3, 0, 0, 40, 0, 1, 1, 0);
            assertThat(messages.send(counters)).isTrue();
            assertThat(counters.get(SendCounters.FAILED)).isEqualTo(2);
            assertThat(counters.errors()).containsExactly(Map.entry("EAFNOSUPPORT", 2L));
            assertThat(received(a)).containsExactly("stream 0 seq 0 len 40", "stream 0 seq 1 len 40");

            markers.put(0, 0, MessageHeader.FLAG_END_OF_TRIAL, 40, 0, 1, 2, 0);
            markers.put(1, 1, MessageHeader.FLAG_END_OF_TRIAL, 40, 1, 1, 2, 0);
            assertThat(markers.send(counters)).isTrue();
            assertThat(counters.get(SendCounters.FAILED)).as("a marker is not a message").isEqualTo(2);
            assertThat(counters.errors()).containsExactly(Map.entry("EAFNOSUPPORT", 3L));
            assertThat(received(a)).containsExactly("stream 0 seq 2 len 40");
        }
        finally
        {
            messages.release();
            markers.release();
        }
    }

    private SendSockets sockets(final int[] socketOfGroup, final InetSocketAddress... recipients)
    {
        final List<SendErrorCounter> errorCounters = new ArrayList<>();
        final EpollDatagramChannel v4 = new EpollDatagramChannel(SocketProtocolFamily.INET);
        final EpollDatagramChannel v6 = new EpollDatagramChannel(SocketProtocolFamily.INET6);
        channels.add(v4);
        channels.add(v6);
        errorCounters.add(new SendErrorCounter());
        errorCounters.add(new SendErrorCounter());
        return new SendSockets(List.of(v4, v6), errorCounters, socketOfGroup, recipients, 16);
    }

    private DatagramChannel receiver(final ProtocolFamily family, final String address) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(family);
        receivers.add(channel);
        channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static InetSocketAddress address(final DatagramChannel channel) throws IOException
    {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    /**
     * @return every datagram queued, decoded, once the first has arrived.
     */
    private static List<String> received(final DatagramChannel channel)
    {
        return QueuedDatagrams.drain(channel, SLOT_BYTES, datagram ->
        {
            final MessageDecoder decoder = new MessageDecoder();
            assertThat(decoder.wrap(Unpooled.wrappedBuffer(datagram))).isEqualTo(DecodeResult.OK);
            return "stream " + decoder.streamId() + " seq " + decoder.sequence() + " len " + datagram.remaining();
        });
    }
}
