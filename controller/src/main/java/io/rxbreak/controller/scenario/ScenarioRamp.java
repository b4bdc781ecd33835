package io.rxbreak.controller.scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import io.rxbreak.controller.RampCommand;
import io.rxbreak.controller.SandboxSetup;
import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.search.RateText;
import io.rxbreak.controller.tune.TuneFile;
import io.rxbreak.core.cli.Rxbreak;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.protocol.PatternSpec;

/**
 * A scenario as the ramp's own arguments, run through the ramp's own command: {@code rxbreak ramp} parses them
 * (picocli, with the ramp's converters and defaults) and validates them before anything starts, exactly as when a
 * person types them. Nothing here checks a value the ramp checks; its messages are only renamed, from the option to
 * the scenario key it came from: {@code --throttle: 'rate:x': ...} becomes
 * {@code open-burst.yaml: receiver.throttle: 'rate:x': ...}.
 *
 * @param scenario the scenario.
 * @param args the ramp's command line, {@code ramp} first.
 * @param keys for each option in {@code args}, the scenario key it came from.
 * @param goalRate the rate the goal asks for, messages per second (a speed goal over a recorded feed: null, as only
 *     the run knows the feed's mean rate); null without a goal.
 * @param goalSpeed the speed-up factor the goal asks for, or null.
 */
public record ScenarioRamp(Scenario scenario, List<String> args, Map<String, String> keys, Long goalRate,
    Double goalSpeed)
{
    /** {@code feed.file}: the ramp's {@code --replay}. */
    public static final String FEED_FILE = "feed.file";
    /** {@code feed.map}: the ramp's {@code --map}, once per entry. */
    public static final String FEED_MAP = "feed.map";
    /** {@code feed.loop}. */
    public static final String FEED_LOOP = "feed.loop";
    /** {@code feed.pattern}. */
    public static final String FEED_PATTERN = "feed.pattern";
    /** {@code feed.rate}: a pattern's rate, which a speed goal multiplies; no ramp option. */
    public static final String FEED_RATE = "feed.rate";
    /** {@code feed.size}. */
    public static final String FEED_SIZE = "feed.size";
    /** {@code receiver.rcvbufForce}: the ramp's {@code --rcvbuf-force} when true. */
    public static final String RCVBUF_FORCE = "receiver.rcvbufForce";
    /** {@code host.sysctls}: the ramp's {@code --sandbox-sysctl NAME=VALUE}, once per entry. */
    public static final String HOST_SYSCTLS = "host.sysctls";
    /**
     * {@code host.tune}: the ramp's {@code --tune FILE}, a path relative to the scenario file (applied in the sandbox;
     * a scenario never changes the host, so there is no key for {@code --tune-host}).
     */
    public static final String HOST_TUNE = "host.tune";
    /** {@code goal.rate}: the ramp's {@code --verify-rate} in verify mode. */
    public static final String GOAL_RATE = "goal.rate";
    /** {@code goal.speed}: the ramp's {@code --verify-speed} in verify mode ({@code --verify-rate} for a pattern). */
    public static final String GOAL_SPEED = "goal.speed";
    /** {@code goal.mode}. */
    public static final String GOAL_MODE = "goal.mode";

    /** The ramp's options that take a recorded feed, a mapping, a flag and a verify gate. */
    static final String REPLAY = "--replay";
    /** @see #REPLAY */
    static final String MAP = "--map";
    /** @see #REPLAY */
    static final String RCVBUF_FORCE_OPTION = "--rcvbuf-force";
    /** @see #REPLAY */
    static final String VERIFY_SPEED = "--verify-speed";

    /**
     * The scenario keys that are one ramp option each, with the option, in the order the arguments are built. The
     * reader accepts these keys (and the few above) and no others.
     */
    public static final Map<String, String> OPTIONS = options();

    private static final Pattern OPTION_IN_MESSAGE = Pattern.compile("option '(--[a-z-]+)'");

    private static Map<String, String> options()
    {
        final Map<String, String> options = new LinkedHashMap<>();
        options.put(FEED_LOOP, "--loop");
        options.put(FEED_PATTERN, PatternSpec.OPTION);
        options.put(FEED_SIZE, "--size");
        options.put("receiver.throttle", "--throttle");
        options.put("receiver.sockets", "--sockets");
        options.put("receiver.rcvbuf", "--rcvbuf");
        options.put("host.rps", SandboxSetup.RPS_OPTION);
        options.put("search.duration", RampConfig.DURATION);
        options.put("search.warmUp", RampConfig.WARM_UP);
        options.put("search.confirmDuration", RampConfig.CONFIRM_DURATION);
        options.put("search.confirmTrialDuration", RampConfig.CONFIRM_TRIAL_DURATION);
        options.put("search.precision", RampConfig.PRECISION);
        options.put("search.step", RampConfig.STEP);
        options.put("search.startRate", RampConfig.START_RATE);
        options.put("search.maxRate", RampConfig.MAX_RATE);
        options.put("search.startSpeed", "--start-speed");
        options.put("search.maxSpeed", "--max-speed");
        options.put("search.maxTrials", RampConfig.MAX_TRIALS);
        options.put("search.maxInvalidRetries", RampConfig.MAX_INVALID_RETRIES);
        return Collections.unmodifiableMap(options);
    }

    /**
     * @return the ramp options a scenario can set, each once: those of {@link #OPTIONS} and the feed, flag, sysctl
     *     and verify options. Every one is an option of {@code rxbreak ramp} (a test checks it).
     */
    public static List<String> rampOptions()
    {
        final List<String> all = new ArrayList<>(OPTIONS.values());
        all.addAll(List.of(REPLAY, MAP, RCVBUF_FORCE_OPTION, SandboxSetup.SYSCTL_OPTION, TuneFile.OPTION,
            RampConfig.VERIFY_RATE, VERIFY_SPEED));
        return all;
    }

    /**
     * @param scenario the scenario.
     * @param runDirectory the ramp's {@code --out}.
     * @param junit the ramp's {@code --junit}, or null.
     * @param sandbox whether to run the ramp in its sandbox ({@code --sandbox}).
     * @return the ramp's arguments.
     * @throws BadInputException naming the scenario file and key when the goal is not a rate or a speed.
     */
    public static ScenarioRamp of(final Scenario scenario, final Path runDirectory, final Path junit,
        final boolean sandbox)
    {
        final List<String> args = new ArrayList<>(List.of("ramp"));
        final Map<String, String> keys = new LinkedHashMap<>();
        if (scenario.feedFile() != null)
        {
            add(args, keys, REPLAY, scenario.feedFile().toString(), FEED_FILE);
            for (final String entry : scenario.feedMap())
            {
                add(args, keys, MAP, entry, FEED_MAP);
            }
        }
        scenario.options().forEach((key, value) -> add(args, keys, OPTIONS.get(key), value, key));
        if (scenario.rcvbufForce())
        {
            args.add(RCVBUF_FORCE_OPTION);
            keys.put(RCVBUF_FORCE_OPTION, RCVBUF_FORCE);
        }
        scenario.sysctls().forEach((name, value) -> add(args, keys, SandboxSetup.SYSCTL_OPTION, name + "=" + value,
            HOST_SYSCTLS));
        if (scenario.tuneFile() != null)
        {
            add(args, keys, TuneFile.OPTION, scenario.tuneFile().toString(), HOST_TUNE);
        }
        Long goalRate = null;
        Double goalSpeed = null;
        final Scenario.Goal goal = scenario.goal();
        if (goal != null)
        {
            if (goal.rate() != null)
            {
                goalRate = rate(scenario, GOAL_RATE, goal.rate());
            }
            else
            {
                goalSpeed = speed(scenario, goal.speed());
                if (scenario.feedFile() == null)
                {
                    // a pattern's speed is a factor of its rate, as the ramp turns --verify-speed into a rate
                    goalRate = Math.max(1, Math.round(goalSpeed * rate(scenario, FEED_RATE, scenario.feedRate())));
                }
            }
            if (goal.mode() == Scenario.GoalMode.VERIFY)
            {
                if (goalRate != null)
                {
                    add(args, keys, RampConfig.VERIFY_RATE, Long.toString(goalRate),
                        goal.rate() != null ? GOAL_RATE : GOAL_SPEED);
                }
                else
                {
                    add(args, keys, VERIFY_SPEED, goal.speed(), GOAL_SPEED);
                }
            }
        }
        args.add("--out");
        args.add(runDirectory.toString());
        if (junit != null)
        {
            args.add("--junit");
            args.add(junit.toString());
        }
        if (sandbox)
        {
            args.add("--sandbox");
        }
        return new ScenarioRamp(scenario, List.copyOf(args), Collections.unmodifiableMap(keys), goalRate, goalSpeed);
    }

    private static void add(final List<String> args, final Map<String, String> keys, final String option,
        final String value, final String key)
    {
        args.add(option);
        args.add(value);
        keys.put(option, key);
    }

    private static long rate(final Scenario scenario, final String key, final String text)
    {
        final long rate;
        try
        {
            rate = RateText.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw bad(scenario, key + ": " + ex.getMessage());
        }
        if (rate < 1)
        {
            throw bad(scenario, key + ": '" + text + "' is not a rate: expected at least 1 message per second");
        }
        return rate;
    }

    private static double speed(final Scenario scenario, final String text)
    {
        try
        {
            return PatternSpec.parseSpeed(GOAL_SPEED, text);
        }
        catch (final BadInputException ex)
        {
            throw bad(scenario, ex.getMessage());
        }
    }

    private static BadInputException bad(final Scenario scenario, final String keyAndProblem)
    {
        return new BadInputException(scenario.file() + ": " + keyAndProblem);
    }

    /**
     * Parse the arguments with the ramp's command line, then run the ramp's command on this thread: it validates
     * everything first, then runs (in its sandbox with {@code --sandbox}) and writes the run folder.
     *
     * @param out where the ramp prints its results.
     * @param err where it prints its progress.
     * @return the ramp's exit code.
     * @throws BadInputException naming the scenario file and key when the ramp refused a value.
     * @throws Exception what the ramp throws at run time.
     */
    public int run(final PrintWriter out, final PrintWriter err) throws Exception
    {
        final CommandLine.ParseResult parsed;
        try
        {
            parsed = Rxbreak.newCommandLine(out, err).parseArgs(args.toArray(new String[0]));
        }
        catch (final CommandLine.UnmatchedArgumentException ex)
        {
            throw new IllegalStateException("rxbreak ramp does not know an option a scenario uses: " + ex.getMessage(), ex);
        }
        catch (final CommandLine.ParameterException ex)
        {
            throw explain(ex);
        }
        final RampCommand ramp = (RampCommand)parsed.subcommand().commandSpec().userObject();
        try
        {
            return ramp.call();
        }
        catch (final BadInputException ex)
        {
            throw explain(ex.getMessage(), ex);
        }
    }

    /**
     * @param ex picocli's refusal of a value, like {@code Invalid value for option '--duration': 'x' is not a ...}.
     * @return the same as the scenario file's key and the converter's words.
     */
    BadInputException explain(final CommandLine.ParameterException ex)
    {
        String option = ex.getArgSpec() instanceof OptionSpec ? ((OptionSpec)ex.getArgSpec()).longestName() : null;
        final Matcher matcher = OPTION_IN_MESSAGE.matcher(ex.getMessage());
        if (option == null && matcher.find())
        {
            option = matcher.group(1);
        }
        if (option == null)
        {
            return explain(ex.getMessage(), ex);
        }
        final String marker = "'" + option + "': ";
        final int at = ex.getMessage().indexOf(marker);
        return explain(option + ": " + (at < 0 ? ex.getMessage() : ex.getMessage().substring(at + marker.length())), ex);
    }

    /**
     * @param message a ramp's one line, like {@code --throttle: 'rate:x': ...}.
     * @param cause the exception it came with.
     * @return the line as the scenario's: {@code FILE: KEY: ...} when the option came from a key; unchanged when it
     *     is an option of {@code scenario run} itself ({@code --out}, {@code --junit}, {@code --sandbox}); the feed's
     *     own errors (which name the feed file) under {@code feed.file}.
     */
    BadInputException explain(final String message, final Exception cause)
    {
        for (final Map.Entry<String, String> entry : keys.entrySet())
        {
            if (message.startsWith(entry.getKey() + ": "))
            {
                return new BadInputException(scenario.file() + ": " + entry.getValue() + ": " +
                    message.substring(entry.getKey().length() + 2), cause);
            }
        }
        if (message.startsWith("--"))
        {
            return new BadInputException(message, cause);
        }
        if (scenario.feedFile() != null && message.startsWith(scenario.feedFile().toString()))
        {
            return new BadInputException(scenario.file() + ": " + FEED_FILE + ": " + message, cause);
        }
        return new BadInputException(scenario.file() + ": " + message, cause);
    }
}
