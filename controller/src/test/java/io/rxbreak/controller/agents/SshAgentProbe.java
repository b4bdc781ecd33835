package io.rxbreak.controller.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.ReceiverStatus;

/**
 * A controller in miniature for {@link SshAgentTest}, run on one lab host: reads the token from its first line of
 * input (never from its command line), starts a receiver agent over SSH on another host with this JVM's java and
 * class path, asks its {@code /status} over the lab's network, prints what it saw, and on the input line
 * {@code close} closes it. Arguments: TARGET AGENT_ADDRESS GROUP INTERFACE SSH_OPTION...
 * Prints {@code URL u}, {@code STATUS json}, {@code CLOSED}; or {@code FAILED exitCode message} and exits 3.
 */
public final class SshAgentProbe
{
    /** The receiver agent warms its receive path up (up to 13 s) before it listens. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private SshAgentProbe()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        final String token = in.readLine();
        final String target = args[0];
        final List<String> sshOptions = Arrays.asList(args).subList(4, args.length);
        final List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
            "io.rxbreak.core.cli.Main", "receive", "--agent", args[1] + ":0", "--group", args[2], "--interface",
            args[3]));
        try (SshAgent agent = SshAgent.start(target, sshOptions, argv, token, START_TIMEOUT))
        {
            System.out.println("URL " + agent.url());
            final ReceiverStatus status = new AgentClient(agent.url(), token, CALL_TIMEOUT, agent.tlsFingerprint())
                .status(AgentApi.RECEIVER, ReceiverStatus.class);
            System.out.println("STATUS " + Json.toLine(status));
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null && !"close".equals(line))
            {
                // wait for the test to have looked at the processes
            }
        }
        catch (final AgentStartException ex)
        {
            System.out.println("FAILED " + ex.exitCode() + " " + ex.getMessage());
            System.exit(3);
        }
        System.out.println("CLOSED");
    }
}
