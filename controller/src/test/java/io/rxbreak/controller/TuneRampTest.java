package io.rxbreak.controller;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.controller.tune.TuneState;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ramp --sandbox --tune FILE --tune-host} for real: a per-namespace sysctl set inside the sandbox and a
 * machine-wide one on the host, both read back and recorded; the host's value restored exactly after a normal run,
 * and after the controller is killed outright, by the next run (even one refused for a bad file); a value the
 * kernel clamps is exit 2 naming the key, with nothing left changed. The machine-wide sysctl is
 * {@code net.core.message_burst}, moved for a few seconds.
 */
class TuneRampTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * A machine-wide sysctl no other test touches (net printk's rate limit burst), so that tests running at the same
     * time on this machine cannot move it under this one.
     */
    private static final String BACKLOG = "net.core.message_burst";
    /**
     * One confirming trial of 1 s at 5,000 msgs/s against a receiver throttled to 2,000: it loses, in the socket
     * buffer; a sender made late by a busy machine does not make it invalid ({@code --max-sender-lag 0}).
     */
    private static final String[] SHORT = {"--throttle", "rate:2000", "--rcvbuf", "64KiB", "--verify-rate", "5000",
        "--duration", "1s",
        "--confirm-duration", "1s", "--confirm-trial-duration", "1s", "--warm-up", "200ms", "--no-warm-up-trial",
        "--max-sender-lag", "0", "--max-invalid-retries", "1"};

    @TempDir
    Path temp;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("--tune applies sysctls inside a sandbox (a network namespace) and on the host");
    }

    @Test
    void aTuningFileIsAppliedInTheSandboxAndOnTheHostRecordedAndRestoredExactly() throws IOException
    {
        final long started = System.nanoTime();
        final String original = sysctl(BACKLOG);
        final String asked = Long.toString(Long.parseLong(original) + 7);
        final Path file = write("tune.conf", "# per namespace, then machine-wide\nnet.ipv4.udp_rmem_min = 8192\n"
            + BACKLOG + " = " + asked + "\n");

        final RampProcess ramp = RampProcess.startOnHost(temp.resolve("run"), concat(SHORT, "--sandbox", "--tune",
            file.toString(), "--tune-host"));
        try
        {
            assertThat(ramp.waitFor(TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.REGRESSION);
        }
        finally
        {
            ramp.process().close();
        }

        assertThat(sysctl(BACKLOG)).as("restored exactly").isEqualTo(original);
        assertThat(stateFile(ramp.process().pid())).doesNotExist();
        final JsonNode tuning = ramp.report().path("tuning");
        assertThat(tuning.path("file").asText()).isEqualTo(file.toString());
        assertSetting(tuning.path("settings").get(0), "net.ipv4.udp_rmem_min", "SANDBOX", "4096", "8192");
        assertSetting(tuning.path("settings").get(1), BACKLOG, "HOST", original, asked);
        final JsonNode proposal = ramp.report().path("proposal");
        assertThat(proposal.path("kind").asText()).as(ramp.output()).isEqualTo("SYSCTL");
        assertThat(proposal.path("rcvbufBytes").asLong()).isPositive();
        assertThat(proposal.path("sweep").get(0).asText()).isEqualTo("sweep");
        assertThat(proposal.path("sweep").get(1).asText()).startsWith("rcvbuf=");
        assertThat(ramp.process().stdout()).contains("\nTuning (" + file).contains("\nProposal (socket-buffer");
        System.out.printf("TuneRampTest: a tuned sandbox ramp took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aControllerKilledOutrightIsRepairedByTheNextRunEvenOneRefusedForItsOptions() throws IOException
    {
        final long started = System.nanoTime();
        final String original = sysctl(BACKLOG);
        final String asked = Long.toString(Long.parseLong(original) + 11);
        final Path file = write("tune.conf", BACKLOG + " = " + asked + "\n");
        final RampProcess ramp = RampProcess.startOnHost(temp.resolve("killed"), concat(SHORT, "--sandbox",
            "--tune", file.toString(), "--tune-host"));
        final long pid = ramp.process().pid();
        try
        {
            ramp.process().awaitStderrLine(TIMEOUT, line -> line.startsWith("rxbreak ramp: tuning "));
            assertThat(sysctl(BACKLOG)).isEqualTo(asked);
            assertThat(stateFile(pid)).exists();

            ramp.process().process().destroyForcibly();
            assertThat(ramp.waitFor(TIMEOUT)).isEqualTo(128 + 9);
        }
        finally
        {
            ramp.process().close();
        }
        assertThat(sysctl(BACKLOG)).as("nothing restored it yet").isEqualTo(asked);

        final Path broken = write("broken.conf", "net.core.rmem_max 8388608\n");
        try (ChildProcess next = ChildProcess.start(ChildProcess.javaCommand(io.rxbreak.core.cli.Main.class,
            List.of("ramp", "--sandbox", "--tune", broken.toString()))))
        {
            assertThat(next.waitFor(TIMEOUT)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(next.stderr()).contains("rxbreak: restored what the killed rxbreak " + pid +
                " had changed on the host (" + BACKLOG + "=" + original + ") and deleted " + stateFile(pid))
                .contains("--tune: " + broken + " line 1: expected 'key = value'");
        }
        assertThat(sysctl(BACKLOG)).as("restored exactly").isEqualTo(original);
        assertThat(stateFile(pid)).doesNotExist();
        Deadline.await(Duration.ofSeconds(15), "the killed ramp's sandbox removed",
            () -> !NetworkNamespace.run("ip", "netns", "list").contains("rxbreak-" + pid));
        System.out.printf("TuneRampTest: kill and repair took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aValueTheKernelClampsIsBadInputNamingTheKeyWithNothingLeftChanged() throws IOException
    {
        final long started = System.nanoTime();
        final String original = sysctl(BACKLOG);
        // proc_dointvec keeps the first number of "5 6": somaxconn reads 5
        final Path file = write("tune.conf", BACKLOG + " = " + (Long.parseLong(original) + 13) + "\n"
            + "net.core.somaxconn = 5 6\n");

        final RampProcess ramp = RampProcess.startOnHost(temp.resolve("clamped"), concat(SHORT, "--sandbox", "--tune",
            file.toString(), "--tune-host"));
        try
        {
            assertThat(ramp.waitFor(TIMEOUT)).as(ramp.output()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(ramp.process().stderr()).contains("--tune: " + file + " line 2: net.core.somaxconn reads '5' "
                + "inside the sandbox after writing '5 6': the kernel clamped or refused it; nothing was left changed");
        }
        finally
        {
            ramp.process().close();
        }
        assertThat(sysctl(BACKLOG)).isEqualTo(original);
        assertThat(stateFile(ramp.process().pid())).doesNotExist();
        assertThat(NetworkNamespace.run("ip", "netns", "list")).doesNotContain("rxbreak-" + ramp.process().pid());
        System.out.printf("TuneRampTest: a clamped value refused in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void assertSetting(final JsonNode setting, final String key, final String site, final String before,
        final String asked)
    {
        assertThat(setting.path("key").asText()).isEqualTo(key);
        assertThat(setting.path("site").asText()).isEqualTo(site);
        assertThat(setting.path("before").asText()).isEqualTo(before);
        assertThat(setting.path("asked").asText()).isEqualTo(asked);
        assertThat(setting.path("readBack").asText()).isEqualTo(asked);
        assertThat(setting.path("applied").asBoolean()).isTrue();
    }

    private static Path stateFile(final long pid)
    {
        return TuneState.DIRECTORY.resolve("tune-" + pid + ".json");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /**
     * One read into a large buffer: a /proc/sys integer read a byte at a time (Files.readString) gives its first
     * digit only.
     */
    private static String sysctl(final String name) throws IOException
    {
        try (InputStream in = new FileInputStream("/proc/sys/" + name.replace('.', '/')))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    private static String[] concat(final String[] first, final String... rest)
    {
        final String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
