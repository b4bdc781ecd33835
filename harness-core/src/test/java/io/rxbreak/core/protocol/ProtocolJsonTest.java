package io.rxbreak.core.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.timeline.TimelineSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The protocol's JSON contract. Every record survives a round trip through the one mapper; every request and answer
 * reads a literal document of the format the agents spoke before their answers were records
 * ({@code src/test/resources/protocol/}, taken from live agents; the statuses with {@code protocolVersion} added)
 * and writes it back byte for byte: a field renamed, dropped, reordered or written differently when null breaks
 * this test.
 */
class ProtocolJsonTest
{
    private static String literal(final String name) throws IOException
    {
        try (InputStream in = ProtocolJsonTest.class.getResourceAsStream("/protocol/" + name))
        {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /**
     * @return the document read into its record, after checking that the record writes it back unchanged.
     */
    private static <T> T readsAndWritesBack(final String name, final Class<T> type) throws IOException
    {
        final String json = literal(name);
        final T value = Json.MAPPER.readValue(json, type);
        assertThat(Json.toLine(value)).as(name).isEqualTo(json);
        return value;
    }

    @Test
    void theStatusesReadTodaysDocumentsAndWriteThemBackUnchanged() throws IOException
    {
        final SenderStatus sender = readsAndWritesBack("SenderStatus.json", SenderStatus.class);
        assertThat(sender.role()).isEqualTo(AgentApi.SENDER);
        assertThat(sender.protocolVersion()).isEqualTo(AgentApi.PROTOCOL_VERSION);
        assertThat(sender.state()).isEqualTo(SenderStatus.IDLE);
        assertThat(sender.trialId()).isNull();
        assertThat(sender.setup().interfaceName()).isEqualTo("lo");
        assertThat(sender.setup().sendingThread().scheduling()).isEqualTo("timer slack 1 us, time slice 100 us");

        final ReceiverStatus receiver = readsAndWritesBack("ReceiverStatus.json", ReceiverStatus.class);
        assertThat(receiver.role()).isEqualTo(AgentApi.RECEIVER);
        assertThat(receiver.protocolVersion()).isEqualTo(AgentApi.PROTOCOL_VERSION);
        assertThat(receiver.trialId()).isEqualTo(7);
        assertThat(receiver.transport()).isEqualTo("recvmmsg");
        assertThat(receiver.throttle()).isEqualTo("queue:100:10us:drop");
        assertThat(receiver.socketsPerGroup()).isEqualTo(1);
        assertThat(receiver.rcvbufRequested()).isNull();
        assertThat(receiver.rcvbufGranted()).isEqualTo(212_992L);
        assertThat(receiver.sockets()).singleElement().satisfies(socket ->
        {
            assertThat(socket.inode()).isEqualTo(606_051L);
            assertThat(socket.rcvbufNote()).isEqualTo("system default (net.core.rmem_default)");
        });
        assertThat(receiver.tracepoints()).contains("udp:udp_fail_queue_rcv_skb");

        final AgentIdentity identity = Json.MAPPER.readValue(literal("ReceiverStatus.json"), AgentIdentity.class);
        assertThat(identity).isEqualTo(new AgentIdentity(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION));
        assertThat(identity.mismatch(AgentApi.RECEIVER, "http://127.0.0.1:7070")).isNull();
    }

    @Test
    void theSendersAnswersReadTodaysDocumentsAndWriteThemBackUnchanged() throws IOException
    {
        final SenderRunAnswer run = readsAndWritesBack("SenderRunAnswer.json", SenderRunAnswer.class);
        assertThat(run.done()).isTrue();
        final SenderTrialReport report = run.result();
        assertThat(report.trialId()).isEqualTo(5);
        assertThat(report.sent()).isEqualTo(800);
        assertThat(report.achievedRate()).isEqualTo(2000.0);
        assertThat(report.maxLagNs()).isEqualTo(3_896_856L);
        assertThat(report.endMarkersSent()).isEqualTo(5);
        assertThat(report.lagGrowth()).isEqualTo(-5.64224993347201E-4);
        assertThat(report.senderLimitedReason()).isNull();
        assertThat(report.pacing().burstLimit()).isEqualTo(1000L);
        assertThat(report.pacing().burstsOverLimit()).isZero();
        assertThat(run.sendingThreadCpu()).isEqualTo(new CpuUse(81_745_325L, 146_987_783L, 0L));
        assertThat(run.agentCpu().onCpuNs()).isEqualTo(353_746_153L);

        final SenderResultAnswer running = readsAndWritesBack("SenderResultAnswer-running.json",
            SenderResultAnswer.class);
        assertThat(running.done()).isFalse();
        assertThat(running.result()).isNull();
        assertThat(running.snapshot().state()).isEqualTo("running");
        assertThat(running.snapshot().sent()).isEqualTo(1065);

        final SenderResultAnswer done = readsAndWritesBack("SenderResultAnswer-done.json", SenderResultAnswer.class);
        assertThat(done.done()).isTrue();
        assertThat(done.snapshot()).isNull();
        assertThat(done.result().stopReason()).isEqualTo("stopped");
        assertThat(done.result().pacing().burstLimit()).isNull();

        assertThat(readsAndWritesBack("SenderStartAnswer.json", SenderStartAnswer.class))
            .isEqualTo(new SenderStartAnswer(6, List.of()));
    }

    @Test
    void theReceiversAnswersReadTodaysDocumentsAndWriteThemBackUnchanged() throws IOException
    {
        final ReceiverBeginAnswer begun = readsAndWritesBack("ReceiverBeginAnswer.json", ReceiverBeginAnswer.class);
        assertThat(begun).isEqualTo(new ReceiverBeginAnswer(5, new ReceiveBuffer(212_992, 832, 256)));
        assertThat(readsAndWritesBack("ReceiverBeginAnswer-no-buffer.json", ReceiverBeginAnswer.class))
            .isEqualTo(new ReceiverBeginAnswer(7, null));

        final ReceiverEndAnswer end = readsAndWritesBack("ReceiverEndAnswer.json", ReceiverEndAnswer.class);
        assertThat(end.drained()).isTrue();
        assertThat(end.note()).isNull();
        assertThat(end.peakRxQueueBytes()).isEqualTo(3584);
        assertThat(end.latencyHistogram()).isNotEmpty();
        assertThat(end.readersCpu().stealNs()).isZero();
        final ReceiverTrialReport result = end.result();
        assertThat(result.unique()).isEqualTo(800);
        assertThat(result.gaps()).isZero();
        assertThat(result.endMarkers()).isEqualTo(5);
        assertThat(result.throttle()).isEqualTo("none");
        assertThat(result.backlogGrowth()).isEqualTo(-7.11728229911744E-4);
        assertThat(result.foreign()).containsOnlyKeys("TOO_SHORT", "BAD_MAGIC", "BAD_VERSION", "LENGTH_MISMATCH");
        assertThat(result.sockets()).singleElement().satisfies(socket ->
        {
            assertThat(socket.group()).isEqualTo("239.255.9.9:47999");
            assertThat(socket.drops()).isZero();
        });
        assertThat(result.streams()).singleElement().satisfies(stream -> assertThat(stream.highest()).isEqualTo(799));
        assertThat(result.latency().percentileNs(50)).isEqualTo(22_879);
        assertThat(result.latency().percentileNs(99.9)).isEqualTo(3_657_727);
        assertThat(result.latency().note()).isEqualTo(LatencySummary.NOTE);
        assertThat(end.counters().dropsByLayer()).containsEntry("socket-buffer", 0L);
        assertThat(end.counters().socketDrops()).containsEntry(606_051L, 0L);

        final ReceiverEndAnswer withoutMarkers = readsAndWritesBack("ReceiverEndAnswer-without-end-markers.json",
            ReceiverEndAnswer.class);
        assertThat(withoutMarkers.drained()).isTrue();
        assertThat(withoutMarkers.note()).startsWith("drained without every end marker");
        assertThat(withoutMarkers.result().backlogGrowth()).isNull();
        assertThat(withoutMarkers.result().sockets().get(0).throttle()).isEqualTo(
            "queue:100:10us:drop depth 0/100, app drops 0");

        assertThat(readsAndWritesBack("ThrottleAnswer.json", ThrottleAnswer.class))
            .isEqualTo(new ThrottleAnswer("queue:100:10us:drop"));
        assertThat(readsAndWritesBack("ErrorAnswer.json", ErrorAnswer.class))
            .isEqualTo(new ErrorAnswer("trial 42 was not begun here (current: 7)", 409));
    }

    @Test
    void theClockAnswerReadsItsDocumentAndWritesItBackUnchanged() throws IOException
    {
        assertThat(readsAndWritesBack("ClockAnswer.json", ClockAnswer.class))
            .isEqualTo(new ClockAnswer(1_764_654_105_250_000_123L, 1_764_654_105_250_000_456L));
    }

    @Test
    void theRequestsReadTodaysDocumentsAndWriteThemBackUnchanged() throws IOException
    {
        assertThat(readsAndWritesBack("SenderTrial.json", SenderTrial.class)).isEqualTo(new SenderTrial(5, "2000",
            "burst:4/1ms", 64, 300_000_000L, 100_000_000L, 0, 1000L, List.of(4242L), null, null));
        assertThat(readsAndWritesBack("SenderTrial-replay.json", SenderTrial.class)).isEqualTo(new SenderTrial(6, null,
            "replay:/data/open.pcap", 64, 0, 500_000_000L, null, 2000L, null, 2.5, 3L));
        assertThat(readsAndWritesBack("SenderTrial-defaults.json", SenderTrial.class)).as("nulls left out")
            .isEqualTo(new SenderTrial(1, "1000", null, 64, 1_000_000_000L, 250_000_000L, null, null, null, null, null));
        assertThat(readsAndWritesBack("ReceiverTrial.json", ReceiverTrial.class)).isEqualTo(new ReceiverTrial(5, 64));
        assertThat(readsAndWritesBack("ReceiverTrial-no-size.json", ReceiverTrial.class))
            .isEqualTo(new ReceiverTrial(7, null));
        assertThat(readsAndWritesBack("ReceiverTrialEnd.json", ReceiverTrialEnd.class))
            .isEqualTo(new ReceiverTrialEnd(5, 1_000_000_000L));
        assertThat(readsAndWritesBack("ThrottleChange.json", ThrottleChange.class))
            .isEqualTo(new ThrottleChange("queue:100:10us:drop"));
        assertThat(readsAndWritesBack("SenderTrialStop.json", SenderTrialStop.class)).isEqualTo(new SenderTrialStop());
    }

    @Test
    void aFieldOfAnotherNameIsRefused() throws IOException
    {
        final String renamed = literal("SenderRunAnswer.json").replace("\"maxLagNs\"", "\"maximumLagNs\"");
        assertThatThrownBy(() -> Json.MAPPER.readValue(renamed, SenderRunAnswer.class))
            .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("maximumLagNs");
    }

    @Test
    void anAgentOfAnotherVersionIsToldApartBeforeItsFieldsAreRead() throws IOException
    {
        final String newer = "{\"role\":\"sender\",\"protocolVersion\":2,\"state\":{\"a\":\"shape\"},\"more\":[1]}";
        final AgentIdentity identity = Json.MAPPER.readValue(newer, AgentIdentity.class);
        assertThat(identity).isEqualTo(new AgentIdentity(AgentApi.SENDER, 2));
        assertThat(identity.mismatch(AgentApi.SENDER, "http://tx:7071")).isEqualTo("the sender agent at "
            + "http://tx:7071 speaks protocol version 2, this controller version " + AgentApi.PROTOCOL_VERSION
            + ": run the same rxbreak release on every host");
        final String older = "{\"role\":\"sender\",\"state\":\"idle\",\"trialId\":null}";
        assertThat(Json.MAPPER.readValue(older, AgentIdentity.class).mismatch(AgentApi.SENDER, "http://tx:7071"))
            .startsWith("the sender agent at http://tx:7071 states no protocol version");
    }

    /**
     * @return one value of every record of the protocol, nulls where a field may be null.
     */
    private static List<Record> samples()
    {
        final SendingThread thread = new SendingThread(4321, "0-1", "timer slack 1 us", List.of("no SCHED_FIFO"));
        final SenderSetup setup = new SenderSetup(List.of("239.1.1.1:5000", "239.1.1.2:5000"), 2, "lo", 65_536, true,
            0, 212_992, true, thread);
        final SenderPacing pacing = new SenderPacing(41, 2_803_711, 3_897_343, 3_896_856, 16_500_000, 8, 74, 244,
            1000L, null);
        final SenderTrialReport sent = new SenderTrialReport(3, "constant 20000/s", List.of("239.1.1.1:5000"), 1, 64, 0,
            "spin", "duration", 1_250_000_000L, 25_000, 2, 5_000, 25_000, null, 19_999.5, 0.25, 1_000, 10, true,
            "still 10 ms behind", 24_000, 1.0416666666666667, 24_000, 3, Map.of("EAGAIN", 2L), null, 5, -1, 0.001,
            pacing, null);
        final SenderSnapshot snapshot = new SenderSnapshot(3, "finishing", 5, 6, 0, 1, 2, 3, 0, 10, 20, 4,
            Map.of("ENOBUFS", 7L));
        final Map<String, Long> percentiles = new LinkedHashMap<>();
        percentiles.put("50", 22_879L);
        percentiles.put("99.9", 3_657_727L);
        final LatencySummary latency = new LatencySummary(600, 10_328, 381_901.23333333334, percentiles, 3_657_727,
            1, 2, LatencySummary.NOTE);
        final SocketResult socket = new SocketResult(0, "239.1.1.1:5000", 606_051, 800, 800, 0, 805, 610, 3, 832, 1,
            0, 212_992, "rate:5000", null);
        final StreamResult stream = new StreamResult(0, 1, 800, 800, 0, 1, 2, 3, 4, 799, true);
        final TimelineSample timelineSample = new TimelineSample(1_764_654_105_250L, 250_000_000L,
            Map.of(Layer.SOCKET_BUFFER, 3L, Layer.NIC, 0L), Map.of(606_051L, 3L), Map.of(606_051L, 212_992L),
            Map.of(0, 1L, 1, 0L), Map.of(0, 812L, 1, 90L), Map.of(0, 1_500_000L, 1, 0L), Map.of(0, 9_000_000L, 1, 0L),
            null);
        final ReceiverTrialReport received = new ReceiverTrialReport(null, false, 1.675611395, 800, 800, 0, 1, 2, 3, 4,
            5, 805, 610, Map.of("TOO_SHORT", 1L), 6, 5, 1, 8_388_608, 212_992, "rate:5000", List.of(socket),
            List.of(stream), latency, null, null);
        final WindowCounters counters = new WindowCounters(Map.of("nic", 0L, "socket-buffer", 3L), Map.of(606_051L, 3L),
            null, 3L, 0L, 3584, null, "not root",
            new DropReasons(List.of(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", 999)), 0, null),
            List.of("cpu 1 went offline"), null, List.of(timelineSample));
        final ReceiverStatus.Socket statusSocket = new ReceiverStatus.Socket(0, "239.1.1.1:5000", 606_051, 0, 212_992,
            null);
        final CpuUse cpu = new CpuUse(81_745_325L, 146_987_783L, 0L);
        final List<Record> samples = new ArrayList<>(List.of(
            new AgentIdentity(AgentApi.SENDER, null),
            SenderStatus.of(true, 3, setup), setup, thread,
            new ReceiverStatus(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION, null, "epoll", "none",
                List.of(statusSocket), 1, 8_388_608L, null, List.of(), List.of("a note")), statusSocket,
            new SenderTrial(5, "max", null, 64, 1, 2, null, 100L, null, null, null), new SenderTrialStop(),
            new ReceiverTrial(5, null), new ReceiverTrialEnd(5, 1_000_000_000L), new ThrottleChange("rate:5000"),
            new SenderStartAnswer(6, List.of("a note")), new SenderRunAnswer(true, sent, cpu, null),
            SenderResultAnswer.running(snapshot), SenderResultAnswer.done(sent), sent, snapshot, pacing, cpu,
            new CpuUse(1, 2), new ReceiverBeginAnswer(5, new ReceiveBuffer(212_992, 832, 256)),
            new ReceiverEndAnswer(received, counters, false, "after 1000 ms 4096 bytes were still queued", "HISTFAAAA",
                3584, null, cpu), received, socket, stream, latency, counters, new ReceiveBuffer(1, 2, 3),
            new ThrottleAnswer("stall:50ms/1s:random"), new ErrorAnswer("no such path /x", 404),
            new ClockAnswer(1_764_654_105_250_000_123L, 1_764_654_105_250_000_456L),
            ThrottleSpec.parse("stall:50ms/1s:random"), ThrottleSpec.parse("cost:1500ns:exponential"),
            PatternSpec.parse("steps:1000@1s,2k@2s"), PatternSpec.parse("playback:/tmp/x.csv"),
            new PatternSpec.Step(1_000, 1_000_000_000L), timelineSample,
            new LossTimeline(LossTimeline.BIN_NS, new long[] {17_650_001_234L, 17_650_001_240L}, new long[] {3, 1}, 2)));
        return samples;
    }

    @Test
    void everyRecordRoundTripsThroughTheOneMapper() throws IOException
    {
        for (final Record sample : samples())
        {
            final byte[] json = Json.toBytes(sample);
            assertThat(Json.MAPPER.readValue(json, sample.getClass())).as(new String(json, StandardCharsets.UTF_8))
                .isEqualTo(sample);
        }
    }

    @Test
    void everyRecordOfThePackageHasASample() throws IOException, URISyntaxException
    {
        final Path dir = Path.of(AgentApi.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(AgentApi.class.getPackageName().replace('.', '/'));
        final TreeSet<String> records = new TreeSet<>();
        try (Stream<Path> classes = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)classes::iterator)
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class"))
                {
                    final Class<?> type = load(AgentApi.class.getPackageName() + "." + name.replace(".class", ""));
                    if (type.isRecord())
                    {
                        records.add(type.getName());
                    }
                }
            }
        }
        final TreeSet<String> sampled = new TreeSet<>();
        samples().forEach(sample -> sampled.add(sample.getClass().getName()));
        assertThat(sampled).as("records of the protocol package with a round-trip sample").containsAll(records);
        assertThat(records).as("found the package's records").contains(SenderTrialReport.class.getName(),
            ReceiverStatus.Socket.class.getName());
    }

    private static Class<?> load(final String name)
    {
        try
        {
            return Class.forName(name);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
