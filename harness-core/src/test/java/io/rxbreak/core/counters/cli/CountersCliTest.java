package io.rxbreak.core.counters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.counters.CountersJson;
import io.rxbreak.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code rxbreak counters} subcommand through {@code Rxbreak.newCommandLine}, its exit codes and errors.
 */
class CountersCliTest
{
    @TempDir
    Path tmp;

    @Test
    void snapshotJsonHoldsTheContractKeysAndNullForWhatTheKernelLacks() throws Exception
    {
        final Path dir = FixtureRoots.write(tmp.resolve("c"), "width-10-rhel7.txt", "linux-4.19-no-memerrors.txt",
            "udp-kernel-format-drops.txt", "5");
        final CliRun run = CliRun.run("counters", "snapshot", "--json", "--proc-root", dir.resolve("proc").toString(),
            "--sys-root", dir.resolve("sys").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        final JsonNode json = CountersJson.mapper().readTree(run.out());
        assertThat(json.path("softnet").get(1).path("cpu").asInt()).isEqualTo(1);
        assertThat(json.path("softnet").get(0).path("receivedRps").asLong()).isEqualTo(0x11);
        assertThat(json.path("softnet").get(0).path("flowLimitCount").isNull()).isTrue();
        assertThat(json.path("softnet").get(0).path("backlogLen").isNull()).isTrue();
        assertThat(json.path("cpuIdSource").asText()).isEqualTo("row-number");
        assertThat(json.path("snmp").path("Udp").path("RcvbufErrors").asLong()).isEqualTo(12340);
        assertThat(json.path("snmp").path("Udp").has("MemErrors")).isFalse();
        final JsonNode socket = json.path("udpSockets").get(0);
        for (final String key : new String[] {"localAddress", "localPort", "remoteAddress", "remotePort", "state",
            "txQueueBytes", "rxQueueBytes", "uid", "inode", "ref", "drops", "ipv6"})
        {
            assertThat(socket.has(key)).as(key).isTrue();
        }
        assertThat(socket.path("localAddress").asText()).isEqualTo("239.1.2.3");
        assertThat(socket.path("drops").asLong()).isEqualTo(4294967295L);
        assertThat(json.path("udpSockets")).hasSize(5);
        assertThat(json.path("netDev").path("veth-rx0").path("rxDropped").asLong()).isEqualTo(7);
        assertThat(json.path("netDev").path("eth0").path("rxBytes").asText()).isEqualTo("18446744073709551615");
        assertThat(json.path("interfaceStatistics").path("eth0").path("rx_dropped").asLong()).isEqualTo(5);
        assertThat(json.path("tunables").path("net.core.rmem_max").asLong()).isEqualTo(4194304);
        assertThat(json.path("tunables").path("net.ipv4.udp_mem").get(2).asLong()).isEqualTo(1151592);
        assertThat(json.path("tunables").path("net.core.netdev_max_backlog").isNull()).isTrue();
        assertThat(json.path("rpsCpus").path("eth0/rx-0").asText()).isEqualTo("2");
        assertThat(json.path("ringSizes").isNull()).isTrue();
        assertThat(json.path("memberships").get(0).path("group").asText()).isEqualTo("239.1.2.3");
    }

    @Test
    void snapshotTextSelectsByGroup()
    {
        final Path dir = FixtureRoots.write(tmp.resolve("c"), "width-15-linux-6.x.txt", "real-6.18.txt",
            "udp-kernel-format-drops.txt", "0");
        final CliRun run = CliRun.run("counters", "snapshot", "--group", "239.1.2.3", "--proc-root",
            dir.resolve("proc").toString(), "--sys-root", dir.resolve("sys").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("softnet_stat (15 columns, CPU ids from column 13)")
            .contains("udp sockets (group 239.1.2.3): 2 of 5")
            .contains("239.1.2.3:5000").contains("[239.1.2.3]:5000")
            .contains("net.core.rmem_max");
    }

    @Test
    void captureThenDiffExplainsPerLayer() throws Exception
    {
        final Path before = FixtureRoots.write(tmp.resolve("before"), "width-11-linux-4.x.txt",
            "linux-4.19-no-memerrors.txt", "udp-kernel-format-drops.txt", "5");
        final Path after = FixtureRoots.write(tmp.resolve("after"), "width-11-linux-4.x.txt", "real-6.18.txt",
            "udp-kernel-format-drops.txt", "9");
        Fixtures.write(after, "proc/net/softnet_stat", Fixtures.text("/fixtures/softnet_stat/width-11-linux-4.x.txt")
            .replaceFirst("00000003", "00000013"));
        Fixtures.write(before, "capture.json", "{\"epochMs\": 1000, \"monotonicNs\": 5, \"bootId\": \"b\"}");
        Fixtures.write(after, "capture.json", "{\"epochMs\": 3000, \"monotonicNs\": 2000000005, \"bootId\": \"b\"}");
        final CliRun text = CliRun.run("counters", "diff", before.toString(), after.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("(2s)").containsPattern("!\\s+softirq-backlog\\s+16!")
            .contains("cpu0 dropped 16");
        final CliRun json = CliRun.run("counters", "diff", before.toString(), after.toString(), "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        final JsonNode node = CountersJson.mapper().readTree(json.out());
        assertThat(node.path("intervalNs").asLong()).isEqualTo(2_000_000_000L);
        assertThat(node.path("softnet").get(0).path("dropped").asLong()).isEqualTo(16);
        assertThat(node.path("layers").path("softirq-backlog").path("drops").asLong()).isEqualTo(16);
        assertThat(node.path("layers").path("application").path("drops").isNull()).isTrue();
        assertThat(node.path("layers").path("socket-buffer").has("knob")).isTrue();
        assertThat(node.path("interfaceStatistics").path("eth0").path("rx_dropped").asLong()).isEqualTo(4);
        assertThat(node.path("udpSockets").get(0).path("drops").asLong()).isZero();
    }

    @Test
    void captureMadeByHandWithoutTimeDiffsWithTheIntervalUnknown() throws Exception
    {
        final Path before = FixtureRoots.write(tmp.resolve("b"), "width-13-cpu1-offline.txt", "real-6.18.txt",
            "udp-real-6.18.txt", "1");
        final Path after = FixtureRoots.write(tmp.resolve("a"), "width-13-cpu1-offline.txt", "real-6.18.txt",
            "udp-real-6.18.txt", "1");
        final CliRun text = CliRun.run("counters", "diff", before.toString(), after.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("from an unknown time to an unknown time (interval unknown)")
            .contains("note: the interval cannot be told: rates are left out");
        final JsonNode node = CountersJson.mapper().readTree(
            CliRun.run("counters", "diff", before.toString(), after.toString(), "--json").out());
        assertThat(node.path("intervalNs").isNull()).isTrue();
        assertThat(node.path("layers").path("nic").path("drops").asLong()).isZero();
    }

    @Test
    void captureOfTheLiveSystemReadsBackAndDiffsAgainstLive() throws Exception
    {
        final Path dir = tmp.resolve("live-capture");
        final CliRun capture = CliRun.run("counters", "capture", dir.toString());
        assertThat(capture.exitCode()).as(capture.toString()).isZero();
        assertThat(capture.out()).contains("captured");
        assertThat(dir.resolve("proc/net/udp")).exists();
        assertThat(dir.resolve("proc/net/softnet_stat")).exists();
        assertThat(dir.resolve("proc/sys/net/core/rmem_max")).exists();
        assertThat(dir.resolve("sys/class/net/lo/statistics/rx_packets")).exists();
        assertThat(Files.readString(dir.resolve("uname.txt"))).startsWith("Linux");
        assertThat(CountersJson.mapper().readTree(dir.resolve("capture.json").toFile()).path("epochMs").asLong())
            .isPositive();
        final CliRun snapshot = CliRun.run("counters", "snapshot", "--json", "--proc-root", dir.resolve("proc").toString(),
            "--sys-root", dir.resolve("sys").toString());
        assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
        final CliRun diff = CliRun.run("counters", "diff", dir.toString(), "live", "--json");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        final JsonNode node = CountersJson.mapper().readTree(diff.out());
        assertThat(node.path("intervalNs").asLong()).isPositive();
        assertThat(node.path("notes").toString()).doesNotContain("wall-clock");
        final CliRun again = CliRun.run("counters", "capture", dir.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("is not empty; name a new folder");
    }

    @Test
    void watchPrintsALinePerIntervalAndJsonPerInterval() throws Exception
    {
        final Path dir = FixtureRoots.write(tmp.resolve("c"), "width-15-linux-6.x.txt", "real-6.18.txt",
            "udp-kernel-format-drops.txt", "0");
        final CliRun text = CliRun.run("counters", "watch", "--count", "2", "--interval", "50ms", "--port", "5000",
            "--all", "--proc-root", dir.resolve("proc").toString(), "--sys-root", dir.resolve("sys").toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("tracepoints unavailable: not the live system").contains("udp_in/s")
            .contains("socket 239.1.2.3:5000").contains("cpu1");
        assertThat(text.out().lines().filter(line -> line.matches("\\d\\d:\\d\\d:\\d\\d .*"))).hasSize(2);
        final CliRun json = CliRun.run("counters", "watch", "--count", "2", "--interval", "20ms", "--json",
            "--proc-root", dir.resolve("proc").toString(), "--sys-root", dir.resolve("sys").toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out().lines()).hasSize(2).allSatisfy(line ->
        {
            final JsonNode node = readTree(line);
            assertThat(node.path("type").asText()).isEqualTo("watch");
            assertThat(node.has("layers")).isTrue();
        });
    }

    @Test
    void watchOfTheLiveSystemWorks()
    {
        final CliRun run = CliRun.run("counters", "watch", "--count", "1", "--interval", "100ms");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("udp_in/s");
    }

    @Test
    void badInputIsOneLineAndExit2()
    {
        expectBadInput(CliRun.run("counters", "watch", "--interval", "0"), "--interval: must be more than 0");
        expectBadInput(CliRun.run("counters", "watch", "--interval", "soon"), "'soon' is not a duration");
        expectBadInput(CliRun.run("counters", "watch", "--count", "-1"), "--count");
        expectBadInput(CliRun.run("counters", "snapshot", "--pid", "999999999"), "--pid: no process 999999999");
        expectBadInput(CliRun.run("counters", "snapshot", "--proc-root", tmp.resolve("none").toString()),
            "--proc-root: " + tmp.resolve("none") + " is not a folder");
        expectBadInput(CliRun.run("counters", "snapshot", "--group", "10.0.0.1"), "--group");
        expectBadInput(CliRun.run("counters", "snapshot", "--port", "70000"), "--port");
        expectBadInput(CliRun.run("counters", "diff", tmp.resolve("none").toString(), "live"),
            "BEFORE: " + tmp.resolve("none") + " is not a folder");
        expectBadInput(CliRun.run("counters", "diff", tmp.toString(), "live"), "BEFORE: " + tmp + " is not a capture");
        expectBadInput(CliRun.run("counters"), "a subcommand is required");
        expectBadInput(CliRun.run("counters", "capture"), "DIR");
    }

    @Test
    void aMalformedFileNamesTheFileAndLine()
    {
        final Path dir = FixtureRoots.write(tmp.resolve("c"), "malformed-ragged.txt", "real-6.18.txt",
            "udp-kernel-format-drops.txt", "0");
        final CliRun run = CliRun.run("counters", "snapshot", "--proc-root", dir.resolve("proc").toString(),
            "--sys-root", dir.resolve("sys").toString());
        expectBadInput(run, dir.resolve("proc/net/softnet_stat") + ":2: expected 11 columns");
        final Path udp = FixtureRoots.write(tmp.resolve("d"), "width-9-linux-3.x.txt", "real-6.18.txt",
            "malformed-missing-drops.txt", "0");
        expectBadInput(CliRun.run("counters", "diff", udp.toString(), udp.toString()),
            udp.resolve("proc/net/udp") + ":2: expected drops");
    }

    @Test
    void helpListsEverySubcommand()
    {
        final CliRun run = CliRun.run("counters", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("watch").contains("snapshot").contains("capture").contains("diff");
    }

    private static void expectBadInput(final CliRun run, final String message)
    {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).as(run.toString()).contains(message);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    private static JsonNode readTree(final String line)
    {
        try
        {
            return CountersJson.mapper().readTree(line);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(line, ex);
        }
    }
}
