package io.rxbreak.sender;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak send} to an IPv6 group on lo warns that the kernel does not deliver it, and the warning is true:
 * in a private network namespace every datagram sent (end markers too) lands in Ip6OutNoRoutes, although the sends
 * succeed.
 */
class SendIpv6OnLoopbackTest
{
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final int COUNT = 500;

    @Test
    void anIpv6GroupOnLoWarnsThatTheKernelDoesNotDeliverIt() throws IOException
    {
        Privileges.assumeRoot("a private network namespace whose Ip6OutNoRoutes only this test moves");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final long noRoutesBefore = ip6OutNoRoutes(ns);
            final ChildProcess sender = ns.startJava(Main.class, "send", "--group", "[ff15::7:5]:6105", "--count",
                Integer.toString(COUNT), "--rate", "10000", "--gso", "off", "--json", "--quiet");
            final int exitCode = sender.waitFor(RUN);

            assertThat(sender.stderrLines()).as(sender.stderr()).contains("send: warning: the kernel does not deliver "
                + "IPv6 multicast over lo (it counts the datagrams in Ip6OutNoRoutes although the sends succeed); use "
                + "--interface with a veth pair");
            JsonNode start = null;
            JsonNode result = null;
            for (final String line : sender.stdoutLines())
            {
                final JsonNode node = Json.MAPPER.readTree(line);
                if ("start".equals(node.path("type").asText()))
                {
                    start = node;
                }
                else if ("result".equals(node.path("type").asText()))
                {
                    result = node;
                }
            }
            assertThat(start).as(sender.stdout()).isNotNull();
            assertThat(result).as(sender.stdout()).isNotNull();
            assertThat(start.path("interface").asText()).isEqualTo("lo");
            assertThat(start.path("ttl").asInt(-1)).as("hop limit read back on lo").isZero();
            assertThat(start.path("notes").toString()).contains("does not deliver IPv6 multicast over lo");
            assertThat(exitCode).as("exit code for %s", result).isEqualTo(
                result.path("senderLimited").asBoolean() ? ExitCodes.NO_VALID_TRIAL : ExitCodes.OK);
            assertThat(result.path("sent").asLong()).as("the sends succeed: %s", result).isEqualTo(COUNT);
            assertThat(result.path("failed").asLong()).isZero();
            final long markers = result.path("endMarkersSent").asLong();
            assertThat(markers).isPositive();
            assertThat(ip6OutNoRoutes(ns) - noRoutesBefore).as("datagrams the kernel had no route for")
                .isEqualTo(COUNT + markers);
        }
    }

    private static long ip6OutNoRoutes(final NetworkNamespace ns)
    {
        for (final String line : ns.exec("cat", "/proc/net/snmp6").split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && "Ip6OutNoRoutes".equals(fields[0]))
            {
                return Long.parseLong(fields[1]);
            }
        }
        throw new AssertionError("no Ip6OutNoRoutes in /proc/net/snmp6");
    }
}
