package io.rxbreak.sender;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the real command line: one line naming the option, exit code 2, and nothing opened (the
 * configuration is validated before any socket exists, so these run without a namespace or root).
 */
class SendCommandTest
{
    private record Outcome(int exitCode, String out, List<String> errLines)
    {
    }

    private static Outcome run(final String... args)
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
        return new Outcome(code, out.toString(), lines);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a unicast group              | --group 198.18.0.1:5000                               | --group: 198.18.0.1 is not a multicast group",
        "a port out of range          | --group 239.1.1.1:70000                               | --group: port 70000 is out of range",
        "a name, not an address       | --group example.com:5000                              | --group: 'example.com' is not an IPv4 or IPv6 address",
        "an unknown interface         | --group 239.1.1.1:5000 --interface rxbreak-nosuch0    | --interface: no interface named 'rxbreak-nosuch0'",
        "a size below the header      | --group 239.1.1.1:5000 --size 31                      | --size: 31 B is out of range",
        "a size above UDP's           | --group 239.1.1.1:5000 --size 65508                   | --size: 65508 B is out of range",
        "a rate of zero               | --group 239.1.1.1:5000 --rate 0                       | --rate: the rate must be more than 0",
        "a negative rate              | --group 239.1.1.1:5000 --rate -100                    | --rate:",
        "a rate with burst            | --group 239.1.1.1:5000 --rate 5 --pattern burst:4/1ms | --rate: not used with --pattern burst",
        "a missing playback file      | --group 239.1.1.1:5000 --pattern playback:/nonexistent/x.csv | /nonexistent/x.csv: expected a readable file, found no such file",
        "a speed without a replay     | --group 239.1.1.1:5000 --speed 2                      | --speed: only with --pattern replay:FILE",
        "a map without a replay       | --group 239.1.1.1:5000 --map 239.1.1.1=239.1.1.2      | --map: only with --pattern replay:FILE",
        "a rate with a replay         | --rate 5 --pattern replay:/nonexistent/x.pcap         | --rate: not used with a replay",
        "a speed of zero              | --pattern replay:/nonexistent/x.pcap --speed 0        | --speed: the speed-up factor must be more than 0",
        "a speed that is no number    | --pattern replay:/nonexistent/x.pcap --speed fast     | --speed: 'fast' is not a speed-up factor",
        "a loop of zero               | --pattern replay:/nonexistent/x.pcap --loop 0         | --loop: must be at least 1",
        "too many gso segments        | --group 239.1.1.1:5000 --gso 65                       | --gso: segments per send must be 2 to 64",
        "a ttl out of range           | --group 239.1.1.1:5000 --ttl 256                      | --ttl: must be 0 to 255",
        "a count of zero              | --group 239.1.1.1:5000 --count 0                      | --count: must be at least 1",
        "no group                     | --rate 5                                              | --group: at least one group is required",
    })
    void refusesBadInputWithOneLineNamingTheOption(final String what, final String args, final String expected)
    {
        final Outcome outcome = run(("send " + args.trim()).split("\\s+"));
        assertThat(outcome.exitCode()).as(what).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.errLines()).as(what).hasSize(1);
        assertThat(outcome.errLines().get(0)).as(what).contains(expected.trim());
        assertThat(outcome.out()).as(what).isEmpty();
    }

    @Test
    void malformedPlaybackNamesFileAndLine(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("trace.csv");
        Files.writeString(file, "offset_ns,size\n0,64\n100,64\n50,64\n");
        final Outcome outcome = run("send", "--group", "239.1.1.1:5000", "--pattern", "playback:" + file);
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.errLines()).containsExactly(
            "rxbreak send: " + file + ":4: expected an offset of at least 100 ns (offsets must not decrease), found 50");
    }

    @Test
    void aReplayRefusesWhatItsFeedDecides(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, "0,233.54.12.1:26477,100\n1000000,10.1.2.3:5000,200\n");
        assertThat(run("send", "--pattern", "replay:" + feed, "--group", "239.1.1.1:5000").errLines()).containsExactly(
            "rxbreak send: --map: " + feed + " sends to 10.1.2.3:5000, which is not a multicast group: map it onto " +
                "a test group, like --map 10.1.2.3:5000=239.255.0.1:5000");
        final List<String> named = run("send", "--pattern", "replay:" + feed, "--map", "10.1.2.3=239.1.1.9",
            "--group", "239.1.1.1:5000").errLines();
        assertThat(named).containsExactly("rxbreak send: --group: " + feed + " names its groups (2): send them " +
            "elsewhere with --map, not --group");
        assertThat(run("send", "--pattern", "replay:" + feed, "--map", "10.9.9.9=239.1.1.9").errLines())
            .containsExactly("rxbreak send: --map: 10.9.9.9=239.1.1.9: 10.9.9.9 is not a destination of " + feed +
                " (it has 233.54.12.1:26477, 10.1.2.3:5000)");
        assertThat(run("send", "--pattern", "replay:" + feed, "--map", "10.1.2.3=10.1.2.4").errLines())
            .containsExactly("rxbreak send: --map: 10.1.2.3=10.1.2.4: the target 10.1.2.4 is not a multicast group");
        final Outcome streams = run("send", "--pattern", "replay:" + feed, "--map", "10.1.2.3=239.1.1.9",
            "--streams", "2");
        assertThat(streams.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(streams.errLines()).containsExactly("rxbreak send: --streams: a replay sends one stream per " +
            "group, as recorded");
    }

    @Test
    void helpSaysTheRateIsTotalAcrossStreamsAndGroups()
    {
        final Outcome outcome = run("send", "--help");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("--rate=N|max").contains("TOTAL across all groups")
            .contains("--gso=auto|off|N").contains("Exit codes:");
    }
}
