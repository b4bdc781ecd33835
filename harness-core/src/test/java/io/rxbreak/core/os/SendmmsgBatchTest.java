package io.rxbreak.core.os;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rxbreak.testsupport.QueuedDatagrams;
import io.rxbreak.testsupport.Skips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native layout of a {@link SendmmsgBatch}, read back from its memory, and real sends over unicast loopback
 * (127.0.0.1, never leaving the host): each datagram to its own destination, with its own length, and a failed
 * message stopping the call where it failed.
 */
class SendmmsgBatchTest
{
    private static final int SLOT_BYTES = 64;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int EAFNOSUPPORT = 97;

    private ByteBuf payload;
    private int fd = -1;

    @BeforeEach
    void available()
    {
        if (SendmmsgBatch.unavailability() != null)
        {
            Skips.skipOrFail("no native calls", "sendmmsg through JNA: " + SendmmsgBatch.unavailability());
        }
        payload = Unpooled.directBuffer(4 * SLOT_BYTES, 4 * SLOT_BYTES);
        payload.setZero(0, payload.capacity());
    }

    @AfterEach
    void release()
    {
        if (payload != null)
        {
            payload.release();
        }
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }

    @Test
    void eachHeaderPointsAtItsSlotAndItsDestinationsAddress() throws Exception
    {
        final InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("239.1.2.3"), 5000);
        final InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("ff15::7:1"), 5002);
        try (SendmmsgBatch batch = new SendmmsgBatch(payload, SLOT_BYTES, new InetSocketAddress[] {v4, v6}))
        {
            batch.put(1, 1, 40);
            batch.put(2, 0, 33);
            assertThat(batch.slots()).isEqualTo(4);

            final Memory headers = batch.headers();
            final Memory iovecs = batch.iovecs();
            for (int slot = 0; slot < 4; slot++)
            {
                final long header = (long)slot * SendmmsgBatch.MMSGHDR_BYTES;
                final Pointer iovec = headers.getPointer(header + SendmmsgBatch.MSG_IOV);
                assertThat(Pointer.nativeValue(iovec)).as("slot %d's iovec", slot)
                    .isEqualTo(Pointer.nativeValue(iovecs) + (long)slot * SendmmsgBatch.IOVEC_BYTES);
                assertThat(headers.getLong(header + SendmmsgBatch.MSG_IOVLEN)).isEqualTo(1);
                assertThat(Pointer.nativeValue(iovec.getPointer(0))).as("slot %d's bytes", slot)
                    .isEqualTo(payload.memoryAddress() + (long)slot * SLOT_BYTES);
            }
            assertThat(iovecs.getLong(1L * SendmmsgBatch.IOVEC_BYTES + SendmmsgBatch.IOV_LEN)).isEqualTo(40);
            assertThat(iovecs.getLong(2L * SendmmsgBatch.IOVEC_BYTES + SendmmsgBatch.IOV_LEN)).isEqualTo(33);

            final Pointer sockaddrIn6 = headers.getPointer(SendmmsgBatch.MMSGHDR_BYTES + SendmmsgBatch.MSG_NAME);
            assertThat(headers.getInt(SendmmsgBatch.MMSGHDR_BYTES + SendmmsgBatch.MSG_NAMELEN)).isEqualTo(28);
            assertThat(sockaddrIn6.getShort(0)).isEqualTo(SendmmsgBatch.AF_INET6);
            assertThat(sockaddrIn6.getByteArray(2, 2)).as("port, network order").containsExactly(0x13, 0x8a);
            assertThat(sockaddrIn6.getByteArray(8, 16)).isEqualTo(v6.getAddress().getAddress());

            final Pointer sockaddrIn = headers.getPointer(2L * SendmmsgBatch.MMSGHDR_BYTES + SendmmsgBatch.MSG_NAME);
            assertThat(headers.getInt(2L * SendmmsgBatch.MMSGHDR_BYTES + SendmmsgBatch.MSG_NAMELEN)).isEqualTo(16);
            assertThat(sockaddrIn.getShort(0)).isEqualTo(SendmmsgBatch.AF_INET);
            assertThat(sockaddrIn.getByteArray(2, 2)).containsExactly(0x13, 0x88);
            assertThat(sockaddrIn.getByteArray(4, 4)).containsExactly(239, 1, 2, 3);
        }
    }

    @Test
    void eachDatagramGoesToItsOwnDestinationWithItsOwnLength() throws Exception
    {
        try (DatagramChannel a = loopbackReceiver(); DatagramChannel b = loopbackReceiver())
        {
            final InetSocketAddress[] destinations = {address(a), address(b)};
            fd = Libc.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
            try (SendmmsgBatch batch = new SendmmsgBatch(payload, SLOT_BYTES, destinations))
            {
                final int[] to = {0, 1, 0};
                final int[] lengths = {10, 20, 30};
                for (int slot = 0; slot < 3; slot++)
                {
                    payload.setByte(slot * SLOT_BYTES, 'a' + slot);
                    batch.put(slot, to[slot], lengths[slot]);
                }

                assertThat(batch.send(fd, 0, 3)).isEqualTo(3);
            }
            assertThat(receive(a)).containsExactly("a/10", "c/30");
            assertThat(receive(b)).containsExactly("b/20");
        }
    }

    @Test
    void aFailedMessageEndsTheCallAndTheNextCallFromItSaysWhy() throws Exception
    {
        try (DatagramChannel a = loopbackReceiver())
        {
            // an IPv6 destination on an IPv4 socket: the kernel refuses that message alone
            final InetSocketAddress[] destinations = {address(a), new InetSocketAddress(InetAddress.getByName("::1"), 9)};
            fd = Libc.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
            try (SendmmsgBatch batch = new SendmmsgBatch(payload, SLOT_BYTES, destinations))
            {
                final int[] to = {0, 1, 0};
                for (int slot = 0; slot < 3; slot++)
                {
                    payload.setByte(slot * SLOT_BYTES, 'a' + slot);
                    batch.put(slot, to[slot], 8);
                }

                assertThat(batch.send(fd, 0, 3)).as("the message before the failed one went").isEqualTo(1);
                assertThat(batch.send(fd, 1, 2)).isEqualTo(-EAFNOSUPPORT);
                assertThat(batch.send(fd, 2, 1)).isEqualTo(1);
            }
            assertThat(receive(a)).containsExactly("a/8", "c/8");
        }
    }

    @Test
    void aBufferWithoutAMemoryAddressIsRefused()
    {
        final ByteBuf heap = Unpooled.buffer(SLOT_BYTES);
        try
        {
            assertThatThrownBy(() -> new SendmmsgBatch(heap, SLOT_BYTES, new InetSocketAddress[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no memory address");
        }
        finally
        {
            heap.release();
        }
    }

    private static DatagramChannel loopbackReceiver() throws Exception
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static InetSocketAddress address(final DatagramChannel channel) throws Exception
    {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    /**
     * @return each datagram queued as its first byte and its length, like {@code a/10}, once none more arrives.
     */
    private static List<String> receive(final DatagramChannel channel)
    {
        return QueuedDatagrams.drain(channel, SLOT_BYTES, datagram -> (char)datagram.get(0) + "/" + datagram.limit());
    }
}
