package io.rxbreak.controller;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code rxbreak ramp}: one line naming the option to change, exit code 2, nothing started.
 */
class RampCommandLineTest
{
    private record Run(int exitCode, String out, List<String> errLines)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        final List<String> lines = new ArrayList<>();
        for (final String line : err.toString().split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(line);
            }
        }
        return new Run(code, out.toString(), lines);
    }

    private static void refused(final String startOfLine, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("ramp"));
        all.addAll(List.of(args));
        final Run run = run(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.errLines()).as(String.join(" ", args)).hasSize(1);
        assertThat(run.errLines().get(0)).as(String.join(" ", args)).contains(startOfLine);
    }

    /**
     * Each default is stated once ({@link io.rxbreak.controller.search.RampConfig.Defaults}): the command's options
     * and the configuration's builder agree on every one.
     */
    @Test
    void theCommandsDefaultsAreTheConfigurationsDefaults(@TempDir final Path folder) throws Exception
    {
        final RampCommand command = new RampCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
            .parseArgs("--out", folder.resolve("run").toString());

        assertThat(command.validate().search()).isEqualTo(RampConfig.builder().build());
    }

    @Test
    void badOptionsAreRefusedInOneLineNamingTheOption()
    {
        refused("--step", "--step", "x0.5");
        refused("--start-rate", "--start-rate", "0");
        refused("--max-rate", "--start-rate", "10000", "--max-rate", "5000");
        refused("--precision", "--precision", "lots");
        refused("--size", "--size", "10");
        refused("--sockets", "--sockets", "0");
        refused("--confirm-duration", "--duration", "5s", "--confirm-duration", "1s");
        refused("--max-sender-lag", "--max-sender-lag", "25h");
        refused("--group", "--group", "10.0.0.1:5000");
        refused("--interface", "--interface", "no-such-dev0");
        refused("--observe-port", "--observe-port", "47001", "--throttle", "rate:100");
        refused("--observe-port", "--observe-port", "1234");
        refused("--observe-pid", "--observe-pid", "999999999", "--observe-group", "239.1.2.3:4000");
        refused("--observe-loss-metric", "--observe-loss-url", "http://127.0.0.1:1/metrics");
        refused("--observe-loss-url: is for observe mode", "--observe-loss-url", "http://127.0.0.1:1/metrics",
            "--observe-loss-metric", "app_lost_total");
        refused("--observe-loss-url: could not read app_lost_total", "--observe-group", "239.1.2.3:4000",
            "--observe-loss-url", "http://127.0.0.1:1/metrics", "--observe-loss-metric", "app_lost_total");
        refused("--frobnicate", "--frobnicate");
        refused("--gso: 'lots' is not auto, off or a number of segments", "--gso", "lots");
        refused("--gso: segments per send must be 2 to 64", "--gso", "65");
        refused("--gso: sets the sender this ramp starts", "--gso", "off", "--sender-agent", "http://127.0.0.1:1");
        refused("--busy-poll: must be 0 (off) or more", "--busy-poll", "-1");
        refused("--busy-poll: sets the receiver this ramp starts", "--busy-poll", "50", "--receiver-agent",
            "http://127.0.0.1:1");
        refused("--max-backlog-growth", "--max-backlog-growth", "150%");
        refused("--max-backlog-growth", "--max-backlog-growth", "lots");
        refused("--sender-cpus", "--sender-cpus", "1-0");
        refused("--receiver-cpus", "--receiver-cpus", "one");
        refused("--controller-cpus", "--controller-cpus", "4095");
        refused("--calibrate", "--calibrate", "--sender-agent", "http://127.0.0.1:1");
        final String pin = "sha256:" + "AB:".repeat(31) + "CD";
        refused("--sender-agent-tls-fingerprint: pins the certificate of an agent reached over TLS: give "
            + "--sender-agent https://HOST:PORT too", "--sender-agent-tls-fingerprint", pin);
        refused("--receiver-agent-tls-fingerprint: pins the certificate of an agent reached over TLS",
            "--receiver-agent", "http://127.0.0.1:1", "--receiver-agent-tls-fingerprint", pin);
        refused("--sender-agent-tls-fingerprint: 'sha256:AB' is not a TLS certificate fingerprint",
            "--sender-agent", "https://127.0.0.1:1", "--sender-agent-tls-fingerprint", "sha256:AB");
        // read by the controller as the agents read them, before an agent starts
        refused("--pattern", "--pattern", "bogus:1");
        refused("--pattern", "--pattern", "burst:0/1ms");
        refused("--pattern", "--pattern", "playback:/no/such/file.csv");
        refused("--throttle", "--throttle", "bogus:3");
        refused("--throttle", "--throttle", "queue:0:1ms:drop");
        refused("--sender-idle", "--sender-idle", "bogus");
    }

    @Test
    void aRunFolderThatCannotBeWrittenIsRefusedBeforeAnythingStarts() throws Exception
    {
        final Path dir = Files.createTempDirectory("rxbreak-out");
        try
        {
            final Path file = Files.writeString(dir.resolve("a-file"), "x");
            refused("--out: cannot create the run folder " + file.resolve("run") + ": " + file + " is not a directory",
                "--out", file.resolve("run").toString());
            final Path used = Files.createDirectories(dir.resolve("used"));
            Files.writeString(used.resolve("trials.jsonl"), "");
            refused("--out: " + used + " already holds a run (trials.jsonl)", "--out", used.toString());
            assertThat(dir.resolve("a-file")).isRegularFile();
            try (var entries = Files.list(used))
            {
                assertThat(entries).as("nothing created").hasSize(1);
            }
        }
        finally
        {
            try (var walk = Files.walk(dir))
            {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void helpShowsEveryKnob()
    {
        final Run run = run("ramp", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--throttle", "--rcvbuf", "--sockets", "--group", "--size", "--start-rate",
            "--step", "--precision", "--pdr", "--confirm-duration", "--max-sender-lag", "warm-up-trial",
            "--sender-agent", "--receiver-agent", "--observe-port", "--observe-pid", "--observe-group",
            "--observe-loss-url", "--observe-loss-metric", "--sandbox",
            "--json", "--out", "--baseline", "--junit");
    }

    /**
     * The throttle is the receiver's to parse: a bad one surfaces the receiver's own one-line error, and nothing
     * keeps running (the sender was never started).
     */
    @Test
    void aBadThrottleSurfacesTheReceiversOwnError()
    {
        Privileges.assumeRoot("the ramp starts its receiver agent in a private network namespace");
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final ChildProcess ramp = ns.startJava(Main.class, "ramp", "--throttle", "sometimes");
            assertThat(ramp.waitFor(Duration.ofSeconds(60))).as(ramp.stderr()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(ramp.stderrLines()).hasSize(1);
            assertThat(ramp.stderrLines().get(0)).contains("--throttle").contains("sometimes");
            assertThat(NetworkNamespace.run("ip", "netns", "pids", ns.name()).trim()).as("processes left").isEmpty();
        }
    }
}
