package io.rxbreak.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.protocol.ClockAnswer;
import io.rxbreak.core.time.EpochClock;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real sender and receiver agents over HTTP, in a private namespace: bad requests get a 4xx with the reason,
 * a token is required when an agent binds beyond loopback (where it serves TLS, pinned by the fingerprint it
 * prints), {@code /metrics} is Prometheus text and {@code /clock} their clock.
 */
class AgentApiTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GROUP = "239.255.77.3:47003";
    /** How far two JVMs' epoch clocks on one host may differ: their calibrations against the wall clock. */
    private static final long CLOCK_SLACK_NS = 50_000_000L;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("the agents run in a private network namespace");
    }

    private record Answer(int status, String type, String body)
    {
    }

    private static String url(final ChildProcess agent)
    {
        return agent.awaitLine(TIMEOUT, line -> line.startsWith(AgentOptions.LISTENING))
            .substring(AgentOptions.LISTENING.length()).trim();
    }

    private static Answer request(final NetworkNamespace ns, final String... args)
    {
        try (ChildProcess probe = ns.startJava(HttpProbe.class, args))
        {
            assertThat(probe.waitFor(TIMEOUT)).as(probe.stderr()).isZero();
            final List<String> lines = new ArrayList<>(probe.stdoutLines());
            final int status = Integer.parseInt(lines.remove(0).substring("STATUS ".length()));
            final String type = lines.remove(0).substring("TYPE ".length());
            return new Answer(status, type, String.join("\n", lines));
        }
    }

    @Test
    void badRequestsGetA4xxWithTheReasonAndMetricsArePrometheusText() throws Exception
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess receiver = ns.startJava(Main.class, "receive", "--group", GROUP, "--interface", "lo",
                "--agent", "127.0.0.1:0");
            final ChildProcess sender = ns.startJava(Main.class, "send", "--group", GROUP, "--interface", "lo",
                "--agent", "127.0.0.1:0");
            final String receiverUrl = url(receiver);
            final String senderUrl = url(sender);

            final Answer badThrottle = request(ns, "POST", receiverUrl + "/throttle", "{\"throttle\":\"sometimes\"}");
            assertThat(badThrottle.status()).isEqualTo(400);
            assertThat(badThrottle.body()).contains("unknown throttle 'sometimes'");

            final Answer notJson = request(ns, "POST", receiverUrl + "/trial/begin", "{trial");
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.body()).contains("not valid JSON");

            final Answer notBegun = request(ns, "POST", receiverUrl + "/trial/end", "{\"trialId\":42,\"drainBoundNs\":1000}");
            assertThat(notBegun.status()).isEqualTo(409);
            assertThat(notBegun.body()).contains("trial 42 was not begun here");

            final Answer unknownPath = request(ns, "GET", senderUrl + "/nothing");
            assertThat(unknownPath.status()).isEqualTo(404);
            assertThat(unknownPath.body()).contains("no such path /nothing").contains("/trial/start");

            final Answer wrongMethod = request(ns, "DELETE", senderUrl + "/status");
            assertThat(wrongMethod.status()).isEqualTo(405);

            final Answer noTrial = request(ns, "GET", senderUrl + "/trial/result?trial=7");
            assertThat(noTrial.status()).isEqualTo(404);
            assertThat(noTrial.body()).contains("no trial 7");

            final Answer tooBig = request(ns, "POST", senderUrl + "/trial/start", "{\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(tooBig.status()).isEqualTo(413);

            for (final String url : List.of(receiverUrl, senderUrl))
            {
                // both roles serve their datagram clock; on one host it reads what this JVM's wall clock reads
                final long before = EpochClock.system().epochNs();
                final Answer clock = request(ns, "GET", url + "/clock");
                final long after = EpochClock.system().epochNs();
                assertThat(clock.status()).isEqualTo(200);
                final ClockAnswer answer = Json.MAPPER.readValue(clock.body(), ClockAnswer.class);
                assertThat(answer.receivedEpochNs()).as(url).isBetween(before - CLOCK_SLACK_NS, after + CLOCK_SLACK_NS);
                assertThat(answer.answeredEpochNs()).isGreaterThanOrEqualTo(answer.receivedEpochNs());

                final Answer metrics = request(ns, "GET", url + "/metrics");
                assertThat(metrics.status()).isEqualTo(200);
                assertThat(metrics.type()).startsWith("text/plain");
                assertThat(metrics.body()).contains("# TYPE rxbreak_");
                for (final String line : metrics.body().split("\n"))
                {
                    if (!line.isBlank() && !line.startsWith("#"))
                    {
                        assertThat(line).as("a sample line").matches("rxbreak_[a-z0-9_]+(\\{[^}]*\\})? -?[0-9.eE+-]+|rxbreak_[a-z0-9_]+(\\{[^}]*\\})? (NaN|[+-]Inf)");
                    }
                }
            }
            receiver.terminate(TIMEOUT);
            sender.terminate(TIMEOUT);
        }
    }

    @Test
    void anAgentBeyondLoopbackRequiresATokenAndServesTls()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess refused = ns.startJava(Main.class, "receive", "--group", GROUP, "--interface", "lo",
                "--agent", "0.0.0.0:0");
            assertThat(refused.waitFor(TIMEOUT)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.stderrLines()).hasSize(1);
            assertThat(refused.stderrLines().get(0)).contains("--agent-token");

            final ChildProcess receiver = ns.startJava(Main.class, "receive", "--group", GROUP, "--interface", "lo",
                "--agent", NetworkNamespace.TEST_ADDRESS + ":0", "--agent-token", "s3cret");
            final String url = url(receiver);
            assertThat(url).startsWith("https://" + NetworkNamespace.TEST_ADDRESS + ":");
            final String printed = receiver.stdoutLines().stream()
                .filter(line -> line.startsWith(AgentOptions.TLS_CERTIFICATE)).findFirst().orElseThrow();
            final String fingerprint = printed.substring(AgentOptions.TLS_CERTIFICATE.length()).trim();

            assertThat(request(ns, "GET", url + "/status", "-", "-", fingerprint).status()).isEqualTo(401);
            assertThat(request(ns, "GET", url + "/status", "-", "wrong", fingerprint).status()).isEqualTo(401);
            final Answer status = request(ns, "GET", url + "/status", "-", "s3cret", fingerprint);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body()).contains("\"throttle\"");
            receiver.terminate(TIMEOUT);
        }
    }
}
