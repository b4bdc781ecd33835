package io.rxbreak.core.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.rxbreak.core.counters.tracing.DropReasonCounter;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PacketCapture;
import io.rxbreak.testsupport.PlainMulticastReceiver;
import io.rxbreak.testsupport.PlainMulticastSender;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.RawUdpSender;
import io.rxbreak.testsupport.VethPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real drops the five receive-path layers do not see, reproduced on the real kernel between two private network
 * namespaces joined by a veth pair (A sends, B receives; 198.18.1.0/30), each found by the kernel's drop reason
 * ({@code skb:kfree_skb}), its freeing function, the {@link Layer} rxbreak puts it in and, where the kernel has one,
 * the namespace's counter:
 * <ul>
 * <li>a source B cannot route back to, rp_filter 1: {@code IP_RPFILTER}, TcpExt IPReversePathFilter;</li>
 * <li>an nftables drop rule in B: {@code NETFILTER_DROP} (no counter);</li>
 * <li>a socket bound to the port that joined nothing, nobody else a member: {@code NOT_SPECIFIED} freed by
 * {@code ip_rcv_finish_core} (the route lookup refuses a group nobody joined on the device; only Ip InReceives
 * moves). Measured besides: had another socket on the host joined the group, the bound socket would have received
 * every datagram (IP_MULTICAST_ALL 1, the default); with IP_MULTICAST_ALL 0 the kernel frees them in
 * {@code __udp4_lib_rcv}, again {@code NOT_SPECIFIED}, and counts Udp IgnoredMulti;</li>
 * <li>a wrong UDP checksum from a raw socket: {@code UDP_CSUM}, Udp InCsumErrors.</li>
 * </ul>
 * The tracepoint is machine-wide: the counts asserted are those of the reason and function each case makes, exact
 * for IP_RPFILTER, NETFILTER_DROP and UDP_CSUM, which nothing else here produces; NOT_SPECIFIED in
 * ip_rcv_finish_core also frees the receivers' own IGMP reports in the sending namespace, so there the namespace's
 * counters are the exact figure and the reason may exceed it by {@link #MACHINE_NOISE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DropReasonsInNamespacesTest
{
    private static final int SENT = 1000;
    private static final String UNROUTABLE_SOURCE = "198.19.0.9";
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);
    /**
     * What the machine-wide reasons may add to a layer besides the case's own datagrams: the receivers' IGMP reports
     * freed in the sending namespace (a few per join and leave), IPv6 neighbour discovery on the veth (ip6_mc_input).
     */
    private static final long MACHINE_NOISE = 10;

    private NetworkNamespace sending;
    private NetworkNamespace receiving;
    private VethPair veth;
    private DropReasonCounter reasons;

    @BeforeAll
    void createNamespaces()
    {
        Privileges.assumeRoot("private network namespaces, nftables and a tracefs instance");
        sending = NetworkNamespace.create();
        receiving = NetworkNamespace.create();
        veth = VethPair.create(sending, receiving);
        sending.exec("ip", "addr", "add", UNROUTABLE_SOURCE + "/32", "dev", "lo");
        receiving.exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf." + veth.nameB() + ".rp_filter=1");
        reasons = DropReasonCounter.open(Path.of("/sys"), Path.of("/proc"));
    }

    @AfterAll
    void removeNamespaces()
    {
        if (reasons != null)
        {
            reasons.close();
            assertThat(Files.exists(reasons.instanceDir())).as(reasons.instanceDir() + " removed").isFalse();
        }
        if (veth != null)
        {
            veth.close();
        }
        if (receiving != null)
        {
            receiving.close();
        }
        if (sending != null)
        {
            sending.close();
        }
    }

    @Test
    void aSourceNotRoutableBackIsRefusedByTheReversePathFilter()
    {
        final String target = "239.255.61.1:41001";
        final Observed observed = observe(target, false, () -> sending.startJava(RawUdpSender.class, target,
            "--source", UNROUTABLE_SOURCE, "--interface", VethPair.ADDRESS_A, "--count", Integer.toString(SENT)),
            "IP_RPFILTER");
        assertThat(observed.reasons.count("IP_RPFILTER")).isEqualTo(SENT);
        assertThat(only(observed.reasons, "IP_RPFILTER").kind()).isEqualTo(DropReasonKind.IP_RPFILTER);
        assertThat(observed.diff.netstatDelta("TcpExt", "IPReversePathFilter")).isEqualTo(SENT);
        // The layer takes the larger of the namespace's counters and the machine-wide reasons: here B's own IGMP
        // report for its join, which A frees (A joined nothing: NOT_SPECIFIED in ip_rcv_finish_core), adds one.
        assertThat(observed.diff.layer(Layer.ROUTING_FILTERING).drops()).isBetween((long)SENT, SENT + MACHINE_NOISE);
    }

    @Test
    void anNftablesDropRuleIsNamed() throws Exception
    {
        PacketCapture.assumeInstalled("nft", "nftables");
        final String target = "239.255.61.2:41002";
        final Path rules = Files.createTempFile("rxbreak-nft", ".nft");
        try
        {
            Files.writeString(rules, "table inet rxbreak_test {\n  chain input {\n    type filter hook input priority 0\n"
                + "    udp dport 41002 drop\n  }\n}\n");
            receiving.exec("nft", "-f", rules.toString());
        }
        finally
        {
            Files.delete(rules);
        }
        try
        {
            final Observed observed = observe(target, false, () -> sending.startJava(PlainMulticastSender.class, target,
                "--interface", veth.nameA(), "--ttl", "1", "--count", Integer.toString(SENT)), "NETFILTER_DROP");
            assertThat(observed.reasons.count("NETFILTER_DROP")).isEqualTo(SENT);
            assertThat(only(observed.reasons, "NETFILTER_DROP").function()).isEqualTo("nft_do_chain");
            assertThat(observed.diff.layer(Layer.ROUTING_FILTERING).drops()).isBetween((long)SENT, SENT + MACHINE_NOISE);
            assertThat(observed.diff.layer(Layer.ROUTING_FILTERING).note())
                .as("no namespace counter sees a netfilter drop: the reasons and the counters differ, and it says so")
                .contains("larger is taken");
            assertThat(observed.diff.snmpDelta("Udp", "InErrors")).isZero();
        }
        finally
        {
            receiving.exec("nft", "delete", "table", "inet", "rxbreak_test");
        }
    }

    @Test
    void aSocketBoundToThePortThatJoinedNothingNeverSeesTheGroup()
    {
        final String target = "239.255.61.3:41003";
        final Observed observed = observe(target, true, () -> sending.startJava(PlainMulticastSender.class, target,
            "--interface", veth.nameA(), "--ttl", "1", "--count", Integer.toString(SENT)), "NOT_SPECIFIED");
        // IPv6 neighbour discovery on the veth is freed with NOT_SPECIFIED too, in ip6_mc_input: the function tells.
        // The IGMP reports of the other cases' joins and leaves (sent again up to a second later) are freed the same
        // way in the sending namespace, which joined nothing: the namespace's Ip counters below are the exact figure.
        final DropReasonCount freed = freed(observed.reasons, "NOT_SPECIFIED", "ip_rcv_finish_core");
        assertThat(freed.count()).isBetween((long)SENT, SENT + MACHINE_NOISE);
        assertThat(freed.kind()).isEqualTo(DropReasonKind.NOT_A_MEMBER);
        assertThat(observed.diff.layer(Layer.ROUTING_FILTERING).drops()).isBetween((long)SENT, SENT + MACHINE_NOISE);
        assertThat(observed.diff.snmpDelta("Ip", "InReceives")).isEqualTo(SENT);
        assertThat(observed.diff.snmpDelta("Ip", "InDelivers")).isZero();
        assertThat(observed.diff.snmpDelta("Udp", "NoPorts")).isZero();
        assertThat(observed.diff.snmpDelta("Udp", "IgnoredMulti")).isZero();
    }

    @Test
    void aWrongUdpChecksumIsCountedAsValidation()
    {
        final String target = "239.255.61.4:41004";
        final Observed observed = observe(target, false, () -> sending.startJava(RawUdpSender.class, target,
            "--source", VethPair.ADDRESS_A, "--count", Integer.toString(SENT), "--bad-checksum"), "UDP_CSUM");
        assertThat(observed.reasons.count("UDP_CSUM")).isEqualTo(SENT);
        assertThat(only(observed.reasons, "UDP_CSUM").layer()).isEqualTo(Layer.VALIDATION);
        assertThat(observed.diff.snmpDelta("Udp", "InCsumErrors")).isEqualTo(SENT);
        assertThat(observed.diff.layer(Layer.VALIDATION).drops()).isEqualTo(SENT);
        assertThat(observed.diff.layer(Layer.VALIDATION).counters()).containsEntry("kfree_skb UDP_CSUM", (long)SENT);
    }

    /**
     * Start a receiver in B on the target (joined, or only bound), sample B's counters and the reasons, send, wait
     * until the reason has counted every datagram (or the deadline), and sample again.
     */
    private Observed observe(final String target, final boolean boundOnly, final SenderStart sender,
        final String reason)
    {
        final long startNs = System.nanoTime();
        final ChildProcess receiver = boundOnly
            ? receiving.startJava(PlainMulticastReceiver.class, target, "--interface", veth.nameB(), "--hold", "--no-join")
            : receiving.startJava(PlainMulticastReceiver.class, target, "--interface", veth.nameB(), "--hold");
        try
        {
            final String ready = receiver.awaitLine(PROCESS_TIMEOUT, line -> line.startsWith("READY"));
            final long pid = Long.parseLong(ready.substring(ready.indexOf("pid=") + 4).trim());
            final CounterSampler sampler = new CounterSampler(CounterRoots.LIVE.inNamespaceOf(pid), false);
            final CounterSnapshot before = sampler.sample().withDropReasons(reasons.read());
            final ChildProcess send = sender.start();
            assertThat(send.waitFor(PROCESS_TIMEOUT)).as(send.stderr()).isZero();
            Deadline.await(Duration.ofSeconds(10), () -> reason + " counted " + SENT + " times",
                () -> reasons.read().minus(before.dropReasons()).count(reason) >= SENT);
            final CounterSnapshot after = sampler.sample().withDropReasons(reasons.read());
            final CounterDiff diff = CounterDiffer.diff(before, after, new SocketSelection(0, Set.of(), null));
            assertThat(diff.dropReasons().lostRecords()).as("no trace record lost").isZero();
            assertThat(diff.udpSockets()).allSatisfy(socket -> assertThat(socket.drops()).isZero());
            System.out.printf("%s: %s; in B: Ip %s, Udp %s, TcpExt IPReversePathFilter %d; %d ms%n", target,
                diff.dropReasons().counts(), diff.snmp().get("Ip"), diff.snmp().get("Udp"),
                diff.netstatDelta("TcpExt", "IPReversePathFilter"), (System.nanoTime() - startNs) / 1_000_000);
            return new Observed(diff.dropReasons(), diff);
        }
        finally
        {
            receiver.close();
        }
    }

    private static DropReasonCount freed(final DropReasons reasons, final String reason, final String function)
    {
        return reasons.counts().stream().filter(count -> count.reason().equals(reason) && count.function().equals(function))
            .findFirst().orElseThrow(() -> new AssertionError("no " + reason + " in " + function + ": " + reasons.counts()));
    }

    private static DropReasonCount only(final DropReasons reasons, final String reason)
    {
        return reasons.counts().stream().filter(count -> count.reason().equals(reason)).reduce((a, b) ->
        {
            throw new AssertionError("more than one function freed " + reason + ": " + reasons.counts());
        }).orElseThrow();
    }

    @FunctionalInterface
    private interface SenderStart
    {
        ChildProcess start();
    }

    private record Observed(DropReasons reasons, CounterDiff diff)
    {
    }
}
