package io.rxbreak.receiver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rxbreak.core.wire.MessageHeader;

/**
 * A small paced multicast sender of valid rxbreak messages for the receiver's tests (the real one is
 * {@code rxbreak send}); host-only by default: IP_MULTICAST_IF is the named interface (lo) and the TTL is 0. An
 * IPv6 group ({@code [ff15::1]:5000}) goes through an INET6 socket; it needs a veth and {@code --ttl 1} (the kernel
 * does not deliver IPv6 multicast over lo).
 *
 * <pre>
 * TestSender GROUP:PORT [--count N] [--size BYTES] [--rate PER_SECOND (0: as fast as it goes)] [--stream ID]
 *            [--trial ID] [--markers M] [--end-on-stdin] [--interface lo] [--ttl 0] [--start-seq S]
 * </pre>
 * Prints {@code DATA_DONE sent=N} after the data; with {@code --end-on-stdin} it then waits for a line on stdin
 * before sending its M end-of-trial markers (each carrying the count sent); prints {@code SENT count=N markers=M}.
 */
public final class TestSender
{
    private TestSender()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String[] groupPort = args[0].split(":(?=[0-9]+$)");
        final InetSocketAddress target = new InetSocketAddress(
            InetAddress.getByName(groupPort[0].replace("[", "").replace("]", "")), Integer.parseInt(groupPort[1]));
        long count = 1000;
        int size = 64;
        long rate = 0;
        int stream = 1;
        int trial = 1;
        int markers = 3;
        boolean endOnStdin = false;
        String interfaceName = "lo";
        int ttl = 0;
        long startSeq = 0;
        for (int i = 1; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--count": count = Long.parseLong(args[++i]); break;
                case "--size": size = Integer.parseInt(args[++i]); break;
                case "--rate": rate = Long.parseLong(args[++i]); break;
                case "--stream": stream = Integer.parseInt(args[++i]); break;
                case "--trial": trial = Integer.parseInt(args[++i]); break;
                case "--markers": markers = Integer.parseInt(args[++i]); break;
                case "--end-on-stdin": endOnStdin = true; break;
                case "--interface": interfaceName = args[++i]; break;
                case "--ttl": ttl = Integer.parseInt(args[++i]); break;
                case "--start-seq": startSeq = Long.parseLong(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final byte[] bytes = new byte[size];
        final ByteBuf header = Unpooled.wrappedBuffer(bytes);
        final ByteBuffer datagram = ByteBuffer.wrap(bytes);
        try (DatagramChannel channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address ?
            StandardProtocolFamily.INET6 : StandardProtocolFamily.INET))
        {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(interfaceName));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
            final long startNs = System.nanoTime();
            final double nsPerMessage = rate > 0 ? 1e9 / rate : 0;
            for (long i = 0; i < count; i++)
            {
                final long intendedNs = startNs + (long)(i * nsPerMessage);
                while (rate > 0 && System.nanoTime() - intendedNs < 0)
                {
                    Thread.onSpinWait();
                }
                final long epochNs = epochNs(intendedNs);
                MessageHeader.encode(header, 0, 0, size, stream, trial, startSeq + i, epochNs);
                datagram.clear();
                channel.send(datagram, target);
            }
            System.out.println("DATA_DONE sent=" + count);
            System.out.flush();
            if (endOnStdin)
            {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            for (int m = 0; m < markers; m++)
            {
                MessageHeader.encode(header, 0, MessageHeader.FLAG_END_OF_TRIAL, size, stream, trial,
                    startSeq + count, epochNs(System.nanoTime()));
                datagram.clear();
                channel.send(datagram, target);
            }
            System.out.println("SENT count=" + count + " markers=" + markers);
            System.out.flush();
        }
    }

    private static final io.rxbreak.core.time.EpochClock CLOCK = io.rxbreak.core.time.EpochClock.system();

    private static long epochNs(final long nanoTime)
    {
        return CLOCK.toEpochNs(nanoTime);
    }
}
