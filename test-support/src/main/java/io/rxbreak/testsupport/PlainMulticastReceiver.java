package io.rxbreak.testsupport;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A plain multicast receiving program that is not rxbreak's (java.nio, one datagram per read): the peer that
 * tests send to, and the "user's own application" of observe mode. Prints {@code READY pid=P} once joined, and
 * {@code RESULT received=N bytes=B} when its standard input closes or, with {@code --idle}, when nothing arrived
 * for that long after the first datagram.
 *
 * <pre>
 * PlainMulticastReceiver GROUP:PORT [--interface lo] [--rcvbuf BYTES] [--hold] [--delay-us N] [--dump FILE]
 *                        [--idle MS] [--no-join]
 * </pre>
 * {@code --hold} joins and never reads (the socket buffer overflows); {@code --delay-us} sleeps after every datagram
 * (a slow consumer); {@code --dump} writes every datagram as a 4-byte length and its bytes; {@code --no-join} binds
 * the wildcard address on the port and joins nothing (a socket bound to the port but not a member).
 */
public final class PlainMulticastReceiver
{
    private PlainMulticastReceiver()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String[] groupPort = args[0].split(":(?=[0-9]+$)");
        final InetAddress group = InetAddress.getByName(groupPort[0].replace("[", "").replace("]", ""));
        final int port = Integer.parseInt(groupPort[1]);
        String interfaceName = "lo";
        int rcvbuf = 0;
        boolean hold = false;
        long delayUs = 0;
        Path dump = null;
        long idleMs = 0;
        boolean join = true;
        for (int i = 1; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--interface": interfaceName = args[++i]; break;
                case "--rcvbuf": rcvbuf = Integer.parseInt(args[++i]); break;
                case "--hold": hold = true; break;
                case "--delay-us": delayUs = Long.parseLong(args[++i]); break;
                case "--dump": dump = Path.of(args[++i]); break;
                case "--idle": idleMs = Long.parseLong(args[++i]); break;
                case "--no-join": join = false; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final ProtocolFamily family = group.getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        final NetworkInterface nif = NetworkInterface.getByName(interfaceName);
        try (DatagramChannel channel = DatagramChannel.open(family))
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (rcvbuf > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            if (join)
            {
                channel.bind(new InetSocketAddress(group, port));
                channel.join(group, nif);
            }
            else
            {
                channel.bind(new InetSocketAddress(port));
            }
            final java.nio.channels.Channel toClose = channel;
            final Thread stdinWatcher = new Thread(() ->
            {
                try
                {
                    while (System.in.read() >= 0)
                    {
                        // wait for end of input
                    }
                }
                catch (final IOException ignored)
                {
                    // end of input all the same
                }
                try
                {
                    toClose.close();
                }
                catch (final IOException ignored)
                {
                    // closing to end the receive loop
                }
            }, "stdin-watcher");
            stdinWatcher.setDaemon(true);
            stdinWatcher.start();
            System.out.println("READY pid=" + ProcessHandle.current().pid());
            System.out.flush();
            if (hold)
            {
                stdinWatcher.join();
                System.out.println("RESULT received=0 bytes=0");
                return;
            }
            receive(channel, delayUs, dump, idleMs);
        }
    }

    private static void receive(final DatagramChannel channel, final long delayUs, final Path dump, final long idleMs)
        throws IOException, InterruptedException
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        long received = 0;
        long bytes = 0;
        final OutputStream dumpFile = dump == null ? OutputStream.nullOutputStream() : Files.newOutputStream(dump);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(dumpFile)))
        {
            if (idleMs > 0)
            {
                channel.configureBlocking(false);
            }
            long lastNs = 0;
            while (channel.isOpen())
            {
                buffer.clear();
                final Object from;
                try
                {
                    from = channel.receive(buffer);
                }
                catch (final IOException closed)
                {
                    break;
                }
                if (from == null)
                {
                    if (received > 0 && System.nanoTime() - lastNs > TimeUnit.MILLISECONDS.toNanos(idleMs))
                    {
                        break;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                lastNs = System.nanoTime();
                buffer.flip();
                received++;
                bytes += buffer.remaining();
                if (dump != null)
                {
                    out.writeInt(buffer.remaining());
                    final byte[] data = new byte[buffer.remaining()];
                    buffer.get(data);
                    out.write(data);
                }
                if (delayUs > 0)
                {
                    TimeUnit.MICROSECONDS.sleep(delayUs);
                }
            }
        }
        System.out.println("RESULT received=" + received + " bytes=" + bytes);
        System.out.flush();
    }
}
