package io.rxbreak.controller.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rxbreak.core.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostTuneFilesTest
{
    @TempDir
    Path dir;

    private static SweepKnob backlog()
    {
        final SweepKnob parsed = SweepKnob.parse("net.core.netdev_max_backlog=100,1000", false);
        return new SweepKnob(SweepKnob.Kind.HOST_SYSCTL, parsed.name(), parsed.values());
    }

    @Test
    void eachPointTunesTheHostThroughAFileOfItsOwnThatKeepsTheUsersLines() throws Exception
    {
        final Path user = dir.resolve("rx.conf");
        Files.writeString(user, "# the user's\nnet.ipv4.udp_rmem_min = 8192\n");
        final SweepKnob knob = backlog();
        final HostTuneFiles files = HostTuneFiles.of(knob, List.of("--sandbox", "--tune", user.toString(),
            "--tune-host"), dir.resolve("sweep"));

        final List<String> args = files.rampArgs(knob.values().get(1));

        final Path point = dir.resolve("sweep").resolve(HostTuneFiles.FOLDER)
            .resolve("net.core.netdev_max_backlog=1000.conf");
        assertThat(args).containsExactly("--sandbox", "--tune-host", "--tune", point.toString());
        assertThat(Files.readAllLines(point)).containsExactly(
            "# rxbreak sweep net.core.netdev_max_backlog: the point 1000, after the lines of the ramp's own --tune file",
            "# the user's", "net.ipv4.udp_rmem_min = 8192", "net.core.netdev_max_backlog = 1000");

        files.delete();
        assertThat(dir.resolve("sweep").resolve(HostTuneFiles.FOLDER)).doesNotExist();
    }

    @Test
    void aUsersFileThatSetsTheKnobIsRefused() throws Exception
    {
        final Path user = dir.resolve("rx.conf");
        Files.writeString(user, "net.core.netdev_max_backlog = 5000\n");

        assertThatThrownBy(() -> HostTuneFiles.of(backlog(), List.of("--tune=" + user), dir))
            .isInstanceOf(BadInputException.class)
            .hasMessageContaining("sets net.core.netdev_max_backlog, the sweep's knob, which sets it at each point");
    }
}
