package io.rxbreak.core.counters;

import java.nio.charset.StandardCharsets;

import io.rxbreak.testsupport.Fixtures;

/**
 * Parses fixture files with the parsers under test.
 */
final class ParseFixtures
{
    private ParseFixtures()
    {
    }

    static byte[] bytes(final String resource)
    {
        return Fixtures.text(resource).getBytes(StandardCharsets.US_ASCII);
    }

    static SoftnetStat softnet(final String name)
    {
        final byte[] data = bytes("/fixtures/softnet_stat/" + name);
        return new SoftnetStatParser().parse(data, data.length, name);
    }

    static java.util.List<UdpSocket> udp(final String name, final boolean ipv6)
    {
        final byte[] data = bytes("/fixtures/udp/" + name);
        return new UdpSocketParser(java.nio.ByteOrder.LITTLE_ENDIAN).parse(data, data.length, name, ipv6);
    }

    static SnmpCounters snmp(final String name)
    {
        final byte[] data = bytes("/fixtures/snmp/" + name);
        return new SnmpParser().parse(data, data.length, name);
    }

    static java.util.Map<String, NetDevInterface> dev(final String name)
    {
        final byte[] data = bytes("/fixtures/dev/" + name);
        return new NetDevParser().parse(data, data.length, name);
    }
}
