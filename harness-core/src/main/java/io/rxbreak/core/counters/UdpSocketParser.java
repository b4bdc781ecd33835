package io.rxbreak.core.counters;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/udp} and {@code /proc/net/udp6}: a header line, then one row per socket. Addresses are
 * raw network-order u32 groups printed as host-order numbers, so their decoding depends on the byte order of the
 * machine that wrote the file (little-endian for x86 and arm64 captures, the default).
 */
public final class UdpSocketParser
{
    private static final int ESTIMATED_ROW_BYTES = 128;
    /** Shared by every unconnected socket's remote address (and wildcard binds): never modified. */
    private static final byte[] WILDCARD_IPV4 = new byte[4];
    private static final byte[] WILDCARD_IPV6 = new byte[16];

    private final boolean littleEndian;

    /**
     * A parser for files written by a machine of this machine's byte order.
     */
    public UdpSocketParser()
    {
        this(ByteOrder.nativeOrder());
    }

    /**
     * @param writerOrder the byte order of the machine that wrote the files.
     */
    public UdpSocketParser(final ByteOrder writerOrder)
    {
        this.littleEndian = writerOrder == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * @param data the file's bytes.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @param ipv6 whether it is {@code udp6}.
     * @return every socket row.
     * @throws MalformedCounterException naming the line and what was expected.
     */
    public List<UdpSocket> parse(final byte[] data, final int length, final String source, final boolean ipv6)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        if (!cursor.nextLine())
        {
            throw cursor.failWhole("expected a header line starting with 'sl', found an empty file");
        }
        if (!cursor.lineStartsWith("sl"))
        {
            throw cursor.fail("expected the header line starting with 'sl'");
        }
        final List<UdpSocket> sockets = new ArrayList<>(length / ESTIMATED_ROW_BYTES + 1);
        while (cursor.nextLine())
        {
            sockets.add(parseRow(cursor, ipv6));
        }
        return sockets;
    }

    /**
     * @param file the file, for example {@code /proc/net/udp}.
     * @param files the reader to use.
     * @param ipv6 whether it is {@code udp6}.
     * @return its rows, or null when the file does not exist.
     */
    public List<UdpSocket> read(final Path file, final CounterFiles files, final boolean ipv6)
    {
        return files.read(file) ? parse(files.bytes(), files.length(), file.toString(), ipv6) : null;
    }

    private UdpSocket parseRow(final LineCursor cursor, final boolean ipv6)
    {
        cursor.decimal("sl (the bucket number)");
        cursor.expect(':', "after sl");
        cursor.skipSpaces();
        final byte[] local = address(cursor, ipv6, "local_address");
        cursor.expect(':', "between local address and port");
        final int localPort = (int)cursor.hexDigits(4, "local port");
        cursor.skipSpaces();
        final byte[] remote = address(cursor, ipv6, "rem_address");
        cursor.expect(':', "between remote address and port");
        final int remotePort = (int)cursor.hexDigits(4, "remote port");
        final int state = (int)cursor.hex("st (state)");
        final long txQueue = cursor.hex("tx_queue");
        cursor.expect(':', "between tx_queue and rx_queue");
        final long rxQueue = cursor.hex("rx_queue");
        cursor.hex("tr");
        cursor.expect(':', "between tr and tm->when");
        cursor.hex("tm->when");
        cursor.hex("retrnsmt");
        final long uid = cursor.decimal("uid");
        cursor.decimal("timeout");
        final long inode = cursor.decimal("inode");
        final long ref = cursor.decimal("ref");
        cursor.skipToken("pointer");
        final long drops = cursor.decimal("drops");
        if (!cursor.atLineEnd())
        {
            throw cursor.fail("expected the end of the line after drops");
        }
        return new UdpSocket(ipv6, local, localPort, remote, remotePort, state, txQueue, rxQueue, uid, inode, ref,
            drops);
    }

    private byte[] address(final LineCursor cursor, final boolean ipv6, final String what)
    {
        final int groups = ipv6 ? 4 : 1;
        final int start = cursor.position();
        if (isWildcard(cursor, groups * 8))
        {
            return ipv6 ? WILDCARD_IPV6 : WILDCARD_IPV4;
        }
        cursor.position(start);
        final byte[] address = new byte[groups * 4];
        for (int g = 0; g < groups; g++)
        {
            final int value = (int)cursor.hexDigits(8, what);
            final int at = g * 4;
            if (littleEndian)
            {
                address[at] = (byte)value;
                address[at + 1] = (byte)(value >>> 8);
                address[at + 2] = (byte)(value >>> 16);
                address[at + 3] = (byte)(value >>> 24);
            }
            else
            {
                address[at] = (byte)(value >>> 24);
                address[at + 1] = (byte)(value >>> 16);
                address[at + 2] = (byte)(value >>> 8);
                address[at + 3] = (byte)value;
            }
        }
        return address;
    }

    private static boolean isWildcard(final LineCursor cursor, final int digits)
    {
        for (int i = 0; i < digits; i++)
        {
            if (cursor.peek() != '0')
            {
                return false;
            }
            cursor.position(cursor.position() + 1);
        }
        return true;
    }
}
