package io.rxbreak.core.counters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the group memberships of {@code /proc/net/igmp} (a device line {@code IDX DEV : COUNT QUERIER}, then
 * one indented line per group: the address as a host-order hex u32, users, timer, reporter) and
 * {@code /proc/net/igmp6} (one line per group: index, device, 32 hex digits in network order, users, flags, timer).
 */
public final class IgmpParser
{
    private final boolean littleEndian;

    /**
     * A parser for files written by a machine of this machine's byte order.
     */
    public IgmpParser()
    {
        this.littleEndian = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * @param data the bytes of {@code /proc/net/igmp}.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return every membership.
     */
    public List<GroupMembership> parseIgmp(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        final List<GroupMembership> memberships = new ArrayList<>();
        if (!cursor.nextLine() || !cursor.lineStartsWith("Idx"))
        {
            throw cursor.failWhole("expected the header line starting with 'Idx'");
        }
        String device = null;
        while (cursor.nextLine())
        {
            if (!cursor.lineIndented())
            {
                cursor.decimal("the device index");
                device = cursor.token(':', "the device name");
                continue;
            }
            if (device == null)
            {
                throw cursor.fail("expected a device line before the group lines");
            }
            final long raw = cursor.hexDigits(8, "the group address");
            final int users = (int)cursor.decimal("users");
            memberships.add(new GroupMembership(device, ipv4(raw), users));
        }
        return memberships;
    }

    /**
     * @param data the bytes of {@code /proc/net/igmp6}.
     * @param length how many of them.
     * @param source the file's name, for errors.
     * @return every membership.
     */
    public List<GroupMembership> parseIgmp6(final byte[] data, final int length, final String source)
    {
        final LineCursor cursor = new LineCursor(data, length, source);
        final List<GroupMembership> memberships = new ArrayList<>();
        while (cursor.nextLine())
        {
            cursor.decimal("the device index");
            final String device = cursor.token(' ', "the device name");
            cursor.skipSpaces();
            final byte[] address = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                address[i] = (byte)cursor.hexDigits(2, "the group address");
            }
            final int users = (int)cursor.decimal("users");
            memberships.add(new GroupMembership(device, address(address), users));
        }
        return memberships;
    }

    /**
     * @param igmp {@code /proc/net/igmp} (or a per-process one).
     * @param igmp6 {@code /proc/net/igmp6}.
     * @param files the reader to use.
     * @return the memberships of both; a missing file adds none.
     */
    public List<GroupMembership> read(final Path igmp, final Path igmp6, final CounterFiles files)
    {
        final List<GroupMembership> all = new ArrayList<>();
        if (files.read(igmp))
        {
            all.addAll(parseIgmp(files.bytes(), files.length(), igmp.toString()));
        }
        if (files.read(igmp6))
        {
            all.addAll(parseIgmp6(files.bytes(), files.length(), igmp6.toString()));
        }
        return all;
    }

    private InetAddress ipv4(final long raw)
    {
        final int value = (int)raw;
        final byte[] bytes = littleEndian
            ? new byte[] {(byte)value, (byte)(value >>> 8), (byte)(value >>> 16), (byte)(value >>> 24)}
            : new byte[] {(byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value};
        return address(bytes);
    }

    private static InetAddress address(final byte[] bytes)
    {
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
