package io.rxbreak.controller.sweep;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code rxbreak sweep}: one line naming what to change, exit code 2, and nothing started: no folder
 * written, no agent, no namespace (every point's ramp options are checked as the ramp checks them before the first
 * point starts).
 */
class SweepCommandLineTest
{
    @TempDir
    Path dir;

    private void refused(final String line, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        all.add("--out");
        all.add(dir.resolve("sweep").toString());
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all.toArray(new String[0]));
        final List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();

        assertThat(code).as(String.join(" ", args) + "\n" + err).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lines).as(String.join(" ", args)).hasSize(1);
        assertThat(lines.get(0)).as(String.join(" ", args)).startsWith("rxbreak sweep: " + line);
        assertThat(out.toString()).isEmpty();
        assertThat(dir.resolve("sweep")).as("nothing written").doesNotExist();
        assertThat(ProcessHandle.current().children().toList()).as("nothing started").isEmpty();
    }

    @Test
    void eachIsRefusedBeforeAnythingStarts()
    {
        refused("KNOB unknown knob 'colour'", "colour=red,blue");
        // an option of the ramp's before the knob: picocli takes its value for the knob; the line says to give it first
        refused("KNOB 'stall:5ms/100ms' is not KNOB=V1,V2,...: give the knob first", "--throttle", "stall:5ms/100ms",
            "rcvbuf=64KiB,1MiB");
        // the ramp refuses the second point's size: the line names that point
        refused("KNOB size=70000: --size: 70000 is out of range", "size=64,70000");
        refused("--rcvbuf: the sweep's knob rcvbuf sets it at each point: drop it from the ramp options",
            "rcvbuf=64KiB,1MiB", "--rcvbuf", "8MiB");
        refused("--throttle: the sweep's knob throttle sets it at each point: drop it from the ramp options, or put "
            + "{} where the knob's values go", "throttle=rate:1000,rate:2000", "--throttle", "rate:3000");
        refused("--json: not in a sweep", "rcvbuf=64KiB,1MiB", "--json", dir.resolve("r.json").toString());
        refused("Invalid value for option '--duration'", "rcvbuf=64KiB,1MiB", "--duration", "soon");
        refused("KNOB throttle=20ms: --throttle: 'stall:20ms/10ms': the pause must be shorter than the period",
            "throttle=20ms,30ms", "--throttle", "stall:{}/10ms");
        refused("--sandbox-sysctl: only with --sandbox", "net.ipv4.udp_rmem_min=4096,8192");
        refused("KNOB net.core.netdev_max_backlog is machine-wide on this kernel",
            "net.core.netdev_max_backlog=100,1000", "--sandbox");
    }
}
