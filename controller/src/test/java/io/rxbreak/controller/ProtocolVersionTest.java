package io.rxbreak.controller;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.rxbreak.controller.agents.AgentFailureException;
import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.AgentSenderSide;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.AgentResponse;
import io.rxbreak.core.control.AgentServer;
import io.rxbreak.core.control.Router;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.testsupport.ChildProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The controller checks the protocol version in an agent's {@code /status} when it connects: an agent of another
 * version, or one that states none, is refused in one line naming the agent's URL and both versions, with the exit
 * code of an agent that cannot be reached. The agents here are fakes served by {@link AgentServer}.
 */
class ProtocolVersionTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RAMP_TIMEOUT = Duration.ofSeconds(60);
    private static final int OTHER_VERSION = AgentApi.PROTOCOL_VERSION + 1;

    /**
     * @param role the role it claims.
     * @param version the version it claims, or null to state none.
     * @return a fake agent answering only {@code /status}, with a field this version does not know.
     */
    private static AgentServer fakeAgent(final String role, final Integer version) throws InterruptedException
    {
        final Map<String, Object> status = new LinkedHashMap<>();
        status.put("role", role);
        if (version != null)
        {
            status.put("protocolVersion", version);
        }
        status.put("state", "idle");
        status.put("aFieldOfAnotherVersion", List.of(1, 2, 3));
        return AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
            new Router().get(AgentApi.STATUS, request -> AgentResponse.json(status)));
    }

    private static AgentClient client(final AgentServer agent)
    {
        return new AgentClient(agent.url(), null, TIMEOUT);
    }

    @Test
    void anAgentOfAnotherVersionIsRefusedNamingItsUrlAndBothVersions() throws Exception
    {
        try (AgentServer sender = fakeAgent(AgentApi.SENDER, OTHER_VERSION);
            AgentServer receiver = fakeAgent(AgentApi.RECEIVER, OTHER_VERSION))
        {
            assertThatThrownBy(() -> new AgentSenderSide(client(sender), null))
                .isInstanceOf(AgentFailureException.class)
                .hasMessage("the sender agent at " + sender.url() + " speaks protocol version " + OTHER_VERSION +
                    ", this controller version " + AgentApi.PROTOCOL_VERSION +
                    ": run the same rxbreak release on every host");
            assertThatThrownBy(() -> new AgentReceiverSide(client(receiver), null))
                .isInstanceOf(AgentFailureException.class)
                .hasMessageStartingWith("the receiver agent at " + receiver.url() + " speaks protocol version " +
                    OTHER_VERSION + ", this controller version " + AgentApi.PROTOCOL_VERSION);
        }
    }

    @Test
    void anAgentThatStatesNoVersionIsRefused() throws Exception
    {
        try (AgentServer sender = fakeAgent(AgentApi.SENDER, null))
        {
            assertThatThrownBy(() -> new AgentSenderSide(client(sender), null))
                .isInstanceOf(AgentFailureException.class)
                .hasMessageStartingWith("the sender agent at " + sender.url() + " states no protocol version")
                .hasMessageContaining("this controller speaks version " + AgentApi.PROTOCOL_VERSION);
        }
    }

    @Test
    void anAgentOfAnotherRoleIsRefused() throws Exception
    {
        try (AgentServer receiver = fakeAgent(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION))
        {
            assertThatThrownBy(() -> new AgentSenderSide(client(receiver), null))
                .isInstanceOf(AgentFailureException.class)
                .hasMessage("the sender agent at " + receiver.url() + " is a receiver agent: check --sender-agent " +
                    "and --receiver-agent");
        }
    }

    /**
     * The whole ramp, in a child JVM: the mismatch is its one error line, and its exit code is that of an agent that
     * does not answer at all.
     */
    @Test
    void aRampRefusesTheAgentInOneLineWithTheExitCodeOfAnUnreachableAgent() throws Exception
    {
        final Path dir = Files.createTempDirectory("rxbreak-version");
        try (AgentServer sender = fakeAgent(AgentApi.SENDER, OTHER_VERSION);
            AgentServer receiver = fakeAgent(AgentApi.RECEIVER, OTHER_VERSION))
        {
            final String gone;
            try (AgentServer closed = fakeAgent(AgentApi.RECEIVER, AgentApi.PROTOCOL_VERSION))
            {
                gone = closed.url();
            }
            final int unreachableExit;
            try (ChildProcess unreachable = ramp(dir.resolve("unreachable"), gone, sender.url()))
            {
                unreachableExit = unreachable.waitFor(RAMP_TIMEOUT);
                assertThat(unreachable.stderr()).contains(gone);
            }
            try (ChildProcess mismatched = ramp(dir.resolve("mismatched"), receiver.url(), sender.url()))
            {
                assertThat(mismatched.waitFor(RAMP_TIMEOUT)).as(mismatched.stderr())
                    .isEqualTo(unreachableExit).isEqualTo(ExitCodes.FAILURE);
                assertThat(mismatched.stderrLines()).as(mismatched.stderr()).hasSize(1);
                assertThat(mismatched.stderrLines().get(0))
                    .contains("the receiver agent at " + receiver.url())
                    .contains("protocol version " + OTHER_VERSION)
                    .contains("this controller version " + AgentApi.PROTOCOL_VERSION);
            }
        }
        finally
        {
            try (Stream<Path> walk = Files.walk(dir))
            {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ChildProcess ramp(final Path out, final String receiverUrl, final String senderUrl)
    {
        return ChildProcess.start(ChildProcess.javaCommand(Main.class, List.of("ramp", "--receiver-agent", receiverUrl,
            "--sender-agent", senderUrl, "--out", out.toString())));
    }
}
