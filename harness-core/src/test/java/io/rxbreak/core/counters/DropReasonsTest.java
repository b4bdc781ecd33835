package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Drop reasons: the mapping by name and by function, TCP kept apart, differences, the JSON shape, and netstat
 * parsed by the snmp parser.
 */
class DropReasonsTest
{
    @Test
    void reasonsMapByNameAndNotSpecifiedByFunction()
    {
        assertThat(DropReasonKind.of("IP_RPFILTER", "ip_rcv_finish_core")).isEqualTo(DropReasonKind.IP_RPFILTER);
        assertThat(DropReasonKind.of("NOT_SPECIFIED", "ip_rcv_finish_core")).isEqualTo(DropReasonKind.NOT_A_MEMBER);
        assertThat(DropReasonKind.of("NOT_SPECIFIED", "__udp4_lib_rcv")).isEqualTo(DropReasonKind.NOT_JOINED_BY_SOCKET);
        assertThat(DropReasonKind.of("NOT_SPECIFIED", "ip6_mc_input")).isNull();
        assertThat(DropReasonKind.of("TCP_OLD_DATA", "tcp_data_queue")).isNull();
        assertThat(DropReasonKind.SOCKET_RCVBUFF.knob()).isEqualTo(Layer.SOCKET_BUFFER.knob());
        for (final DropReasonKind kind : DropReasonKind.values())
        {
            assertThat(kind.meaning()).isNotBlank();
            assertThat(kind.knob()).isNotBlank();
        }
    }

    @Test
    void tcpFreesAreKeptApartAndDifferencesAreByReasonAndFunction()
    {
        final DropReasons before = new DropReasons(List.of(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 5),
            new DropReasonCount("NO_SOCKET", "tcp_v4_rcv", 7)), 0, null);
        final DropReasons after = new DropReasons(List.of(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 1004),
            new DropReasonCount("NO_SOCKET", "tcp_v4_rcv", 9), new DropReasonCount("NO_SOCKET", "__udp4_lib_rcv", 3)), 2,
            null);
        final DropReasons delta = after.minus(before);
        assertThat(delta.counts()).containsExactly(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 999),
            new DropReasonCount("NO_SOCKET", "__udp4_lib_rcv", 3), new DropReasonCount("NO_SOCKET", "tcp_v4_rcv", 2));
        assertThat(delta.lostRecords()).isEqualTo(2);
        assertThat(delta.count("NO_SOCKET")).as("TCP frees left out").isEqualTo(3);
        assertThat(delta.drops(Layer.ROUTING_FILTERING)).isEqualTo(1002);
        assertThat(after.minus(DropReasons.unavailable("not root")).available()).isFalse();
    }

    @Test
    void theJsonSaysMachineWideAndNamesLayerMeaningAndKnob()
    {
        final ObjectNode node = CountersJson.mapper().createObjectNode();
        CountersJson.dropReasons(node, new DropReasons(List.of(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core",
            999), new DropReasonCount("XDP", "?", 1)), 0, null));
        final JsonNode reasons = node.path("dropReasons");
        assertThat(reasons.path("available").asBoolean()).isTrue();
        assertThat(reasons.path("machineWide").asBoolean()).isTrue();
        assertThat(reasons.path("reasons").get(0).path("layer").asText()).isEqualTo("routing-filtering");
        assertThat(reasons.path("reasons").get(0).path("transport").asText()).isEqualTo("network");
        assertThat(reasons.path("reasons").get(0).path("knob").asText()).contains("rp_filter");
        assertThat(reasons.path("reasons").get(1).path("layer").asText()).isEqualTo("other");
        assertThat(reasons.path("reasons").get(1).path("meaning").isNull()).isTrue();
    }

    @Test
    void netstatIsReadByTheSnmpParser()
    {
        final byte[] data = ParseFixtures.bytes("/fixtures/netstat/linux-6.18-namespace.txt");
        final SnmpCounters netstat = new SnmpParser().parse(data, data.length, "netstat");
        assertThat(netstat.sections()).containsOnlyKeys("TcpExt", "IpExt", "MPTcpExt");
        assertThat(netstat.value("TcpExt", "IPReversePathFilter")).isZero();
        assertThat(netstat.value("IpExt", "InNoRoutes")).isZero();
        assertThat(netstat.section("TcpExt")).hasSizeGreaterThan(100);
    }
}
