package io.rxbreak.controller.scenario;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario file, read and checked for its form (every key known, every value of the right shape): the values
 * themselves are the ramp's to check, when {@link ScenarioRamp} hands them over. Immutable.
 *
 * @param file the scenario file as given.
 * @param name its short name, like {@code open-burst}: lowercase letters, digits and {@code -}.
 * @param description one paragraph: the customer's story, what breaks and why.
 * @param feedFile the recorded feed ({@code feed.file}), resolved against the scenario file's folder; null for a
 *     pattern.
 * @param feedMap {@code feed.map}: where the feed's groups go, {@code FROM=TO} each; empty when not given.
 * @param feedRate {@code feed.rate}: a pattern's rate as written (the rate a speed goal multiplies); null for a file.
 * @param options the keys that are one ramp option each ({@link ScenarioRamp#OPTIONS}), key to value as written,
 *     in the file's order.
 * @param rcvbufForce {@code receiver.rcvbufForce}.
 * @param sysctls {@code host.sysctls}: dotted name to value, in the file's order.
 * @param tuneFile {@code host.tune}: a tuning file (the ramp's {@code --tune}), resolved against the scenario file's
 *     folder; null when not given.
 * @param goal the goal that must hold, or null for a ramp that only finds the break point.
 * @param expected the result recorded on a named machine, or null.
 */
public record Scenario(
    Path file,
    String name,
    String description,
    Path feedFile,
    List<String> feedMap,
    String feedRate,
    Map<String, String> options,
    boolean rcvbufForce,
    Map<String, String> sysctls,
    Path tuneFile,
    Goal goal,
    Expected expected)
{
    /**
     * Copies the collections, keeping their order.
     */
    public Scenario
    {
        feedMap = List.copyOf(feedMap);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    }

    /**
     * @return the feed in a few words, like {@code open-burst.csv} or {@code onoff:100ms/400ms at 20000/s}.
     */
    public String feedText()
    {
        if (feedFile != null)
        {
            final String loop = options.get(ScenarioRamp.FEED_LOOP);
            return feedFile.getFileName() + (loop == null ? "" : " x" + loop);
        }
        final String pattern = options.get(ScenarioRamp.FEED_PATTERN);
        return (pattern == null ? "constant" : pattern) + " at " + feedRate + "/s";
    }

    /**
     * How a goal is judged.
     */
    public enum GoalMode
    {
        /** Only the confirmation at the goal ({@code ramp --verify-rate} or {@code --verify-speed}). */
        VERIFY,
        /** The whole search; the goal holds when the break point (or the headroom) is at or above it. */
        RAMP;

        /**
         * @return the mode as a scenario file writes it, like {@code verify}.
         */
        public String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The goal that must hold: a rate, or a speed-up factor of the feed. Exactly one of the two is given.
     *
     * @param rate {@code goal.rate} as written (messages per second, like {@code 20000} or {@code 20k}), or null.
     * @param speed {@code goal.speed} as written (a factor of the feed, like {@code 1.5}), or null.
     * @param mode how it is judged.
     */
    public record Goal(String rate, String speed, GoalMode mode)
    {
        /**
         * @return the goal in a few words, like {@code verify 1x} or {@code ramp >= 30000/s}.
         */
        public String text()
        {
            final String what = rate != null ? rate + "/s" : speed + "x";
            return mode == GoalMode.VERIFY ? "verify " + what : "ramp >= " + what;
        }
    }

    /**
     * A result recorded with the scenario: what it gave on a named machine, so that a reader knows what to expect.
     *
     * @param result the verdict, or null when not recorded.
     * @param figure the figure behind it in words, like {@code lost 1,377 at 1x in the socket buffer}, or null.
     * @param date when it was recorded (ISO date), or null.
     * @param seconds how long the run took, or null.
     * @param machine where it ran, or null.
     */
    public record Expected(ScenarioVerdict result, String figure, String date, Long seconds, String machine)
    {
        /**
         * @return the record in one line, like {@code not held: lost 1,377 at 1x (2026-12-05, 31 s)}.
         */
        public String text()
        {
            final StringBuilder line = new StringBuilder(result == null ? "-" : result.label());
            if (figure != null)
            {
                line.append(": ").append(figure);
            }
            if (date != null || seconds != null)
            {
                line.append(" (").append(date == null ? "" : date).append(date != null && seconds != null ? ", " : "")
                    .append(seconds == null ? "" : seconds + " s").append(')');
            }
            return line.toString();
        }
    }
}
