package io.rxbreak.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.counters.Tunables;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.TracingInstances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ramp --sandbox} for real: the namespace {@code rxbreak-PID} removed after a normal finish; left behind by a
 * controller killed outright (nothing of it runs to clean up), and removed, with what still runs in it, by the next
 * run; the host's sysctls that a network namespace cannot see handed in and reported; and refused without root.
 * The normal finish is a verify gate the sender cannot offer, the README's exit 4. (SIGTERM is
 * {@code RampReliabilityTest}'s; a killed run's host tuning is {@code TuneRampTest}'s.)
 */
class RampSandboxTest
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RAMP_TIMEOUT = Duration.ofSeconds(90);
    private static final String IN_NAMESPACE = "rxbreak ramp: in the private network namespace ";

    @TempDir
    Path dir;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("--sandbox creates network namespaces; the refusal is run as nobody, which needs root");
    }

    /**
     * First a sandboxed ramp in a long trial, killed with SIGKILL once its inner ramp runs: its namespace stays, with
     * the inner ramp and its agents still in it. Then the next sandboxed ramp removes that leftover and what runs in
     * it before it makes its own namespace (silently: it says nothing of it), and removes its own when it finishes
     * normally. Its report holds the host's values of the sysctls a network namespace cannot see (those missing in a
     * new one: netdev_max_backlog, netdev_budget, ...), handed in by the sandbox's parent.
     * <p>
     * That next run is also the README's exit 4, to spare a ramp: a verify gate at 50,000,000 msgs/s, far beyond what
     * the sender can offer here. Its trial falls short (INVALID, sender shortfall), is retried once, falls short
     * again, and the rate is the sender's limit: no valid trial, nothing can be said about the receiver. Trials of
     * 200 ms without a warm-up trial, so that the sender runs flat out for well under a second.
     */
    @Test
    void aKilledSandboxIsLeftForTheNextRunToRemoveAndANormalFinishRemovesItsOwnEvenWithNoValidTrial()
        throws IOException, InterruptedException
    {
        final long started = System.nanoTime();
        final RampProcess killed = RampProcess.startOnHost(dir.resolve("killed"), "--sandbox", "--start-rate", "1000",
            "--no-warm-up-trial", "--duration", "60s", "--warm-up", "100ms", "--confirm-duration", "60s",
            "--confirm-trial-duration", "60s", "--max-trials", "1");
        final String leftover = "rxbreak-" + killed.process().pid();
        RampProcess next = null;
        try
        {
            killed.process().awaitStderrLine(START_TIMEOUT, line -> line.equals(IN_NAMESPACE + leftover));
            // SIGKILL: no shutdown hook runs. Its output pipes stay open (the inner ramp holds them): wait for the
            // process alone, not for the end of its output
            final Process controller = killed.process().process();
            controller.destroyForcibly();
            assertThat(controller.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("killed").isTrue();
            assertThat(controller.exitValue()).as("SIGKILL").isEqualTo(128 + 9);
            assertThat(namespaces()).as("a controller killed outright cannot remove its sandbox").contains(leftover);
            final List<Long> inside = pidsIn(leftover);
            assertThat(inside).as("the killed ramp's inner ramp and agents, still running").isNotEmpty();

            final Map<String, String> hostBefore = hostSysctls();
            next = RampProcess.startOnHost(dir.resolve("next"), "--sandbox", "--verify-rate", "50M",
                "--no-warm-up-trial", "--duration", "200ms", "--warm-up", "100ms", "--confirm-duration", "200ms",
                "--confirm-trial-duration", "200ms");
            final String own = "rxbreak-" + next.process().pid();
            next.process().awaitStderrLine(START_TIMEOUT, line -> line.equals(IN_NAMESPACE + own));
            assertThat(namespaces()).as("the leftover is removed before the next sandbox is made").contains(own)
                .doesNotContain(leftover);
            Deadline.await(Duration.ofSeconds(10), "the processes left in " + leftover + " killed",
                () -> inside.stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent()));

            assertThat(next.waitFor(RAMP_TIMEOUT)).as(next.output()).isEqualTo(ExitCodes.NO_VALID_TRIAL);
            assertThat(next.process().stderrLines()).as("the next run says what it removed")
                .contains("rxbreak ramp: removed the sandbox " + leftover + " of a run killed outright (pid "
                    + killed.process().pid() + " is gone), with what still ran in it");
            assertThat(namespaces()).as("removed after a normal finish").doesNotContain(own);
            final JsonNode report = next.report();
            assertThat(report.path("outcome").path("status").asText()).isEqualTo("complete");
            assertThat(report.path("goals").get(0).path("status").asText()).isEqualTo("SENDER_CANNOT_SEND");
            assertThat(report.path("ndr").isNull()).isTrue();
            assertThat(report.path("senderLimitRate").asLong()).isEqualTo(50_000_000L);
            assertThat(next.trials()).as(next.output()).hasSize(2).allSatisfy(trial ->
            {
                assertThat(trial.path("verdict").asText()).isEqualTo("INVALID");
                assertThat(trial.path("invalidReason").asText()).isEqualTo("SENDER_SHORTFALL");
                assertThat(trial.path("achievedRate").asDouble()).isLessThan(50_000_000 * 0.99);
            });
            assertThat(next.process().stdout()).contains("NDR (no drop): unknown: the sender could not offer 50,000,000");
            assertThat(TracingInstances.list()).as("tracing instances of the killed agents")
                .noneMatch(name -> inside.stream().anyMatch(pid -> name.startsWith("rxbreak-" + pid + "-")));

            final Map<String, String> hostAfter = hostSysctls();
            final JsonNode tunables = report.path("tunables");
            final List<String> invisible = invisibleInANamespace();
            assertThat(invisible).as("sysctls a new network namespace cannot see").isNotEmpty();
            for (final String name : invisible)
            {
                assertThat(tunables.path(name).asText()).as("%s in the sandbox's report, the host's", name)
                    .isIn(hostBefore.get(name), hostAfter.get(name));
            }
        }
        finally
        {
            if (next != null)
            {
                next.process().close();
            }
            killed.process().close();
            removeNamespace(leftover);
        }
        System.out.printf("RampSandboxTest: a killed sandbox and the next run (exit 4) took %.1f s%n",
            (System.nanoTime() - started) / 1e9);
    }

    /**
     * Run as the user nobody, {@code ramp --sandbox} is refused in one line naming {@code --sandbox}, exit 2,
     * before anything starts: no namespace, no run folder. Root's files (its Maven repository) are out of nobody's
     * reach, so the class path's jars are linked (or copied) into a folder that nobody may read.
     */
    @Test
    void withoutRootTheSandboxIsRefusedInOneLineBeforeAnythingStarts() throws IOException
    {
        final long started = System.nanoTime();
        final Path readable = Files.createTempDirectory("rxbreak-nobody");
        try
        {
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
            final Path runs = Files.createDirectory(readable.resolve("runs"));
            Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxrwxrwx"));
            final Path out = runs.resolve("run");
            final List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", ProcessHandle.current().info().command().orElse("java"), "-XX:-UsePerfData",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", readableClassPath(readable),
                Main.class.getName(), "ramp", "--sandbox", "--out", out.toString()));
            try (ChildProcess ramp = ChildProcess.start(command))
            {
                assertThat(ramp.waitFor(START_TIMEOUT)).as(ramp.stderr()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(ramp.stderrLines()).hasSize(1).first().asString().contains("--sandbox: needs root to create "
                    + "a network namespace (ip netns add); run as root, or drop --sandbox to run host-only on loopback");
                assertThat(namespaces()).doesNotContain("rxbreak-" + ramp.pid());
            }
            assertThat(out).as("no run folder").doesNotExist();
        }
        finally
        {
            try (Stream<Path> walk = Files.walk(readable))
            {
                for (final Path path : walk.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(path);
                }
            }
        }
        System.out.printf("RampSandboxTest: the refusal as nobody took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * @return this JVM's class path with every jar linked (or copied, across file systems) into {@code folder}, which
     *     others may read; folders (the modules' classes, in the world-readable work tree) as they are.
     */
    private static String readableClassPath(final Path folder) throws IOException
    {
        final Path lib = Files.createDirectory(folder.resolve("lib"));
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        final List<String> entries = new ArrayList<>();
        int n = 0;
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (Files.isDirectory(path))
            {
                entries.add(entry);
                continue;
            }
            final Path link = lib.resolve(n++ + "-" + path.getFileName());
            try
            {
                Files.createLink(link, path);
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                Files.copy(path, link);
            }
            Files.setPosixFilePermissions(link, PosixFilePermissions.fromString("rw-r--r--"));
            entries.add(link.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String namespaces()
    {
        return Files.isDirectory(Path.of("/run/netns")) ? NetworkNamespace.run("ip", "netns", "list") : "";
    }

    private static List<Long> pidsIn(final String namespace)
    {
        final List<Long> pids = new ArrayList<>();
        for (final String pid : NetworkNamespace.run("ip", "netns", "pids", namespace).split("\\s+"))
        {
            if (!pid.isBlank())
            {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
        return pids;
    }

    /**
     * What the test left, should it fail half-way: the namespace and whatever runs in it.
     */
    private static void removeNamespace(final String namespace)
    {
        if (!Files.exists(Path.of("/run/netns", namespace)))
        {
            return;
        }
        pidsIn(namespace).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Deadline.await(Duration.ofSeconds(10), "processes in " + namespace + " gone", () -> pidsIn(namespace).isEmpty());
        NetworkNamespace.run("ip", "netns", "del", namespace);
    }

    /**
     * @return the host's value of each sysctl rxbreak reports, its whitespace as the report writes it.
     */
    private static Map<String, String> hostSysctls() throws IOException
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String name : Tunables.SYSCTLS)
        {
            final Path file = Path.of("/proc/sys").resolve(name.replace('.', '/'));
            if (Files.isReadable(file))
            {
                try (var in = Files.newInputStream(file))
                {
                    values.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim()
                        .replaceAll("\\s+", " "));
                }
            }
        }
        return values;
    }

    /**
     * @return the sysctls rxbreak reports that a new network namespace does not show ({@code unshare --net}): the
     *     sandbox's parent hands in the host's values of these.
     */
    private static List<String> invisibleInANamespace()
    {
        final List<String> names = new ArrayList<>();
        for (final String name : Tunables.SYSCTLS)
        {
            final String file = "/proc/sys/" + name.replace('.', '/');
            if (!Files.exists(Path.of(file)))
            {
                continue;
            }
            try (ChildProcess test = ChildProcess.start(List.of("unshare", "--net", "test", "-e", file)))
            {
                if (test.waitFor(START_TIMEOUT) != 0)
                {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
