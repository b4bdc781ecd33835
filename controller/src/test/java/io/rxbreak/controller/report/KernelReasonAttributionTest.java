package io.rxbreak.controller.report;

import java.util.List;

import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.controller.trial.LayerLoss;
import io.rxbreak.controller.trial.TrialJudge;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRecord;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss that no trial counter saw is named by the kernel's drop reasons: the routing/filtering layer takes what
 * IP_RPFILTER explains, the attribution carries the reason with its meaning and knob, and a reason rxbreak does not
 * map is shown by its kernel name beside the loss that stays unexplained.
 */
class KernelReasonAttributionTest
{
    private static final TrialJudge JUDGE = new TrialJudge(0.01, 0, 0.002);

    @Test
    void theReversePathFilterNamesLossNoCounterSaw()
    {
        final DropReasons reasons = new DropReasons(List.of(
            new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 999),
            new DropReasonCount("XDP", "?", 1),
            new DropReasonCount("NO_SOCKET", "tcp_v4_rcv", 12)), 0, null);
        final TrialRequest request = new TrialRequest(1, 1, TrialPhase.RAMP, "ndr", 1_000, 0, 1_000_000_000L,
            1_000_000_000L);
        final TrialRecord record = JUDGE.judge(request, TrialResult.builder().achievedRate(1_000).sent(1_000)
            .received(0).socketDrops("s", 0).dropReasons(reasons).build());

        assertThat(record.result().dropsByLayer()).containsEntry(Layer.ROUTING_FILTERING, 999L);
        assertThat(record.unexplained()).isEqualTo(1);
        final List<AttributionEntry> attribution = BreakAttribution.at(List.of(record), 1_000L);
        assertThat(attribution).extracting(AttributionEntry::layer)
            .containsExactly(Layer.ROUTING_FILTERING.label(), LayerLoss.UNEXPLAINED);
        assertThat(attribution.get(0).kernelReasons())
            .containsExactly(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 999));
        assertThat(attribution.get(1).kernelReasons()).as("unmapped, and no TCP")
            .containsExactly(new DropReasonCount("XDP", "?", 1));
        assertThat(ConsoleSummary.kernelReason(attribution.get(0).kernelReasons().get(0)))
            .isEqualTo("kernel reason IP_RPFILTER in ip_rcv_finish_core: 999 (machine-wide): the reverse-path filter "
                + "refused it: the source is not routed back through the interface it came in on (TcpExt "
                + "IPReversePathFilter); to change: route the source back through this interface, or set "
                + "net.ipv4.conf.{all,DEV}.rp_filter to 2 (loose) or 0");
    }

    @Test
    void aFilterThatDroppedGsoPacketsSaysThatTheUnexplainedRestIsLikelyItsToo()
    {
        // the case RampDropReasonTest met with GSO on: 1,141 packets freed by nftables, 4,176 datagrams lost
        final DropReasons reasons = new DropReasons(List.of(
            new DropReasonCount("NETFILTER_DROP", "nft_do_chain", 1_141)), 0, null);
        final TrialRequest request = new TrialRequest(1, 1, TrialPhase.CONFIRM, "ndr", 16_000, 0, 1_000_000_000L,
            1_000_000_000L);
        final TrialResult.Builder result = TrialResult.builder().achievedRate(16_000).sent(19_970).received(15_794)
            .socketDrops("s", 0).dropReasons(reasons);
        final TrialRecord packed = JUDGE.judge(request, result.datagramsPerPacket(6.0).build());
        final TrialRecord unpacked = JUDGE.judge(request, result.datagramsPerPacket(1.0).build());

        final AttributionEntry said = BreakAttribution.at(List.of(packed), 16_000L).get(0);
        assertThat(said.layer()).isEqualTo(LayerLoss.UNEXPLAINED);
        assertThat(said.drops()).isEqualTo(4_176 - 1_141);
        assertThat(said.knob()).startsWith("the sender put 6.0 datagrams in a packet on average (UDP GSO)")
            .endsWith("ramp --gso off makes every count a datagram");
        assertThat(BreakAttribution.at(List.of(unpacked), 16_000L).get(0).knob())
            .isEqualTo(AttributionEntry.UNEXPLAINED_KNOB);
    }
}
