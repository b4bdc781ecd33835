package io.rxbreak.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.controller.agents.AgentReceiverSide;
import io.rxbreak.controller.agents.LocalAgent;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.config.Units;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.TracingInstances;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a ramp does when things go wrong mid-run: an agent killed, an agent that stops answering, SIGINT, SIGTERM
 * to a sandboxed ramp. Each time it stops, writes the partial report saying what happened, exits with its code,
 * and leaves no agent and no namespace behind.
 */
class RampReliabilityTest
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRIAL_WARM_UP = Duration.ofMillis(250);
    private static final Duration TRIAL_DURATION = Duration.ofSeconds(4);
    private static final String[] LONG_TRIALS = {"--start-rate", "5000", "--duration", TRIAL_DURATION.toMillis() + "ms",
        "--warm-up", TRIAL_WARM_UP.toMillis() + "ms", "--confirm-duration", TRIAL_DURATION.toMillis() + "ms",
        "--confirm-trial-duration", TRIAL_DURATION.toMillis() + "ms", "--max-trials", "10"};
    /** What the bound below allows beyond the documented time-outs: stopping both agents and writing the report. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);
    /**
     * The longest a ramp of {@link #LONG_TRIALS} may take to end after its receiver agent stops answering at the
     * start of a trial, from the documented time-outs (docs/agents.md, "Time-outs"): stopped while the trial
     * begins, the call times out after {@link RunAgents#AGENT_CALL_TIMEOUT}; stopped later, the sender's trial runs
     * on (warm-up and duration) and the receiver's trial end times out after the drain bound (the default,
     * {@link RampConfig.Defaults#DRAIN}) and {@link AgentReceiverSide#TRIAL_END_GRACE}. Then the controller waits
     * {@link LocalAgent#EXIT_GRACE} to see whether the agent exited, and {@link #STOP_MARGIN} covers the rest.
     */
    private static final Duration UNANSWERED_BOUND = max(RunAgents.AGENT_CALL_TIMEOUT, TRIAL_WARM_UP
        .plus(TRIAL_DURATION).plusNanos(Units.parseDurationNs(RampConfig.Defaults.DRAIN))
        .plus(AgentReceiverSide.TRIAL_END_GRACE)).plus(LocalAgent.EXIT_GRACE).plus(STOP_MARGIN);

    private static final int SIGTERM_EXIT = 128 + 15;

    @TempDir
    Path runs;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("the reliability tests run whole ramps in private network namespaces");
    }

    private static void awaitFirstTrial(final RampProcess ramp)
    {
        ramp.process().awaitStderrLine(START_TIMEOUT, line -> line.startsWith("rxbreak ramp: warm-up trial at"));
    }

    private static void assertGone(final ProcessHandle process)
    {
        Deadline.await(Duration.ofSeconds(15), "process " + process.pid() + " gone", () -> !process.isAlive());
    }

    @Test
    void aReceiverAgentKilledMidTrialEndsTheRunWithAPartialReport()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, runs.resolve("killed"), LONG_TRIALS);
            awaitFirstTrial(ramp);
            final ProcessHandle receiver = ramp.agent("receive").orElseThrow();
            final ProcessHandle sender = ramp.agent("send").orElseThrow();
            receiver.destroyForcibly();

            assertThat(ramp.waitFor(STOP_TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.FAILURE);
            final JsonNode outcome = ramp.report().path("outcome");
            assertThat(outcome.path("status").asText()).isEqualTo("failed");
            assertThat(outcome.path("reason").asText()).contains("the receiver agent (pid " + receiver.pid() + ")")
                .contains("killed by signal 9");
            assertThat(ramp.process().stdout()).contains("failed");
            assertGone(sender);
            assertThat(TracingInstances.list()).as("the killed receiver's tracing instances")
                .noneMatch(name -> name.startsWith("rxbreak-" + receiver.pid() + "-"));
        }
    }

    @Test
    void aSenderAgentKilledMidTrialEndsTheRunWithAPartialReport()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, runs.resolve("sender"), LONG_TRIALS);
            awaitFirstTrial(ramp);
            final ProcessHandle receiver = ramp.agent("receive").orElseThrow();
            final ProcessHandle sender = ramp.agent("send").orElseThrow();
            sender.destroyForcibly();

            assertThat(ramp.waitFor(STOP_TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.FAILURE);
            assertThat(ramp.report().path("outcome").path("reason").asText())
                .contains("the sender agent (pid " + sender.pid() + ")");
            assertGone(receiver);
        }
    }

    @Test
    void anAgentThatStopsAnsweringFailsTheRunWithinItsTimeouts()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, runs.resolve("stopped"), LONG_TRIALS);
            awaitFirstTrial(ramp);
            final ProcessHandle receiver = ramp.agent("receive").orElseThrow();
            final ProcessHandle sender = ramp.agent("send").orElseThrow();
            RampProcess.signal("STOP", receiver.pid());
            final long stoppedNs = System.nanoTime();

            assertThat(ramp.waitFor(UNANSWERED_BOUND)).as(ramp.output()).isEqualTo(ExitCodes.FAILURE);
            final Duration took = Duration.ofNanos(System.nanoTime() - stoppedNs);
            System.out.printf("RampReliabilityTest: the ramp ended %d ms after its receiver agent stopped answering "
                + "(bound %d ms)%n", took.toMillis(), UNANSWERED_BOUND.toMillis());
            assertThat(took).isLessThan(UNANSWERED_BOUND);
            assertThat(ramp.report().path("outcome").path("reason").asText()).contains("the receiver agent");
            assertGone(receiver);
            assertGone(sender);
        }
    }

    @Test
    void sigintWritesThePartialReportAndExits130WithTheAgentsGone()
    {
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final RampProcess ramp = RampProcess.start(ns, runs.resolve("sigint"), LONG_TRIALS);
            awaitFirstTrial(ramp);
            final ProcessHandle receiver = ramp.agent("receive").orElseThrow();
            final ProcessHandle sender = ramp.agent("send").orElseThrow();
            RampProcess.signal("INT", ramp.process().pid());

            assertThat(ramp.waitFor(STOP_TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(ramp.report().path("outcome").path("status").asText()).isEqualTo("interrupted");
            assertThat(ramp.process().stdout()).contains("Trials");
            assertGone(receiver);
            assertGone(sender);
        }
    }

    @Test
    void sigtermToASandboxedRampRemovesItsNamespace()
    {
        final RampProcess ramp = RampProcess.startOnHost(runs.resolve("sandbox"), concat("--sandbox", LONG_TRIALS));
        try
        {
            final String line = ramp.process().awaitStderrLine(START_TIMEOUT,
                text -> text.startsWith("rxbreak ramp: in the private network namespace "));
            final Matcher name = Pattern.compile("namespace (rxbreak-\\d+)").matcher(line);
            assertThat(name.find()).isTrue();
            assertThat(NetworkNamespace.run("ip", "netns", "list")).contains(name.group(1));
            awaitFirstTrial(ramp);
            final ProcessHandle receiver = ramp.agent("receive").orElseThrow();

            assertThat(ramp.process().terminate(STOP_TIMEOUT)).as("the JVM's 128 + SIGTERM; " + ramp.output())
                .isEqualTo(SIGTERM_EXIT);
            assertThat(NetworkNamespace.run("ip", "netns", "list")).doesNotContain(name.group(1) + " ")
                .doesNotContain(name.group(1) + "\n");
            assertThat(ramp.report().path("outcome").path("status").asText()).isEqualTo("interrupted");
            assertGone(receiver);
        }
        finally
        {
            ramp.process().close();
        }
    }

    private static Duration max(final Duration a, final Duration b)
    {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String[] concat(final String first, final String... rest)
    {
        final String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
