package io.rxbreak.sender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.net.MulticastGroup;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.PlainMulticastReceiver;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.VethPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak send --pattern replay:FILE} end to end: a feed whose messages each go to their own group, received
 * by one plain java.nio socket per group that dumps every datagram. Every group must get its messages whole and in
 * order, with the feed's sizes, and its end markers, through {@code sendmmsg} on the sockets directly (the default)
 * and through Netty (the fallback); and a feed mixing IPv4 and IPv6 groups goes through both sockets at once.
 */
class ReplaySendNamespaceTest
{
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofSeconds(60);
    /** A feed's message to group g: its sizes vary, so that a length put in the wrong slot shows. */
    private static final int[] SIZES = {40, 64, 200, 48, 1000, 96, 33};

    private final List<NetworkNamespace> namespaces = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("private network namespaces for real multicast");
    }

    @AfterEach
    void deleteNamespaces()
    {
        for (final NetworkNamespace ns : namespaces)
        {
            ns.close();
        }
    }

    private NetworkNamespace namespace()
    {
        final NetworkNamespace ns = NetworkNamespace.create();
        namespaces.add(ns);
        return ns;
    }

    /**
     * A feed of {@code count} messages at 20,000 a second, to the groups in an irregular order (runs of one group,
     * then hops), each message's size from {@link #SIZES}.
     *
     * @return per group (by its position in {@code groups}) the sizes of its messages, in order.
     */
    private static List<List<Integer>> writeFeed(final Path feed, final List<String> groups, final int count)
        throws IOException
    {
        final List<List<Integer>> sizes = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++)
        {
            sizes.add(new ArrayList<>());
        }
        final StringBuilder csv = new StringBuilder("# offset_ns,group:port,size\n");
        for (int i = 0; i < count; i++)
        {
            final int group = (i / 3 + i * i % 5) % groups.size();
            final int size = SIZES[(i + group) % SIZES.length];
            sizes.get(group).add(size);
            csv.append(i * 50_000L).append(',').append(groups.get(group)).append(',').append(size).append('\n');
        }
        Files.writeString(feed, csv);
        return sizes;
    }

    private ChildProcess receiver(final NetworkNamespace ns, final String group, final String nif, final Path dump)
    {
        final ChildProcess receiver = ns.startJava(PlainMulticastReceiver.class, group, "--interface", nif, "--dump",
            dump.toString(), "--rcvbuf", "8388608", "--idle", "1500");
        receiver.awaitLine(START, line -> line.startsWith("READY"));
        return receiver;
    }

    private static JsonNode line(final ChildProcess sender, final String type) throws IOException
    {
        for (final String line : sender.stdoutLines())
        {
            if (line.startsWith("{") && type.equals(Json.MAPPER.readTree(line).path("type").asText()))
            {
                return Json.MAPPER.readTree(line);
            }
        }
        throw new AssertionError("no " + type + " line; stdout:\n" + sender.stdout() + "\nstderr:\n" + sender.stderr());
    }

    /**
     * Send the feed, wait for every receiver, and check that each group got its messages whole, in order, with
     * their sizes, and its five end markers.
     *
     * @return the sender, ended.
     */
    private ChildProcess replayAndCheck(final NetworkNamespace senderNs, final NetworkNamespace receiverNs,
        final List<String> groups, final String receiverNif, final int count, final String... sendOptions)
        throws IOException
    {
        final Path feed = dir.resolve("feed.csv");
        final List<List<Integer>> sizes = writeFeed(feed, groups, count);
        final List<ChildProcess> receivers = new ArrayList<>();
        final List<Path> dumps = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++)
        {
            dumps.add(dir.resolve("group" + g + ".bin"));
            receivers.add(receiver(receiverNs, groups.get(g), receiverNif, dumps.get(g)));
        }
        final List<String> args = new ArrayList<>(List.of("send", "--pattern", "replay:" + feed, "--json", "--quiet"));
        args.addAll(List.of(sendOptions));
        final ChildProcess sender = senderNs.startJava(Main.class, args.toArray(new String[0]));
        final int exitCode = sender.waitFor(RUN);
        for (final ChildProcess receiver : receivers)
        {
            receiver.awaitLine(RUN, line -> line.startsWith("RESULT"));
        }

        final JsonNode result = line(sender, "result");
        assertThat(exitCode).as("exit code for %s", result).isEqualTo(
            result.path("senderLimited").asBoolean() ? ExitCodes.NO_VALID_TRIAL : ExitCodes.OK);
        assertThat(result.path("sent").asLong()).isEqualTo(count);
        assertThat(result.path("failed").asLong()).isZero();
        assertThat(result.path("errors").size()).as("errors %s", result.path("errors")).isZero();
        assertThat(result.path("packets").asLong()).isEqualTo(count);
        // the stream of a group is its position in the sender's list, which follows the feed's first messages
        final Map<String, Integer> streamOf = new HashMap<>();
        final JsonNode sentGroups = line(sender, "start").path("groups");
        for (int s = 0; s < sentGroups.size(); s++)
        {
            streamOf.put(sentGroups.get(s).asText(), s);
        }
        for (int g = 0; g < groups.size(); g++)
        {
            final Integer stream = streamOf.get(MulticastGroup.parse("--group", groups.get(g), false).toString());
            assertThat(stream).as("%s among the groups sent to, %s", groups.get(g), sentGroups).isNotNull();
            final ReceivedDump received = ReceivedDump.decode(dumps.get(g));
            final int expected = sizes.get(g).size();
            assertThat(received.invalid).isZero();
            assertThat(received.sequences.keySet()).as("streams at %s", groups.get(g)).containsExactly(stream);
            final List<Long> sequences = received.sequences.get(stream);
            assertThat(sequences).as("messages at %s", groups.get(g)).hasSize(expected);
            for (int i = 0; i < expected; i++)
            {
                assertThat(sequences.get(i)).as("sequence at position %d of %s", i, groups.get(g)).isEqualTo(i);
            }
            assertThat(received.lengthsByStream.get(stream)).as("sizes at %s", groups.get(g))
                .isEqualTo(sizes.get(g));
            assertThat(received.markers.get(stream)).as("end markers at %s", groups.get(g))
                .hasSize(5).allMatch(sequence -> sequence == expected);
        }
        return sender;
    }

    @ParameterizedTest(name = "--send-path {0}")
    @ValueSource(strings = {"auto", "netty"})
    void aReplayToSeveralGroupsArrivesWholeAtEachGroup(final String sendPath) throws IOException
    {
        final NetworkNamespace ns = namespace();
        final List<String> groups = List.of("239.1.3.1:5031", "239.1.3.2:5032", "239.1.3.3:5031", "239.1.4.9:5035");
        final int count = 4000;

        final ChildProcess sender = replayAndCheck(ns, ns, groups, "lo", count, "--send-path", sendPath);

        final List<String> notes = new ArrayList<>();
        line(sender, "start").path("notes").forEach(note -> notes.add(note.asText()));
        if ("auto".equals(sendPath))
        {
            assertThat(notes).noneMatch(note -> note.contains("Netty"));
            // nothing allocated per message: the little there is comes from the timer tasks between marker rounds
            assertThat(line(sender, "result").path("senderThreadAllocatedBytes").asLong())
                .as("bytes the sending thread allocated").isBetween(0L, 8L * count);
        }
        else
        {
            assertThat(notes).anyMatch(note -> note.contains("Netty's write path") && note.contains("--send-path netty"));
        }
    }

    /**
     * IPv6 multicast does not go over lo, so this replay goes over a veth pair from one private namespace to
     * another (hop limit and TTL 1: nothing can leave): three IPv4 groups and one IPv6 group in one feed, so that
     * every batch goes through both the IPv4 and the IPv6 socket.
     */
    @Test
    void aReplayMixingIpv4AndIpv6GroupsGoesThroughBothSockets() throws IOException
    {
        final NetworkNamespace senderNs = namespace();
        final NetworkNamespace receiverNs = namespace();
        final VethPair veth = VethPair.create(senderNs, receiverNs);
        Deadline.await(Duration.ofSeconds(10), "a usable IPv6 link-local address on " + veth.nameA(), () ->
        {
            final String addresses = senderNs.exec("ip", "-6", "addr", "show", "dev", veth.nameA());
            return addresses.contains("fe80::") && !addresses.contains("tentative");
        });
        final List<String> groups = List.of("239.1.5.1:5041", "[ff15::9:1]:5042", "239.1.5.2:5041", "239.1.5.3:5043");

        final ChildProcess sender = replayAndCheck(senderNs, receiverNs, groups, veth.nameB(), 3000, "--interface",
            veth.nameA(), "--map", "keep");

        assertThat(line(sender, "start").path("ttl").asInt(-1)).as("TTL and hop limit on a named interface").isEqualTo(1);
    }
}
