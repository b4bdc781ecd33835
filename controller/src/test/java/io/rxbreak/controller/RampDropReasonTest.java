package io.rxbreak.controller;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PacketCapture;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss whose only cause is a firewall, end to end: an nftables rule in the ramp's namespace drops the group's
 * datagrams beyond {@value #LIMIT_PER_S} a second, the receiver (unthrottled, a large buffer) takes everything that
 * passes, and the verify gate offers twice that rate from a sender with UDP GSO off ({@code ramp --gso off}). The
 * gate must fail (exit 3) with every lost datagram placed in routing/filtering, named by the kernel's drop reason {@code NETFILTER_DROP} and the function that freed it, and
 * nothing left unexplained: sent = received + routing/filtering drops. (How exactly nftables' token bucket meters
 * the rate is its own business: the test asserts where the loss went, not the bucket's precision.)
 */
class RampDropReasonTest
{
    private static final int LIMIT_PER_S = 8_000;
    private static final String GROUP = "239.255.77.11:47011";

    @TempDir
    Path runs;

    @Test
    void aFirewallsDropsAreRoutingFilteringNamedByTheKernelsReason() throws Exception
    {
        Privileges.assumeRoot("a private network namespace, an nftables rule and a tracefs instance");
        PacketCapture.assumeInstalled("nft", "nftables");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final Path rules = runs.resolve("limit.nft");
            Files.writeString(rules, "table inet rxbreak_ramp_test {\n  chain input {\n"
                + "    type filter hook input priority 0\n"
                + "    udp dport 47011 limit rate over " + LIMIT_PER_S + "/second drop\n"
                + "  }\n}\n");
            ns.exec("nft", "-f", rules.toString());

            // UDP GSO off: a dropped packet is then one datagram (a GSO packet on loopback holds up to 64, and the
            // kernel's reasons, like every packet counter, count packets)
            final RampProcess ramp = RampProcess.start(ns, runs.resolve("run"), "--group", GROUP, "--rcvbuf", "8MiB",
                "--rcvbuf-force", "--gso", "off", "--verify-rate", Integer.toString(2 * LIMIT_PER_S), "--duration", "1s",
                "--warm-up", "250ms", "--confirm-duration", "1s", "--confirm-trial-duration", "1s", "--no-warm-up-trial");
            assertThat(ramp.waitFor(Duration.ofMinutes(2))).as("the gate did not hold: " + ramp.output()).isEqualTo(3);

            final List<JsonNode> failed = ramp.trials().stream()
                .filter(trial -> trial.path("verdict").asText().equals("FAIL")).toList();
            assertThat(failed).as(ramp.output()).isNotEmpty();
            for (final JsonNode trial : failed)
            {
                final long lost = trial.path("lost").asLong();
                assertThat(lost).as(trial.toString()).isPositive();
                assertThat(trial.path("sent").asLong()).as(trial.toString())
                    .isEqualTo(trial.path("received").asLong() + lost);
                assertThat(trial.path("dropsByLayer").path("routing-filtering").asLong()).as(trial.toString())
                    .isEqualTo(lost);
                assertThat(trial.path("unexplained").asLong()).as(trial.toString()).isZero();
            }
            final JsonNode first = ramp.report().path("attribution").get(0);
            assertThat(first.path("layer").asText()).as(ramp.output()).isEqualTo("routing-filtering");
            assertThat(first.path("kernelReasons").toString()).as(ramp.output())
                .contains("NETFILTER_DROP").contains("nft_do_chain");
            assertThat(ramp.report().path("proposal").path("kind").asText()).as("a firewall is no sysctl's to fix")
                .isEqualTo("FILTER");
            assertThat(ramp.process().stdout()).contains("broke first: routing-filtering")
                .contains("kernel reason NETFILTER_DROP");
        }
    }
}
