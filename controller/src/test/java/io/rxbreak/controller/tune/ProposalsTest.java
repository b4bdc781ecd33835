package io.rxbreak.controller.tune;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.control.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fix proposed for each layer, computed from a run's figures, with its sysctl.d fragment, its TuneD section and
 * the sweep that verifies it.
 */
class ProposalsTest
{
    private static final Map<String, String> TUNABLES = Map.of("net.core.rmem_max", "212992",
        "net.core.rmem_default", "212992", "net.core.netdev_max_backlog", "1000", "net.core.netdev_budget", "300",
        "net.core.netdev_budget_usecs", "2000", "net.ipv4.udp_mem", "188088 250785 376176");
    private static final List<String> COMMAND = List.of("ramp", "--throttle", "rate:20000", "--rcvbuf", "416KiB",
        "--out", "runs/x", "--json=r.json", "--sandbox");

    private static BreakFigures figures(final String layer, final long drops)
    {
        return new BreakFigures(layer, false, 20_312, drops, 1024L, 832L, 851_968L, 0L, List.of());
    }

    @Test
    void aSocketBufferGetsTheBufferThatHoldsWhatItHeldAndLostWithAQuarterMore()
    {
        final Proposal proposal = Proposals.of(figures("socket-buffer", 590), TUNABLES, COMMAND);

        // (1,024 held + 590 lost) x 832 B = 1,342,848 B; a quarter more: 1,678,560 B; a power of two: 2 MiB
        assertThat(proposal.kind()).isEqualTo(ProposalKind.SYSCTL);
        assertThat(proposal.sysctls()).containsExactly(
            new ProposedSetting("net.core.rmem_max", "212992", "2097152"),
            new ProposedSetting("net.core.rmem_default", "212992", "2097152"));
        assertThat(proposal.rcvbufBytes()).isEqualTo(1_048_576L);
        assertThat(proposal.sysctlD()).isEqualTo("# /etc/sysctl.d/90-rxbreak.conf: proposed by rxbreak for the "
            + "socket-buffer layer, which broke first at 20,312 msgs/s\nnet.core.rmem_max = 2097152\n"
            + "net.core.rmem_default = 2097152\n");
        assertThat(proposal.tuned()).isEqualTo("[sysctl]\nnet.core.rmem_max=2097152\nnet.core.rmem_default=2097152\n");
        // the request now (half of 851,968 granted) against the proposed one, forced past rmem_max
        assertThat(proposal.sweep()).containsExactly("sweep", "rcvbuf=425984,1048576", "--throttle", "rate:20000",
            "--sandbox", "--rcvbuf-force");
        final Map<String, String> raised = new HashMap<>(TUNABLES);
        raised.put("net.core.rmem_max", "4194304");
        assertThat(Proposals.of(figures("socket-buffer", 590), raised, COMMAND).sysctls()).as("a limit already above "
            + "the buffer stays").containsExactly(new ProposedSetting("net.core.rmem_default", "212992", "2097152"));
    }

    @Test
    void aSoftirqBacklogGetsTheBacklogThatHoldsItsDropsAndMoreBudgetWhenItRanOut()
    {
        final BreakFigures squeezed = new BreakFigures("softirq-backlog", false, 90_000, 3_000, null, null, null, 12L, List.of());

        final Proposal proposal = Proposals.of(squeezed, TUNABLES, COMMAND);

        // (1,000 + 3,000) x 1.25 = 5,000, a power of two: 8,192
        assertThat(proposal.sysctls()).containsExactly(
            new ProposedSetting("net.core.netdev_max_backlog", "1000", "8192"),
            new ProposedSetting("net.core.netdev_budget", "300", "600"),
            new ProposedSetting("net.core.netdev_budget_usecs", "2000", "4000"));
        assertThat(proposal.rcvbufBytes()).isNull();
        assertThat(proposal.sweep()).startsWith("sweep", "net.core.netdev_max_backlog=1000,8192", "--throttle");
        final BreakFigures unsqueezed = new BreakFigures("softirq-backlog", false, 90_000, 3_000, null, null, null, 0L, List.of());
        assertThat(Proposals.of(unsqueezed, TUNABLES, COMMAND).sysctls()).hasSize(1);
    }

    @Test
    void globalUdpMemoryGetsThePagesItsDropsNeeded()
    {
        final BreakFigures figures = new BreakFigures("global-udp-memory", false, 50_000, 10_000, null, 768L, null,
            null, List.of());

        final Proposal proposal = Proposals.of(figures, TUNABLES, COMMAND);

        // 10,000 x 768 B = 1,875 pages, a quarter more: 2,344; pressure 250,785 + 2,344 -> 262,144; max -> 524,288
        assertThat(proposal.sysctls()).containsExactly(
            new ProposedSetting("net.ipv4.udp_mem", "188088 250785 376176", "188088 262144 524288"));
        assertThat(proposal.sweep().get(1)).isEqualTo("net.ipv4.udp_mem=188088 250785 376176,188088 262144 524288");
    }

    @Test
    void theNicTheApplicationAReceiverThatFellBehindAndUnexplainedLossGetNoSysctl()
    {
        assertThat(Proposals.of(figures("nic", 10), TUNABLES, COMMAND).kind()).isEqualTo(ProposalKind.ETHTOOL);
        assertThat(Proposals.of(figures("application", 10), TUNABLES, COMMAND).kind())
            .isEqualTo(ProposalKind.APPLICATION);
        assertThat(Proposals.of(figures("unexplained", 10), TUNABLES, COMMAND).kind())
            .isEqualTo(ProposalKind.UNEXPLAINED);
        final BreakFigures slower = new BreakFigures("socket-buffer", true, 20_312, 0, 1024L, 832L, null, null, List.of());
        final Proposal behind = Proposals.of(slower, TUNABLES, COMMAND);
        assertThat(behind.kind()).isEqualTo(ProposalKind.SLOWER_THAN_LOAD);
        assertThat(behind.sysctls()).isEmpty();
        assertThat(behind.sweep()).isEmpty();
        assertThat(behind.sysctlD()).isNull();
        assertThat(Proposals.of(null, TUNABLES, COMMAND)).isNull();
    }

    @Test
    void reversePathFilteringGetsLooseModeAndOtherRoutingOrValidationLossNoSysctl()
    {
        final BreakFigures rpFilter = new BreakFigures("routing-filtering", false, 20_000, 999, null, null, null, null,
            List.of("IP_RPFILTER"));
        final Proposal loose = Proposals.of(rpFilter, Map.of("net.ipv4.conf.all.rp_filter", "1"), COMMAND);
        assertThat(loose.kind()).isEqualTo(ProposalKind.SYSCTL);
        assertThat(loose.sysctls()).containsExactly(new ProposedSetting("net.ipv4.conf.all.rp_filter", "1", "2"));
        assertThat(loose.sweep().get(1)).isEqualTo("net.ipv4.conf.all.rp_filter=1,2");

        final BreakFigures firewall = new BreakFigures("routing-filtering", false, 20_000, 999, null, null, null, null,
            List.of("NETFILTER_DROP"));
        assertThat(Proposals.of(firewall, TUNABLES, COMMAND).kind()).isEqualTo(ProposalKind.FILTER);
        assertThat(Proposals.of(firewall, TUNABLES, COMMAND).sysctls()).isEmpty();
        assertThat(Proposals.of(figures("validation", 10), TUNABLES, COMMAND).kind())
            .isEqualTo(ProposalKind.VALIDATION);
    }

    @Test
    void theJsonHoldsTheFragmentsForReadersAndReadsBackToTheSameProposal() throws Exception
    {
        final Proposal proposal = Proposals.of(figures("socket-buffer", 590), TUNABLES, COMMAND);

        final String json = Json.toLine(proposal);
        final JsonNode tree = Json.MAPPER.readTree(json);

        assertThat(tree.path("kind").asText()).isEqualTo("SYSCTL");
        assertThat(tree.path("sysctlD").asText()).isEqualTo(proposal.sysctlD());
        assertThat(tree.path("tuned").asText()).isEqualTo(proposal.tuned());
        assertThat(Json.TOLERANT.readValue(json, Proposal.class)).isEqualTo(proposal);
    }

    @Test
    void powersOfTwo()
    {
        assertThat(Proposals.powerOfTwoAbove(1)).isEqualTo(1);
        assertThat(Proposals.powerOfTwoAbove(4096)).isEqualTo(4096);
        assertThat(Proposals.powerOfTwoAbove(4097)).isEqualTo(8192);
    }
}
