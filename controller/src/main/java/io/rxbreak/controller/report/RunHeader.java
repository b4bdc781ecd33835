package io.rxbreak.controller.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rxbreak.controller.search.RampConfig;
import io.rxbreak.controller.tune.Tuning;

/**
 * What is known when a run starts, written to {@code run.json} before the first trial so an interrupted run keeps
 * its configuration and environment.
 *
 * @param formatVersion the run folder format, {@value RunReport#FORMAT_VERSION}.
 * @param commandLine   the command line as typed (arguments).
 * @param startedAt     the start, ISO-8601 UTC.
 * @param config        the search configuration.
 * @param environment   where it runs.
 * @param tunables      the kernel tunables that decide where the break point lies, by name, sorted.
 * @param harnessCeiling the harness's ceiling on this host ({@code --calibrate}), or null when not measured.
 * @param feed          the feed a replay ramp plays, or null.
 * @param tuning        what the tuning file set before the run ({@code --tune}), or null.
 */
public record RunHeader(
    int formatVersion,
    List<String> commandLine,
    String startedAt,
    RampConfig config,
    Environment environment,
    Map<String, String> tunables,
    HarnessCeiling harnessCeiling,
    @JsonInclude(JsonInclude.Include.NON_NULL) FeedReport feed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Tuning tuning)
{
    /**
     * Copies the collections.
     */
    public RunHeader
    {
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        environment = environment == null ? Environment.unknown() : environment;
        tunables = tunables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(tunables)));
    }

    /**
     * @param commandLine the arguments.
     * @param startedAt   the start, ISO-8601 UTC.
     * @param config      the configuration.
     * @param environment where it runs.
     * @param tunables    tunables by name.
     * @return the header in the current format.
     */
    public static RunHeader of(
        final List<String> commandLine,
        final String startedAt,
        final RampConfig config,
        final Environment environment,
        final Map<String, String> tunables)
    {
        return new RunHeader(RunReport.FORMAT_VERSION, commandLine, startedAt, config, environment, tunables, null,
            null, null);
    }

    /**
     * @param ceiling the harness's ceiling, measured before the run.
     * @return this header with it.
     */
    public RunHeader withCeiling(final HarnessCeiling ceiling)
    {
        return new RunHeader(formatVersion, commandLine, startedAt, config, environment, tunables, ceiling, feed,
            tuning);
    }

    /**
     * @param replayed the feed a replay ramp plays, or null.
     * @return this header with it.
     */
    public RunHeader withFeed(final FeedReport replayed)
    {
        return new RunHeader(formatVersion, commandLine, startedAt, config, environment, tunables, harnessCeiling,
            replayed, tuning);
    }

    /**
     * @param applied what the tuning file set, or null.
     * @return this header with it.
     */
    public RunHeader withTuning(final Tuning applied)
    {
        return new RunHeader(formatVersion, commandLine, startedAt, config, environment, tunables, harnessCeiling,
            feed, applied);
    }
}
