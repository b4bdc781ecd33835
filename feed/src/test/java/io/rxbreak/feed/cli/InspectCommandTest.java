package io.rxbreak.feed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.core.control.Json;
import io.rxbreak.feed.FeedProfile;
import io.rxbreak.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rxbreak feed inspect} through the command line {@code main} builds: the text, the JSON read back, and a bad
 * file's one line and exit code 2.
 */
class InspectCommandTest
{
    @TempDir
    Path tmp;

    /**
     * 1,000 messages 1 ms apart (999 ms), to 12 groups in turn, of 100, 200 and 300 bytes in turn, and a burst of 10
     * more at 0.5 s.
     */
    private Path timeline()
    {
        final StringBuilder csv = new StringBuilder("offset_ns,destination,size\n");
        for (int i = 0; i < 1000; i++)
        {
            csv.append(i * 1_000_000L).append(",239.1.1.").append(1 + i % 12).append(":5000,")
                .append(100 * (1 + i % 3)).append('\n');
            if (i == 500)
            {
                for (int k = 1; k <= 10; k++)
                {
                    csv.append(500_000_000L + k * 1_000L).append(",[ff15::1]:6000,1400\n");
                }
            }
        }
        return Fixtures.write(tmp, "timeline.csv", csv.toString());
    }

    @Test
    void textForPeople()
    {
        final Path file = timeline();
        final CliRun run = CliRun.run("feed", "inspect", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).containsExactly(
            "feed " + file + " (csv, offset_ns,group:port,size): 1,010 messages, 213.9 kB over 0.999 s; "
                + "mean 1,010 msgs/s",
            "peak rates: 100us 110,000/s  1ms 11,000/s  10ms 2,000/s  100ms 1,100/s  1s 1,010/s* "
                + "(* longer than the feed: all of its messages over the whole window)",
            "busiest second starts at 0.000 s, busiest millisecond at 0.500 s",
            "destinations: 239.1.1.1:5000 8.3 % (84 msgs), 239.1.1.2:5000 8.3 % (84 msgs), 239.1.1.3:5000 8.3 % "
                + "(84 msgs), 239.1.1.4:5000 8.3 % (84 msgs), 239.1.1.5:5000 8.2 % (83 msgs), 239.1.1.6:5000 8.2 % "
                + "(83 msgs), 239.1.1.7:5000 8.2 % (83 msgs), 239.1.1.8:5000 8.2 % (83 msgs), 239.1.1.9:5000 8.2 % "
                + "(83 msgs), 239.1.1.10:5000 8.2 % (83 msgs), and 3 more",
            "ports: 5000 99.0 % (1,000 msgs), 6000 1.0 % (10 msgs)",
            "sizes: min 100 B, p50 200 B, p99 300 B, max 1,400 B, mean 211.8 B",
            "skipped: none");
    }

    @Test
    void jsonIsTheProfile() throws Exception
    {
        final CliRun run = CliRun.run("feed", "inspect", timeline().toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        final FeedProfile profile = Json.MAPPER.readValue(run.out(), FeedProfile.class);
        assertThat(profile.messages()).isEqualTo(1_010);
        assertThat(profile.format()).isEqualTo("csv");
        assertThat(profile.peak(100_000L).messages()).isEqualTo(11);
        assertThat(profile.peak(100_000L).atNs()).isEqualTo(500_000_000L);
        assertThat(profile.destinations()).hasSize(13);
        assertThat(profile.ports().get(1).name()).isEqualTo("6000");
    }

    @Test
    void aBadFileIsOneLineAndExitCode2() throws Exception
    {
        final Path empty = Files.createFile(tmp.resolve("empty.pcap"));
        final CliRun run = CliRun.run("feed", "inspect", empty.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("rxbreak feed inspect: " + empty + ": at byte 0: expected a pcap or pcapng "
            + "magic number or a CSV line, found an empty file" + System.lineSeparator());

        final CliRun verbose = CliRun.run("--verbose", "feed", "inspect", empty.toString());
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(verbose.err()).contains("FeedFormatException").contains("at io.rxbreak.feed.");
    }

    @Test
    void feedIsACommandOfRxbreakAndWantsASubcommand()
    {
        final CliRun help = CliRun.run("--help");
        assertThat(help.out()).containsPattern("(?m)^\\s+feed\\s+Recorded feeds");

        final CliRun bare = CliRun.run("feed");
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bare.err()).startsWith("rxbreak feed: a subcommand is required: inspect");

        final CliRun missing = CliRun.run("feed", "inspect");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("Missing required parameter: 'FILE'");
    }

    /**
     * One run of the command line through the factory {@code main} uses, with its output captured.
     */
    record CliRun(int exitCode, String out, String err)
    {
        static CliRun run(final String... args)
        {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }

        @Override
        public String toString()
        {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }
}
