package io.rxbreak.controller.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.rxbreak.core.control.AgentOptions;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NamespaceLab;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.Sshd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SshAgent} across a {@link NamespaceLab}: a small controller ({@link SshAgentProbe}) on host 1 starts a
 * receiver agent on host 2 through Debian's sshd there and asks its status over the lab's network; the token reaches
 * the agent's environment and no command line on the machine; nothing stays behind after close or a refused key.
 */
class SshAgentTest
{
    /** Beyond the probe's own start time-out, so that a slow start fails with ssh's and the agent's lines. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String GROUP = "239.255.77.13:47013";
    private static final String AGENT_MAIN = "io.rxbreak.core.cli.Main";

    private final String token = "rxb-ssh-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    @BeforeEach
    void needs()
    {
        Privileges.assumeRoot("the lab's hosts are network namespaces and sshd runs as root");
        Sshd.assumeAvailable();
    }

    @Test
    void startsAReceiverAgentOverSshWithTheTokenInItsEnvironmentOnlyAndStopsIt()
    {
        try (NamespaceLab lab = NamespaceLab.create(2);
            Sshd sshd = Sshd.start(lab, 1);
            CommandLineWatch watch = new CommandLineWatch(token))
        {
            final ChildProcess probe = probe(lab, sshd, sshd.clientOptions());
            final String status = probe.awaitLine(TIMEOUT, line -> line.startsWith("STATUS "));
            assertThat(status).contains("\"role\":\"receiver\"").contains(GROUP.split(":")[0]);
            assertThat(probe.stdoutLines()).as("over TLS, pinned by the fingerprint the agent printed through ssh")
                .contains("URL https://" + lab.address(1) + ":" +
                portOf(probe.stdoutLines()));

            final List<Long> agents = javaProcesses(lab.host(1));
            assertThat(agents).as("the agent's JVM in host 2").hasSize(1);
            assertThat(environment(agents.get(0))).contains(AgentOptions.TOKEN_ENVIRONMENT + "=" + token);
            assertThat(watch.seenAgent()).as("the watch saw the agent's command line").isTrue();
            assertThat(watch.leaks()).as("command lines holding the token").isEmpty();

            probe.writeLine("close");
            probe.awaitLine(TIMEOUT, "CLOSED"::equals);
            assertThat(probe.waitFor(TIMEOUT)).isZero();
            assertThat(javaProcesses(lab.host(1))).as("java processes left in host 2").isEmpty();
            assertThat(watch.leaks()).as("command lines holding the token").isEmpty();
        }
    }

    @Test
    void aRefusedKeyFailsClearlyAndLeavesNothingRunning()
    {
        try (NamespaceLab lab = NamespaceLab.create(2); Sshd sshd = Sshd.start(lab, 1))
        {
            final ChildProcess probe = probe(lab, sshd, sshd.clientOptions(sshd.strangerKey()));
            assertThat(probe.waitFor(TIMEOUT)).as(probe.stdout() + probe.stderr()).isEqualTo(3);
            final String failure = probe.stdoutLines().stream().filter(line -> line.startsWith("FAILED "))
                .findFirst().orElseThrow();
            assertThat(failure).startsWith("FAILED 255 ssh to " + sshd.target() + " exited with code 255 before the " +
                "agent listened").contains("Permission denied (publickey)").contains("the key refused");
            assertThat(NetworkNamespace.run("ip", "netns", "pids", lab.host(0).name())).as("left in host 1").isBlank();
            // sshd's pre-authentication child exits once the client is gone
            Deadline.await(Duration.ofSeconds(5), () -> "only sshd left in host 2: " + pids(lab.host(1)),
                () -> pids(lab.host(1)).equals(List.of(sshd.process().pid())));
        }
    }

    private ChildProcess probe(final NamespaceLab lab, final Sshd sshd, final List<String> sshOptions)
    {
        final List<String> args = new ArrayList<>(List.of(sshd.target(), lab.address(1), GROUP,
            lab.interfaceName(1)));
        args.addAll(sshOptions);
        final ChildProcess probe = lab.host(0).startJava(SshAgentProbe.class, args.toArray(new String[0]));
        probe.writeLine(token);
        return probe;
    }

    private static String portOf(final List<String> lines)
    {
        final String url = lines.stream().filter(line -> line.startsWith("URL ")).findFirst().orElseThrow();
        return url.substring(url.lastIndexOf(':') + 1);
    }

    private static List<Long> pids(final NetworkNamespace ns)
    {
        final List<Long> pids = new ArrayList<>();
        for (final String pid : NetworkNamespace.run("ip", "netns", "pids", ns.name()).split("\\s+"))
        {
            if (!pid.isBlank())
            {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
        return pids;
    }

    private static List<Long> javaProcesses(final NetworkNamespace ns)
    {
        return pids(ns).stream().filter(pid -> ProcessHandle.of(pid).flatMap(p -> p.info().command())
            .map(command -> command.endsWith("/java")).orElse(false)).toList();
    }

    private static String environment(final long pid)
    {
        try
        {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                StandardCharsets.UTF_8).replace('\0', '\n');
        }
        catch (final IOException ex)
        {
            throw new AssertionError("could not read the environment of " + pid, ex);
        }
    }

    /**
     * Reads the command line of every process on the machine, over and over, until closed: the ones that held the
     * token, and whether the agent's was among those seen.
     */
    private static final class CommandLineWatch implements AutoCloseable
    {
        private final String token;
        private final Set<String> leaks = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean seenAgent = new AtomicBoolean();
        private final AtomicInteger rounds = new AtomicInteger();
        private final Thread thread;

        CommandLineWatch(final String token)
        {
            this.token = token;
            this.thread = new Thread(this::watch, "cmdline-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch()
        {
            while (running.get())
            {
                try (Stream<Path> entries = Files.list(Path.of("/proc")))
                {
                    entries.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(this::check);
                }
                catch (final IOException ex)
                {
                    // /proc is always there; a round that failed is retried
                }
                rounds.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        private void check(final Path process)
        {
            try
            {
                final String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
                if (commandLine.contains(token))
                {
                    leaks.add(process.getFileName() + ": " + commandLine);
                }
                if (commandLine.contains(AGENT_MAIN + " receive --agent"))
                {
                    seenAgent.set(true);
                }
            }
            catch (final IOException ex)
            {
                // it exited meanwhile
            }
        }

        Set<String> leaks()
        {
            return Set.copyOf(leaks);
        }

        boolean seenAgent()
        {
            final int from = rounds.get();
            // at least one whole round after the caller saw the agent running
            Deadline.await(Duration.ofSeconds(5), "a round of the command line watch", () -> rounds.get() > from + 1);
            return seenAgent.get();
        }

        @Override
        public void close()
        {
            running.set(false);
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
