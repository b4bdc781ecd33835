package io.rxbreak.controller.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Main;
import io.rxbreak.core.control.Json;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.SysctlOverride;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code rxbreak sweep} over the socket buffer against a receiver that stops reading for 100 ms every 150 ms,
 * each point a whole ramp in its sandbox (a private network namespace), in a child JVM.
 *
 * <p>The physics: a stall of PAUSE holds every datagram that arrives in it, so a rate R passes only while
 * R x PAUSE datagrams fit in the buffer: the NDR is the buffer's datagrams over the pause, and it doubles when the
 * buffer does. Above, what limits it here is the kernel: without {@code --rcvbuf-force} it caps SO_RCVBUF at
 * {@code net.core.rmem_max}, which the test lowers to 64 KiB (machine-wide, restored afterwards; a namespace has no
 * copy of it). So 32 KiB and 64 KiB give about 780 and 1,570 msgs/s (78 and 157 datagrams of 832 bytes' truesize,
 * over 100 ms), and 256 KiB is granted the same buffer as 64 KiB: the NDR stops there. That flat part is real, not
 * the search's own cap ({@code --max-rate} is 10,000,000), and the receiver's reading outside its stalls (about a
 * million messages a second here, a third of it between the stalls) is far above it. The trials are judged on loss
 * alone ({@code --max-backlog-growth off}): a stalling receiver's latency swings by the pause within a trial, which is
 * not a backlog that grows. The pause is long (100 ms) so that the receiver's waits for a CPU on a shared host,
 * which lengthen a stall, stay small beside it. A trial's drain is shorter than the default 2 s (500 ms: the pause,
 * and a sender held up on a busy host), as a failed trial's lost messages never arrive and its drain waits it out.
 * The sweep runs at a raised priority ({@code nice -n -10}, inherited by its ramps and their agents), so that other
 * work on the host does not hold the receiver off its CPU for longer than the pause.
 */
class SweepRcvbufTest
{
    private static final long PAUSE_NS = 100_000_000L;
    private static final double PRECISION = 0.10;
    private static final Duration TIMEOUT = Duration.ofSeconds(150);
    /**
     * The sweep and everything it starts (its sandboxed ramps, their agents) run at a higher priority than the
     * host's other work: a receiver that waits for a CPU longer than its pause loses what its buffer would have held,
     * and the NDR measured is then the host's load, not the buffer's physics.
     */
    private static final String NICENESS = "-10";

    @TempDir
    Path dir;

    @Test
    void theNdrRisesWithTheBufferThenStopsWhereTheKernelCapsIt() throws IOException
    {
        Privileges.assumeRoot("lowers net.core.rmem_max machine-wide (restored) and runs each point in its sandbox");
        final Path out = dir.resolve("sweep");
        final long startNs = System.nanoTime();
        final ChildProcess run;
        final int code;
        try (SysctlOverride rmemMax = SysctlOverride.set("net.core.rmem_max", "65536"))
        {
            System.out.println("SweepRcvbufTest: net.core.rmem_max " + rmemMax.original() + " -> 65536 for the sweep");
            final List<String> command = new ArrayList<>(List.of("nice", "-n", NICENESS));
            command.addAll(ChildProcess.javaCommand(Main.class, List.of("sweep", "rcvbuf=32KiB,64KiB,256KiB",
                "--throttle", "stall:100ms/150ms", "--sandbox", "--duration", "450ms", "--warm-up", "100ms",
                "--drain", "500ms", "--confirm-duration", "450ms", "--confirm-trial-duration", "450ms", "--precision",
                "10%", "--start-rate", "400", "--step", "x2", "--no-warm-up-trial", "--max-backlog-growth", "off",
                "--out", out.toString())));
            run = ChildProcess.start(command);
            try (run)
            {
                code = run.waitFor(TIMEOUT);
                assertThat(run.process().descendants().toList()).as("agents left running").isEmpty();
                assertThat(Files.exists(Path.of("/run/netns", "rxbreak-" + run.pid()))).as("the sandbox").isFalse();
            }
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf(Locale.ROOT, "SweepRcvbufTest: 3 points in %.1f s%n", seconds);
        final String output = "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
        assertThat(code).as(output).isEqualTo(ExitCodes.OK);

        final JsonNode sweep = Json.MAPPER.readTree(out.resolve(SweepFiles.JSON).toFile());
        assertThat(sweep.path("knob").asText()).isEqualTo("rcvbuf");
        assertThat(sweep.path("option").asText()).isEqualTo("--rcvbuf");
        assertThat(sweep.path("status").asText()).isEqualTo("complete");
        assertThat(sweep.path("exitCode").asInt()).isZero();
        final JsonNode points = sweep.path("points");
        assertThat(points).hasSize(3);
        final long[] ndr = new long[3];
        final long[] granted = new long[3];
        for (int i = 0; i < 3; i++)
        {
            final JsonNode point = points.get(i);
            System.out.printf(Locale.ROOT, "SweepRcvbufTest: rcvbuf=%s: NDR %,d msgs/s, granted %,d B, %.1f s%n",
                point.path("value").asText(), point.path("ndr").asLong(), point.path("rcvbufGrantedBytes").asLong(),
                point.path("wallTimeS").asDouble());
            assertThat(point.path("status").asText()).as(output).isEqualTo("complete");
            assertThat(point.path("exitCode").asInt()).isZero();
            assertThat(point.path("layer").asText()).as("broke first").isEqualTo("socket-buffer");
            assertThat(point.path("layerLoss").asLong()).as("a real loss above the NDR").isPositive();
            ndr[i] = point.path("ndr").asLong();
            granted[i] = point.path("rcvbufGrantedBytes").asLong();
            final Path folder = out.resolve(point.path("runFolder").asText());
            assertThat(folder.resolve("report.html")).exists();
            final JsonNode trial = Json.MAPPER.readTree(Files.readAllLines(folder.resolve("trials.jsonl")).get(0));
            final long datagrams = trial.path("receiveBuffer").path("datagrams").asLong();
            final double physics = datagrams * 1e9 / PAUSE_NS;
            // a rate above (datagrams + 2) / pause overflows the buffer in every stall; the receiver's waits for a
            // CPU on a shared host only lengthen a stall, so the NDR may come out lower, never higher
            assertThat((double)ndr[i]).as("NDR against %d datagrams / 100 ms", datagrams)
                .isLessThanOrEqualTo((datagrams + 2) * 1e9 / PAUSE_NS).isGreaterThanOrEqualTo(0.5 * physics);
        }
        assertThat(points.get(0).path("value").asText()).isEqualTo("32KiB");
        assertThat(points.get(0).path("numeric").asDouble()).isEqualTo(32768.0);
        assertThat(granted[0]).isEqualTo(65_536L);
        assertThat(granted[1]).as("the kernel doubles the request").isEqualTo(131_072L);
        assertThat(granted[2]).as("256 KiB asked, capped at rmem_max and doubled").isEqualTo(131_072L);
        assertThat((double)ndr[1]).as("twice the buffer, about twice the NDR").isGreaterThanOrEqualTo(1.5 * ndr[0]);
        assertThat((double)Math.abs(ndr[2] - ndr[1])).as("the same buffer, the same NDR within twice the precision")
            .isLessThanOrEqualTo(2 * PRECISION * Math.max(ndr[1], ndr[2]));
        assertThat(sweep.path("sentence").asText()).startsWith(String.format(Locale.ROOT, "raising rcvbuf from 32KiB "
            + "to 64KiB moved the NDR from %,d to %,d msgs/s; above 64KiB it no longer moves", ndr[0], ndr[1]))
            .endsWith("the socket-buffer layer breaks first, and the kernel granted each of these the same buffer, "
                + "128KiB (net.core.rmem_max caps it; --rcvbuf-force passes it)");
        assertThat(run.stdout()).contains("Sweep of rcvbuf (--rcvbuf): 3 of 3 points, complete")
            .contains(sweep.path("sentence").asText());
        assertThat(run.stderrLines()).filteredOn(l -> l.startsWith("rxbreak sweep: point ")).hasSize(6);

        final List<String> csv = Files.readAllLines(out.resolve(SweepFiles.CSV));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo("value,numeric,status,exit_code,ndr,pdr,layer,layer_loss,layer_share,"
            + "rcvbuf_granted_bytes,wall_time_s,run_folder");
        assertThat(csv.get(1)).startsWith("32KiB,32768,complete,0," + ndr[0] + ",,socket-buffer,")
            .endsWith(",rcvbuf=32KiB");
        final String html = Files.readString(out.resolve(SweepFiles.HTML));
        assertThat(html).contains("id=\"chart-sweep\"").contains("href=\"rcvbuf=32KiB/report.html\"")
            .contains("href=\"rcvbuf=256KiB/report.html\"").contains("socket-buffer broke first")
            .contains("Raising rcvbuf from 32KiB to 64KiB");
        final List<String> names = new ArrayList<>();
        try (var entries = Files.list(out))
        {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrder("rcvbuf=32KiB", "rcvbuf=64KiB", "rcvbuf=256KiB", SweepFiles.JSON,
            SweepFiles.CSV, SweepFiles.HTML);
    }
}
