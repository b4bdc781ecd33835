package io.rxbreak.controller.agents;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rxbreak.core.control.AgentOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a local agent's controller reads from its output: the URL from the listening line and, from the line before
 * it when the agent serves TLS, the fingerprint to pin (the agent's side of these lines: {@code AgentTlsTest}).
 */
class AgentProcessOutputTest
{
    private static AgentProcess.Listening read(final Deque<String> lastLines, final String... lines)
    {
        final CompletableFuture<AgentProcess.Listening> listening = new CompletableFuture<>();
        AgentProcess.readOutput(new ByteArrayInputStream((String.join("\n", lines) + "\n")
            .getBytes(StandardCharsets.UTF_8)), lastLines, listening);
        return listening.join();
    }

    @Test
    void theFingerprintLineBeforeTheListeningLineIsThePinAndOtherLinesAreKept()
    {
        final String fingerprint = "sha256:" + "5A:".repeat(31) + "C3";
        final Deque<String> lastLines = new ArrayDeque<>();
        final AgentProcess.Listening listening = read(lastLines, "rxbreak receive: joined 239.255.77.13 on lo",
            AgentOptions.TLS_CERTIFICATE + fingerprint, AgentOptions.LISTENING + "https://127.0.0.1:40001",
            "a later line");
        assertThat(listening.url()).isEqualTo("https://127.0.0.1:40001");
        assertThat(listening.tlsFingerprint()).isEqualTo(fingerprint);
        assertThat(lastLines).containsExactly("rxbreak receive: joined 239.255.77.13 on lo", "a later line");
    }

    @Test
    void aPlainHttpAgentHasNoFingerprint()
    {
        final AgentProcess.Listening listening = read(new ArrayDeque<>(List.of()),
            AgentOptions.LISTENING + "http://127.0.0.1:40002");
        assertThat(listening.url()).isEqualTo("http://127.0.0.1:40002");
        assertThat(listening.tlsFingerprint()).isNull();
    }
}
