package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.os.Privileges;
import io.rxbreak.testsupport.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rxbreak scenario run} end to end, in a child JVM: the cheapest shipped scenario ({@code gc-pauses}, verify
 * mode: a warm-up trial and one confirming trial of 2 s), whose goal holds (exit 0), and a copy of it with a goal
 * four times as high, whose pauses then overflow its buffer (exit 3, a JUnit failure). As root the ramp runs in its
 * sandbox (a private network namespace, removed afterwards); otherwise host-only on loopback with multicast TTL 0,
 * which needs no privilege. Nothing is left behind: no namespace, no agent.
 */
class ScenarioRunTest
{
    private static final Path SHIPPED = Path.of("..", ScenarioLibrary.FOLDER);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static ChildProcess scenario(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("scenario", "run"));
        all.addAll(List.of(args));
        if (Privileges.isRoot())
        {
            all.add("--sandbox");
        }
        else
        {
            System.out.println("ScenarioRunTest: not root, so the scenario runs host-only on loopback (TTL 0)");
        }
        return ChildProcess.start(ChildProcess.javaCommand(Main.class, all));
    }

    private static int finish(final ChildProcess run)
    {
        try (run)
        {
            final int code = run.waitFor(TIMEOUT);
            assertThat(run.process().descendants().toList()).as("agents left running").isEmpty();
            assertThat(namespaces()).as("the sandbox of pid " + run.pid()).doesNotContain("rxbreak-" + run.pid());
            return code;
        }
    }

    private static List<String> namespaces()
    {
        final List<String> names = new ArrayList<>();
        final Path netns = Path.of("/run/netns");
        if (Files.isDirectory(netns))
        {
            try (var entries = Files.list(netns))
            {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
            catch (final IOException ex)
            {
                throw new AssertionError("cannot list " + netns, ex);
            }
        }
        return names;
    }

    @Test
    void theCheapestShippedScenarioHolds() throws IOException
    {
        final Path junit = dir.resolve("holds.xml");
        final ChildProcess run = scenario(SHIPPED.resolve("gc-pauses.yaml").toString(), "--out",
            dir.resolve("holds").toString(), "--junit", junit.toString());
        final int code = finish(run);
        final String output = "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();

        assertThat(code).as(output).isEqualTo(ExitCodes.OK);
        assertThat(run.stderr()).startsWith("rxbreak scenario run: gc-pauses: rxbreak ramp --replay ");
        assertThat(run.stdout()).contains("Scenario gc-pauses: HELD (goal verify 1x, 10,000 msgs/s): ");
        final JsonNode report = Json.MAPPER.readTree(dir.resolve("holds/report.json").toFile());
        assertThat(report.path("config").path("verifyRate").asLong()).isEqualTo(10_000L);
        assertThat(Files.readString(junit)).contains("classname=\"rxbreak.scenario\" name=\"gc-pauses\"")
            .doesNotContain("<failure").doesNotContain("<error");
    }

    @Test
    void anImpossibleGoalDoesNotHold() throws IOException
    {
        final Path library = dir.resolve("library");
        Files.createDirectories(library.resolve("feeds"));
        Files.copy(SHIPPED.resolve("feeds/gc-pauses.csv"), library.resolve("feeds/gc-pauses.csv"));
        String text = Files.readString(SHIPPED.resolve("gc-pauses.yaml"));
        assertThat(text).contains("goal:\n  speed: 1\n");
        text = text.replace("goal:\n  speed: 1\n", "goal:\n  speed: 4\n");
        if (Privileges.isRoot())
        {
            // inside the sandbox, a sysctl the namespace has of its own is set there (and only there)
            text = text.replace("search:\n", "host:\n  sysctls:\n    net.ipv4.udp_rmem_min: 8192\nsearch:\n");
        }
        final Path file = library.resolve("gc-pauses-4x.yaml");
        Files.writeString(file, text);
        final Path junit = dir.resolve("impossible.xml");

        final ChildProcess run = scenario(file.toString(), "--out", dir.resolve("impossible").toString(), "--junit",
            junit.toString());
        final int code = finish(run);
        final String output = "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();

        assertThat(code).as(output).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.stdout()).as(output).contains("Scenario gc-pauses: NOT HELD (goal verify 4x, 40,000 msgs/s): ")
            .contains("socket-buffer");
        assertThat(Files.readString(junit)).contains("classname=\"rxbreak.scenario\" name=\"gc-pauses\"")
            .contains("<failure message=\"NOT HELD (goal verify 4x, 40,000 msgs/s)");
        if (Privileges.isRoot())
        {
            final JsonNode report = Json.MAPPER.readTree(dir.resolve("impossible/report.json").toFile());
            assertThat(report.path("tunables").path("net.ipv4.udp_rmem_min").asText()).isEqualTo("8192");
            assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/udp_rmem_min")).trim()).as("the host's")
                .isNotEqualTo("8192");
        }
    }

    @Test
    void aMachineWideSysctlIsRefusedBeforeAnythingStarts() throws IOException
    {
        io.rxbreak.testsupport.Privileges.assumeRoot("the sandbox is a private network namespace");
        final Path file = dir.resolve("backlog.yaml");
        Files.createDirectories(dir.resolve("feeds"));
        Files.copy(SHIPPED.resolve("feeds/gc-pauses.csv"), dir.resolve("feeds/gc-pauses.csv"));
        Files.writeString(file, Files.readString(SHIPPED.resolve("gc-pauses.yaml"))
            .replace("search:\n", "host:\n  sysctls:\n    net.core.netdev_max_backlog: 100\nsearch:\n"));
        final String before = Files.readString(Path.of("/proc/sys/net/core/netdev_max_backlog"));

        final ChildProcess run = scenario(file.toString(), "--out", dir.resolve("never").toString());
        final int code = finish(run);

        assertThat(code).as(run.stderr()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderrLines()).hasSize(2);
        assertThat(run.stderrLines().get(1)).isEqualTo("rxbreak scenario run: " + file + ": host.sysctls: "
            + "net.core.netdev_max_backlog is machine-wide on this kernel (a network namespace has no copy of its own "
            + "to set): the sandbox cannot set it without changing the host; set it there yourself (sysctl -w) and "
            + "restore it afterwards");
        assertThat(Files.readString(Path.of("/proc/sys/net/core/netdev_max_backlog"))).isEqualTo(before);
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
