package io.rxbreak.core.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Agents with the given options that each ask themselves for {@code /status}, as a program: a test runs it inside
 * a network namespace, where a non-loopback address exists to bind. Each agent serves as a real agent does
 * ({@link AgentLoop}) and its output lines are echoed; then {@code /status} is called at the URL it printed with the
 * token and the fingerprint it printed (if any), and {@code STATUS 200} (or {@code FAILED <reason>}) printed. One
 * agent after another, in one JVM; then it exits.
 * <pre>
 * AgentInNamespace TOKEN AGENT-OPTIONS... [+ AGENT-OPTIONS...]...
 * </pre>
 */
public final class AgentInNamespace
{
    /** What separates one agent's options from the next one's. */
    public static final String NEXT = "+";

    private AgentInNamespace()
    {
    }

    /**
     * @param args the token the client sends, then each agent's options ({@code --agent ...}), separated by
     *     {@value #NEXT}.
     * @throws Exception when an agent cannot be set up.
     */
    public static void main(final String[] args) throws Exception
    {
        final List<String> options = new ArrayList<>();
        for (final String arg : Arrays.copyOfRange(args, 1, args.length))
        {
            if (NEXT.equals(arg))
            {
                serveAndAsk(args[0], options);
                options.clear();
            }
            else
            {
                options.add(arg);
            }
        }
        serveAndAsk(args[0], options);
        System.out.flush();
        System.exit(0);
    }

    private static void serveAndAsk(final String token, final List<String> args) throws IOException
    {
        final AgentOptionsHolder holder = new AgentOptionsHolder();
        new CommandLine(holder).parseArgs(args.toArray(new String[0]));
        final PipedReader pipe = new PipedReader();
        final PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        final Router router = new Router().get("/status", request -> AgentResponse.json(Map.of("state", "idle")));
        final Thread agent = new Thread(() ->
        {
            try
            {
                AgentLoop.serve(holder.options, router, out, err, "test");
            }
            catch (final RuntimeException | InterruptedException ex)
            {
                System.out.println("FAILED " + ex);
                System.exit(1);
            }
        }, "agent");
        agent.setDaemon(true);
        agent.start();
        String fingerprint = null;
        String url = null;
        final BufferedReader lines = new BufferedReader(pipe);
        while (url == null)
        {
            final String line = lines.readLine();
            System.out.println(line);
            if (line.startsWith(AgentOptions.TLS_CERTIFICATE))
            {
                fingerprint = line.substring(AgentOptions.TLS_CERTIFICATE.length()).trim();
            }
            else if (line.startsWith(AgentOptions.LISTENING))
            {
                url = line.substring(AgentOptions.LISTENING.length()).trim();
            }
        }
        try
        {
            new AgentClient(url, token, Duration.ofSeconds(10), fingerprint).get("/status");
            System.out.println("STATUS 200");
        }
        catch (final AgentException ex)
        {
            System.out.println("FAILED " + ex.getMessage());
        }
    }

    /**
     * The agent options as a command of their own.
     */
    @Command(name = "agent")
    static final class AgentOptionsHolder
    {
        @Mixin
        AgentOptions options;
    }
}
