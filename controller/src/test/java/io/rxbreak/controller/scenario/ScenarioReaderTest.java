package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rxbreak.controller.RampCommand;
import io.rxbreak.core.cli.ExitCodes;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.core.config.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The scenario file: every key read and handed to the ramp as its own option, every refusal one exact line
 * ({@code FILE: KEY: what was expected}, exit 2), whether the reader or the ramp's own validation refuses it. Nothing
 * here sends anything: a refused scenario stops before anything starts.
 */
class ScenarioReaderTest
{
    private static final String EVERY_KEY = String.join("\n",
        "name: every-key",
        "description: >",
        "  First sentence of the story. Second",
        "  line of it.",
        "feed:",
        "  file: feeds/feed.csv",
        "  map: [\"239.1.1.1=239.255.0.1\", \"239.1.1.2=239.255.0.2\"]",
        "  loop: 2",
        "receiver:",
        "  throttle: rate:20000",
        "  sockets: 2",
        "  rcvbuf: 512KiB",
        "  rcvbufForce: true",
        "host:",
        "  sysctls:",
        "    net.core.rmem_max: 16777216",
        "    net.ipv4.udp_rmem_min: 8192",
        "  rps: 1",
        "  tune: tuning/rx.conf",
        "search:",
        "  duration: 1s",
        "  warmUp: 250ms",
        "  confirmDuration: 2s",
        "  confirmTrialDuration: 1s",
        "  precision: 5%",
        "  step: x2",
        "  startSpeed: 0.5",
        "  maxSpeed: 8",
        "  maxTrials: 12",
        "  maxInvalidRetries: 3",
        "goal:",
        "  speed: 1.5",
        "  mode: ramp",
        "expected:",
        "  result: not held",
        "  figure: lost 10 at 1x",
        "  date: 2026-12-05",
        "  seconds: 31",
        "  machine: 2 CPUs, shared",
        "");

    private static final String PATTERN = String.join("\n",
        "name: pattern",
        "description: A pattern.",
        "feed:",
        "  pattern: onoff:100ms/400ms",
        "  rate: 20k",
        "  size: 200",
        "search:",
        "  startRate: 5000",
        "  maxRate: 100k",
        "goal:",
        "  speed: 2",
        "");

    /** A small valid scenario over {@code feeds/feed.csv}: each refusal below changes one thing in it. */
    private static final String VALID = String.join("\n",
        "name: valid",
        "description: A feed.",
        "feed:",
        "  file: feeds/feed.csv",
        "receiver:",
        "  throttle: rate:20000",
        "search:",
        "  duration: 1s",
        "  confirmDuration: 1s",
        "  confirmTrialDuration: 1s",
        "goal:",
        "  speed: 1",
        "");

    @TempDir
    Path dir;

    private Path folder;

    @BeforeEach
    void feed() throws IOException
    {
        folder = dir.resolve("library");
        Files.createDirectories(folder.resolve("feeds"));
        Files.writeString(folder.resolve("feeds/feed.csv"), "0,239.255.0.9:30999,64\n1000000,239.255.0.9:30999,64\n"
            + "2000000,239.255.0.9:30999,64\n");
    }

    private Path write(final String text) throws IOException
    {
        final Path file = folder.resolve("scenario.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsEveryKeyAndResolvesTheFeedAgainstTheScenariosFolder() throws IOException
    {
        final Path file = write(EVERY_KEY);
        final Scenario scenario = ScenarioReader.read(file);

        assertThat(scenario.file()).isEqualTo(file);
        assertThat(scenario.name()).isEqualTo("every-key");
        assertThat(scenario.description()).isEqualTo("First sentence of the story. Second line of it.");
        assertThat(scenario.feedFile()).isEqualTo(folder.resolve("feeds/feed.csv"));
        assertThat(scenario.feedMap()).containsExactly("239.1.1.1=239.255.0.1", "239.1.1.2=239.255.0.2");
        assertThat(scenario.feedRate()).isNull();
        assertThat(scenario.options()).containsExactly(entry("feed.loop", "2"), entry("receiver.throttle", "rate:20000"),
            entry("receiver.sockets", "2"), entry("receiver.rcvbuf", "512KiB"), entry("host.rps", "1"),
            entry("search.duration", "1s"), entry("search.warmUp", "250ms"), entry("search.confirmDuration", "2s"),
            entry("search.confirmTrialDuration", "1s"), entry("search.precision", "5%"), entry("search.step", "x2"),
            entry("search.startSpeed", "0.5"), entry("search.maxSpeed", "8"), entry("search.maxTrials", "12"),
            entry("search.maxInvalidRetries", "3"));
        assertThat(scenario.rcvbufForce()).isTrue();
        assertThat(scenario.sysctls()).containsExactly(entry("net.core.rmem_max", "16777216"),
            entry("net.ipv4.udp_rmem_min", "8192"));
        assertThat(scenario.tuneFile()).isEqualTo(folder.resolve("tuning/rx.conf"));
        assertThat(scenario.goal()).isEqualTo(new Scenario.Goal(null, "1.5", Scenario.GoalMode.RAMP));
        assertThat(scenario.expected()).isEqualTo(new Scenario.Expected(ScenarioVerdict.NOT_HELD, "lost 10 at 1x",
            "2026-12-05", 31L, "2 CPUs, shared"));
        assertThat(scenario.expected().text()).isEqualTo("not held: lost 10 at 1x (2026-12-05, 31 s)");
        assertThat(scenario.feedText()).isEqualTo("feed.csv x2");
        assertThat(scenario.goal().text()).isEqualTo("ramp >= 1.5x");
    }

    @Test
    void aRelativeScenarioPathKeepsItsFeedRelativeToIt() throws IOException
    {
        write(EVERY_KEY);
        final Path relative = Path.of("").toAbsolutePath().relativize(folder.resolve("scenario.yaml"));
        assertThat(ScenarioReader.read(relative).feedFile()).isEqualTo(relative.getParent().resolve("feeds/feed.csv"));
    }

    @Test
    void everyKeyBecomesTheRampsOwnOption() throws IOException
    {
        final Scenario scenario = ScenarioReader.read(write(EVERY_KEY));
        final ScenarioRamp ramp = ScenarioRamp.of(scenario, dir.resolve("run"), dir.resolve("junit.xml"), true);

        assertThat(ramp.args()).containsExactly("ramp", "--replay", folder.resolve("feeds/feed.csv").toString(),
            "--map", "239.1.1.1=239.255.0.1", "--map", "239.1.1.2=239.255.0.2", "--loop", "2",
            "--throttle", "rate:20000", "--sockets", "2", "--rcvbuf", "512KiB", "--sandbox-rps", "1",
            "--duration", "1s", "--warm-up", "250ms", "--confirm-duration", "2s", "--confirm-trial-duration", "1s",
            "--precision", "5%", "--step", "x2", "--start-speed", "0.5", "--max-speed", "8", "--max-trials", "12",
            "--max-invalid-retries", "3", "--rcvbuf-force", "--sandbox-sysctl", "net.core.rmem_max=16777216",
            "--sandbox-sysctl", "net.ipv4.udp_rmem_min=8192", "--tune", folder.resolve("tuning/rx.conf").toString(),
            "--out", dir.resolve("run").toString(),
            "--junit", dir.resolve("junit.xml").toString(), "--sandbox");
        // ramp mode: the goal is judged afterwards, not handed to the ramp
        assertThat(ramp.goalSpeed()).isEqualTo(1.5);
        assertThat(ramp.goalRate()).isNull();
        assertThat(ramp.keys()).containsEntry("--throttle", "receiver.throttle").containsEntry("--replay", "feed.file")
            .containsEntry("--sandbox-sysctl", "host.sysctls").containsEntry("--rcvbuf-force", "receiver.rcvbufForce")
            .containsEntry("--tune", "host.tune");
    }

    @Test
    void aPatternFeedsSpeedGoalIsARateTheRampVerifies() throws IOException
    {
        final Scenario scenario = ScenarioReader.read(write(PATTERN));
        assertThat(scenario.feedFile()).isNull();
        assertThat(scenario.feedRate()).isEqualTo("20k");
        assertThat(scenario.options()).containsExactly(entry("feed.pattern", "onoff:100ms/400ms"),
            entry("feed.size", "200"), entry("search.startRate", "5000"), entry("search.maxRate", "100k"));
        assertThat(scenario.feedText()).isEqualTo("onoff:100ms/400ms at 20k/s");
        assertThat(scenario.goal()).isEqualTo(new Scenario.Goal(null, "2", Scenario.GoalMode.VERIFY));

        final ScenarioRamp ramp = ScenarioRamp.of(scenario, dir.resolve("run"), null, false);
        assertThat(ramp.args()).containsExactly("ramp", "--pattern", "onoff:100ms/400ms", "--size", "200",
            "--start-rate", "5000", "--max-rate", "100k", "--verify-rate", "40000", "--out", dir.resolve("run").toString());
        assertThat(ramp.keys()).containsEntry("--verify-rate", "goal.speed");
    }

    /**
     * One fact in one place: every option a scenario hands over is one the ramp has.
     */
    @Test
    void everyOptionAScenarioSetsIsTheRamps()
    {
        final CommandLine ramp = new CommandLine(new RampCommand());
        for (final String option : ScenarioRamp.rampOptions())
        {
            assertThat(ramp.getCommandSpec().findOption(option)).as(option).isNotNull();
        }
    }

    @Test
    void refusesABadFileInOneLineNamingTheKey() throws IOException
    {
        final Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "expected a scenario (name, description, feed, ...), found an empty file");
        cases.put("- a\n- b\n", "expected a map of name, description, feed, receiver, host, search, goal, expected at the top");
        cases.put(VALID + "nmae: x\n", "nmae: unknown key: expected one of name, description, feed, receiver, host, "
            + "search, goal, expected");
        cases.put(VALID.replace("name: valid\n", ""), "name: missing: expected a value");
        cases.put(VALID.replace("name: valid", "name: Open Burst"), "name: expected lowercase letters, digits and '-', "
            + "like open-burst, found 'Open Burst'");
        cases.put(VALID.replace("description: A feed.", "description:"), "description: expected a single value, "
            + "found nothing");
        cases.put(VALID.replace("feed:\n  file: feeds/feed.csv\n", ""), "feed: missing: every scenario names its feed");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  pattern: constant"),
            "feed: expected either file: (a recorded feed) or pattern: with rate: (as 'rxbreak send --pattern' takes "
                + "it), not both");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  loop: 2"), "feed: expected either file: (a recorded "
            + "feed) or pattern: with rate: (as 'rxbreak send --pattern' takes it)");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  rate: 1000"), "feed.rate: not "
            + "with feed.file (a feed is either file:, map:, loop: or pattern:, rate:, size:)");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  pattern: constant\n  loop: 2"), "feed.loop: not with "
            + "feed.pattern (a feed is either file:, map:, loop: or pattern:, rate:, size:)");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  speed: 2"), "feed.speed: unknown "
            + "key: expected one of file, map, loop");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  pattern: constant"), "feed.rate: missing: expected a value");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  map: 239.1.1.1=239.255.0.1"),
            "feed.map: expected a list, like [233.54.12.1=239.255.0.1], found '239.1.1.1=239.255.0.1'");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  map: [{a: b}]"),
            "feed.map: expected a list of single values, found a map in it");
        cases.put(VALID.replace("receiver:\n  throttle: rate:20000", "receiver: fast"), "receiver: expected a map of "
            + "keys, found 'fast'");
        cases.put(VALID.replace("  throttle: rate:20000", "  thrtotle: rate:20000"), "receiver.thrtotle: unknown key: "
            + "expected one of throttle, sockets, rcvbuf, rcvbufForce");
        cases.put(VALID.replace("  throttle: rate:20000", "  throttle: [rate:20000]"), "receiver.throttle: expected "
            + "a single value, found a list");
        cases.put(VALID.replace("  throttle: rate:20000", "  rcvbufForce: maybe"), "receiver.rcvbufForce: expected "
            + "true or false, found 'maybe'");
        cases.put(VALID + "host:\n  rps_cpus: 1\n", "host.rps_cpus: unknown key: expected one of rps, sysctls, tune");
        cases.put(VALID + "host:\n  sysctls: [net.core.rmem_max]\n", "host.sysctls: expected a map of name: value, "
            + "like net.core.rmem_max: 16777216, found a list");
        cases.put(VALID + "host:\n  sysctls:\n    net.core.rmem_max: {a: 1}\n", "host.sysctls: net.core.rmem_max: "
            + "expected a single value, found a map");
        cases.put(VALID.replace("  duration: 1s", "  warmup: 1s"), "search.warmup: unknown key: expected one of "
            + "duration, warmUp, confirmDuration, confirmTrialDuration, precision, step, startRate, maxRate, startSpeed, "
            + "maxSpeed, maxTrials, maxInvalidRetries");
        cases.put(VALID.replace("  speed: 1", "  speed: 1\n  rate: 1000"), "goal: expected rate: N (messages per "
            + "second) or speed: F (a factor of the feed), not both");
        cases.put(VALID.replace("  speed: 1", "  mode: ramp"), "goal: expected rate: N (messages per second) or "
            + "speed: F (a factor of the feed)");
        cases.put(VALID.replace("  speed: 1", "  speed: 1\n  mode: fast"), "goal.mode: expected verify or ramp, found "
            + "'fast'");
        cases.put(VALID.replace("  speed: 1", "  speed: 1\n  margin: 2"), "goal.margin: unknown key: expected one of "
            + "rate, speed, mode");
        cases.put(VALID + "expected:\n  result: ok\n", "expected.result: expected held, not held or no result, found 'ok'");
        cases.put(VALID + "expected:\n  seconds: about 30\n", "expected.seconds: expected a whole number of seconds, "
            + "found 'about 30'");
        cases.put(VALID + "expected:\n  when: today\n", "expected.when: unknown key: expected one of result, figure, "
            + "date, seconds, machine");
        for (final Map.Entry<String, String> bad : cases.entrySet())
        {
            final Path file = write(bad.getKey());
            assertThatThrownBy(() -> ScenarioReader.read(file)).as(bad.getValue())
                .isInstanceOf(BadInputException.class).hasMessage(file + ": " + bad.getValue());
        }
    }

    @Test
    void refusesWhatIsNotYaml() throws IOException
    {
        final Path duplicate = write(VALID + "name: again\n");
        assertThatThrownBy(() -> ScenarioReader.read(duplicate)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(duplicate + ": line 13: expected YAML: Duplicate field 'name'");
        final Path broken = write("name: [unclosed\n");
        assertThatThrownBy(() -> ScenarioReader.read(broken)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith(broken + ": line ").hasMessageContaining(": expected YAML: ")
            .hasMessageNotContaining("\n");
        final Path missing = folder.resolve("nowhere.yaml");
        assertThatThrownBy(() -> ScenarioReader.read(missing)).isInstanceOf(BadInputException.class)
            .hasMessage(missing + ": no such scenario file");
    }

    @Test
    void refusesAGoalThatIsNoRateOrSpeed() throws IOException
    {
        final Path speed = write(VALID.replace("  speed: 1", "  speed: fast"));
        assertThatThrownBy(() -> ScenarioRamp.of(ScenarioReader.read(speed), dir.resolve("run"), null, false))
            .isInstanceOf(BadInputException.class)
            .hasMessage(speed + ": goal.speed: 'fast' is not a speed-up factor: use a number like 2 or 2.5");
        final Path rate = write(VALID.replace("  speed: 1", "  rate: lots\n  mode: ramp"));
        assertThatThrownBy(() -> ScenarioRamp.of(ScenarioReader.read(rate), dir.resolve("run"), null, false))
            .isInstanceOf(BadInputException.class).hasMessageStartingWith(rate + ": goal.rate: 'lots' is not a rate");
    }

    /**
     * The ramp's own validation, in the scenario's words: its option replaced by the key the value came from.
     */
    @Test
    void theRampsRefusalNamesTheScenarioKey() throws IOException
    {
        final Map<String, String> cases = new LinkedHashMap<>();
        cases.put(VALID.replace("rate:20000", "rate:x"), "receiver.throttle: 'rate:x': the rate 'x' is not a whole "
            + "number; expected none, cost:DURATION[:fixed|uniform|exponential], rate:N, stall:PAUSE/PERIOD[:random] or "
            + "queue:CAPACITY:COST:drop|block");
        cases.put(VALID.replace("  duration: 1s", "  duration: soon"), "search.duration: 'soon' is not a duration: "
            + "expected a number with ns, us, ms, s, m or h, like 250ms");
        cases.put(VALID.replace("  throttle: rate:20000", "  sockets: many"), "receiver.sockets: 'many' is not an int");
        cases.put(VALID.replace("  throttle: rate:20000", "  sockets: 0"), "receiver.sockets: must be 1 or more");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  file: feeds/feed.csv\n  loop: 0"),
            "feed.loop: must be at least 1, not 0");
        cases.put(VALID.replace("  duration: 1s", "  duration: 1s\n  startRate: 5000"), "search.startRate: not used "
            + "with --replay: the ramp's variable is the speed; use --start-speed and --max-speed");
        cases.put(VALID.replace("  file: feeds/feed.csv", "  pattern: burst:100/10ms\n  rate: 10000"),
            "feed.pattern: 'burst:100/10ms' sets its own rate, and a ramp sets the rate of every trial: send it with "
                + "'rxbreak send --pattern burst:100/10ms'");
        cases.put(VALID + "host:\n  sysctls:\n    net.core.rmem_max: 16777216\n", "host.sysctls: only with --sandbox: "
            + "it sets the sandbox's own network namespace, and rxbreak never changes the host's");
        cases.put(VALID + "host:\n  rps: 0-9999\n", "host.rps: only with --sandbox: it sets the sandbox's own network "
            + "namespace, and rxbreak never changes the host's");
        cases.put(VALID + "host:\n  tune: rx.conf\n", "host.tune: without --sandbox the file would change the host: "
            + "add --sandbox (root) to apply it inside a private namespace, or --tune-host (root) to apply it to the "
            + "host and restore it afterwards");
        for (final Map.Entry<String, String> bad : cases.entrySet())
        {
            final Path file = write(bad.getKey());
            final Run run = run("scenario", "run", file.toString(), "--out", dir.resolve("never").toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.errLines()).as(bad.getValue()).containsExactly(
                "rxbreak scenario run: " + file + ": " + bad.getValue());
            assertThat(dir.resolve("never")).as("nothing started").doesNotExist();
        }
        final Path missingFeed = write(VALID.replace("feeds/feed.csv", "feeds/gone.csv"));
        final Run run = run("scenario", "run", missingFeed.toString(), "--out", dir.resolve("never").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("rxbreak scenario run: " + missingFeed + ": feed.file: " +
            folder.resolve("feeds/gone.csv"));
    }

    private record Run(int exitCode, String out, String err)
    {
        List<String> errLines()
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : err.split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("rxbreak scenario run: valid: rxbreak ramp "))
                {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    private static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
