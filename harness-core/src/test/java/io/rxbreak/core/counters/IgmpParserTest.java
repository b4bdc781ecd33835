package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class IgmpParserTest
{
    @Test
    void readsIpv4MembershipsPerDevice()
    {
        final byte[] data = ParseFixtures.bytes("/fixtures/igmp/igmp-real-with-group.txt");
        final List<GroupMembership> memberships = new IgmpParser().parseIgmp(data, data.length, "igmp");
        assertThat(memberships).extracting(m -> m.device() + " " + m.group().getHostAddress() + " " + m.users())
            .containsExactly("lo 239.1.2.3 1", "lo 224.0.0.1 1", "eth0 224.0.0.1 1");
    }

    @Test
    void readsIpv6MembershipsPerDevice()
    {
        final byte[] data = ParseFixtures.bytes("/fixtures/igmp/igmp6-real-6.18.txt");
        final List<GroupMembership> memberships = new IgmpParser().parseIgmp6(data, data.length, "igmp6");
        assertThat(memberships).hasSize(10);
        assertThat(memberships.get(0).device()).isEqualTo("lo");
        assertThat(memberships.get(0).group().getHostAddress()).isEqualTo("ff02:0:0:0:0:0:0:1");
        assertThat(memberships.get(6).group().getHostAddress()).isEqualTo("ff02:0:0:0:0:1:ff00:2");
    }
}
