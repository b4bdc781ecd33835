package io.rxbreak.receiver;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.VethPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak receive} on an IPv6 group: the kernel does not deliver IPv6 multicast over lo, so a sender in one
 * private namespace sends over a veth pair (hop limit 1: nothing can go further) to {@code receive} in another.
 */
class ReceiveIpv6Test
{
    private static final String GROUP = "[ff15::7:4]:6104";
    private static final int SENT = 2000;

    @Test
    void everyMessageToAnIpv6GroupArrivesOverAVeth()
    {
        Privileges.assumeRoot("creates network namespaces and a veth pair for real multicast");
        try (NetworkNamespace senderNs = NetworkNamespace.create();
            NetworkNamespace receiverNs = NetworkNamespace.create())
        {
            // no duplicate address detection: the veths' link-local addresses are usable at once
            senderNs.exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            receiverNs.exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            final VethPair veth = VethPair.create(senderNs, receiverNs);
            Deadline.await(Duration.ofSeconds(10), "an IPv6 link-local address on " + veth.nameA(), () ->
            {
                final String addresses = senderNs.exec("ip", "-6", "addr", "show", "dev", veth.nameA());
                return addresses.contains("fe80::") && !addresses.contains("tentative");
            });

            final ChildProcess receiver = ReceiverProcesses.receiver(receiverNs, "--group", GROUP, "--interface",
                veth.nameB(), "--rcvbuf", "1MiB", "--until-end", "--drain", "100ms");
            final String socket = receiver.awaitStderrLine(ReceiverProcesses.START, l -> l.startsWith("  socket 0:"));
            assertThat(socket).contains("group [ff15:0:0:0:0:0:7:4]:6104");
            final String inode = socket.replaceAll(".* inode (\\d+) .*", "$1");
            assertThat(receiverNs.exec("cat", "/proc/net/udp6")).as("an INET6 socket, in /proc/net/udp6")
                .contains(" " + inode + " ");
            assertThat(receiverNs.exec("cat", "/proc/net/igmp6")).as("joined on " + veth.nameB())
                .containsPattern(veth.nameB() + "\\s+ff150000000000000000000000070004");

            final ChildProcess sender = ReceiverProcesses.sender(senderNs, GROUP, "--interface", veth.nameA(),
                "--ttl", "1", "--count", Integer.toString(SENT), "--rate", "20000", "--markers", "3");
            assertThat(sender.waitFor(ReceiverProcesses.RUN)).as(sender.stderr()).isZero();

            final JsonNode result = ReceiverProcesses.result(receiver);
            assertThat(result.get("received").asLong()).as(result.toString()).isEqualTo(SENT);
            assertThat(result.get("unique").asLong()).isEqualTo(SENT);
            assertThat(result.get("gaps").asLong()).isZero();
            assertThat(result.get("duplicates").asLong()).isZero();
            assertThat(result.get("outOfOrder").asLong()).isZero();
            assertThat(result.get("kernelDrops").asLong()).isZero();
            long foreign = 0;
            for (final JsonNode count : result.get("foreign"))
            {
                foreign += count.asLong();
            }
            assertThat(foreign).as("foreign datagrams: %s", result.get("foreign")).isZero();
            assertThat(result.get("streamsEnded").asLong()).isEqualTo(1);
            final long markers = result.get("endMarkers").asLong();
            assertThat(markers).isBetween(1L, 3L);
            assertThat(result.get("datagrams").asLong()).isEqualTo(SENT + markers);
            final JsonNode socketResult = result.get("sockets").get(0);
            assertThat(socketResult.get("inode").asText()).isEqualTo(inode);
            assertThat(socketResult.get("received").asLong()).isEqualTo(SENT);
            assertThat(socketResult.get("drops").asLong()).isZero();
            assertThat(result.get("latency").get("count").asLong()).isEqualTo(SENT);
        }
    }
}
