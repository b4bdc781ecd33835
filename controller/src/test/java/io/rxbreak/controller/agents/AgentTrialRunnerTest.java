package io.rxbreak.controller.agents;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.DropReasonCount;
import io.rxbreak.core.counters.DropReasons;
import io.rxbreak.core.counters.Layer;
import io.rxbreak.core.counters.WindowCounters;
import io.rxbreak.core.protocol.SenderTrialReport;

import static org.assertj.core.api.Assertions.assertThat;

class AgentTrialRunnerTest
{
    private static WindowCounters counters()
    {
        return counters(null);
    }

    private static WindowCounters counters(final DropReasons reasons)
    {
        return new WindowCounters(Map.of("softirq-backlog", 0L, "nic", 0L), Map.of(), 0L, 0L, 0L, 0, Map.of(), null,
            reasons, List.of(), null, null);
    }

    private static DropReasons rpFilter(final long count)
    {
        return new DropReasons(List.of(new DropReasonCount("IP_RPFILTER", "ip_rcv_finish_core", count),
            new DropReasonCount("NO_SOCKET", "tcp_v4_rcv", 4)), 0, null);
    }

    @Test
    void lossNoCounterSawIsNamedByTheKernelsDropReason() throws Exception
    {
        final ReceiverOutcome received = new ReceiverOutcome(99_001L, 999, Map.of("g inode 1", 0L), 0L, 1, null,
            counters(rpFilter(999)), null, null, 3L, null);
        final TrialResult result = AgentTrialRunner.toResult(sent(100_000, 3), received);

        assertThat(result.dropsByLayer()).containsEntry(Layer.ROUTING_FILTERING, 999L).doesNotContainKey(Layer.VALIDATION);
        assertThat(result.reasonsBeyondLoss()).isNull();
        assertThat(result.dropReasons().count("IP_RPFILTER")).isEqualTo(999);
    }

    @Test
    void reasonsBeyondTheUnexplainedLossAreOtherTrafficNotCountedTwice() throws Exception
    {
        final ReceiverOutcome received = new ReceiverOutcome(99_001L, 999, Map.of("g inode 1", 0L), 0L, 1, null,
            counters(rpFilter(1_500)), null, null, 3L, null);
        final TrialResult result = AgentTrialRunner.toResult(sent(100_000, 3), received);

        assertThat(result.dropsByLayer()).containsEntry(Layer.ROUTING_FILTERING, 999L);
        assertThat(result.reasonsBeyondLoss()).isEqualTo(501L);
        long counted = 0;
        for (final long drops : result.dropsByLayer().values())
        {
            counted += drops;
        }
        assertThat(result.sent()).as("sent = received + drops per layer").isEqualTo(result.received() + counted);
    }

    /**
     * @param json a sender's report with only the fields the runner reads (the others are 0 or null).
     * @return it, read as the controller reads the sender agent's answer.
     */
    private static SenderTrialReport report(final String json) throws Exception
    {
        return Json.MAPPER.readValue(json, SenderTrialReport.class);
    }

    private static SenderTrialReport sent(final long sent, final long markers) throws Exception
    {
        return report("{\"sent\":" + sent + ",\"achievedRate\":20000.0,\"maxLagNs\":1000,\"endMarkersSent\":"
            + markers + "}");
    }

    @Test
    void endMarkersTheKernelDroppedAreNotCountedAsLostMessages() throws Exception
    {
        // 3 marker rounds were sent, 2 arrived: of the socket's 1,001 drops one was a marker
        final ReceiverOutcome received = new ReceiverOutcome(99_000L, 1_000, Map.of("g inode 1", 1_001L), 0L, 1, null,
            counters(), null, null, 2L, null);
        final TrialResult result = AgentTrialRunner.toResult(sent(100_000, 3), received);

        assertThat(result.dropsByLayer()).containsEntry(Layer.SOCKET_BUFFER, 1_000L);
        assertThat(result.socketDrops()).containsEntry("g inode 1", 1_001L);
        assertThat(result.sent() - result.received()).isEqualTo(1_000);
    }

    @Test
    void withSeveralSocketsEachGetsItsOwnCopyOfTheMarkers() throws Exception
    {
        final ReceiverOutcome received = new ReceiverOutcome(200_000L, 0, Map.of("a", 0L, "b", 0L), 0L, 2, null,
            counters(), null, null, 6L, null);
        final TrialResult result = AgentTrialRunner.toResult(sent(100_000, 3), received);

        assertThat(result.sent()).isEqualTo(200_000);
        assertThat(result.dropsByLayer()).containsEntry(Layer.SOCKET_BUFFER, 0L);
    }

    @Test
    void theSendersOwnLagGrowthIsTakenOutOfTheReceiversBacklogGrowth() throws Exception
    {
        final ReceiverOutcome received = new ReceiverOutcome(100_000L, 0, Map.of("a", 0L), 0L, 1, null, counters(), null,
            null, 3L, 0.015, Layer.SOCKET_BUFFER, null, null, null);
        final SenderTrialReport lagging = report("{\"sent\":100000,\"achievedRate\":20000.0,\"maxLagNs\":1000,"
            + "\"endMarkersSent\":3,\"lagGrowth\":0.01}");

        final TrialResult result = AgentTrialRunner.toResult(lagging, received);
        assertThat(result.backlogGrowth()).isCloseTo(0.005, org.assertj.core.api.Assertions.within(1e-12));
        final SenderTrialReport catchingUp = report("{\"sent\":100000,\"achievedRate\":20000.0,\"maxLagNs\":1000,"
            + "\"endMarkersSent\":3,\"lagGrowth\":-0.01}");
        assertThat(AgentTrialRunner.toResult(catchingUp, received).backlogGrowth()).as("a sender catching up")
            .isCloseTo(0.025, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(result.backlogLayer()).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(AgentTrialRunner.toResult(sent(100_000, 3), received).backlogGrowth()).isEqualTo(0.015);
        assertThat(AgentTrialRunner.toResult(sent(100_000, 3), new ReceiverOutcome(100_000L, 0, Map.of("a", 0L), 0L, 1,
            null, counters(), null, null, 3L, null)).backlogGrowth()).isNull();
        assertThat(AgentReceiverSide.backlogLayer("queue:500:100us:drop")).isEqualTo(Layer.APPLICATION);
        assertThat(AgentReceiverSide.backlogLayer("queue:500:100us:block")).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(AgentReceiverSide.backlogLayer("rate:20000")).isEqualTo(Layer.SOCKET_BUFFER);
        assertThat(AgentTrialRunner.steadyLoad(null)).isTrue();
        assertThat(AgentTrialRunner.steadyLoad("constant")).isTrue();
        assertThat(AgentTrialRunner.steadyLoad("burst:100/10ms")).isTrue();
        assertThat(AgentTrialRunner.steadyLoad("steps:1000,2000/1s")).isFalse();
        assertThat(AgentTrialRunner.steadyLoad("playback:/tmp/x.csv")).isFalse();
        assertThat(received.withoutBacklogGrowth().backlogGrowth()).isNull();
    }
}
