package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.rxbreak.core.config.BadInputException;

/**
 * Reads a scenario file (YAML; the format is in docs/scenarios.md). It checks the file's form only: every key known,
 * each value of the right shape (a single value, a list, a map, true or false), the feed given one way, the goal one
 * way. The values themselves are the ramp's to check. Anything wrong is one line, {@code FILE: KEY: what was
 * expected}, as a {@link BadInputException} (exit code 2), before anything starts.
 */
public final class ScenarioReader
{
    private static final YAMLMapper YAML = YAMLMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final List<String> TOP = List.of("name", "description", "feed", "receiver", "host", "search", "goal",
        "expected");
    private static final List<String> FILE_FEED = List.of("file", "map", "loop");
    private static final List<String> PATTERN_FEED = List.of("pattern", "rate", "size");
    private static final List<String> EXPECTED = List.of("result", "figure", "date", "seconds", "machine");

    private final Path file;

    private ScenarioReader(final Path file)
    {
        this.file = file;
    }

    /**
     * @param file a scenario file.
     * @return the scenario, its feed file resolved against the scenario file's folder.
     * @throws BadInputException one line naming the file, the key and what was expected.
     * @throws IOException when the file cannot be read.
     */
    public static Scenario read(final Path file) throws IOException
    {
        return new ScenarioReader(file).scenario();
    }

    private Scenario scenario() throws IOException
    {
        final JsonNode root;
        try
        {
            root = YAML.readTree(Files.readAllBytes(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new BadInputException(file + ": no such scenario file");
        }
        catch (final JacksonException ex)
        {
            final JsonLocation at = ex.getLocation();
            throw new BadInputException(file + ": " + (at == null ? "" : "line " + at.getLineNr() + ": ") +
                "expected YAML: " + oneLine(ex.getOriginalMessage()), ex);
        }
        if (root == null || root.isMissingNode() || root.isNull())
        {
            throw new BadInputException(file + ": expected a scenario (name, description, feed, ...), found an empty file");
        }
        if (!root.isObject())
        {
            throw new BadInputException(file + ": expected a map of " + String.join(", ", TOP) + " at the top");
        }
        known(root, "", TOP);
        final String name = required(root, "name");
        if (!NAME.matcher(name).matches())
        {
            throw bad("name", "expected lowercase letters, digits and '-', like open-burst, found '" + name + "'");
        }
        final String description = required(root, "description").replaceAll("\\s+", " ");
        final Map<String, String> options = new LinkedHashMap<>();
        final JsonNode feed = section(root, "feed", true);
        final boolean fromFile = feed.has("file");
        if (fromFile == feed.has("pattern"))
        {
            throw bad("feed", "expected either file: (a recorded feed) or pattern: with rate: (as 'rxbreak send "
                + "--pattern' takes it)" + (fromFile ? ", not both" : ""));
        }
        known(feed, "feed", fromFile ? FILE_FEED : PATTERN_FEED, fromFile ? "feed.file" : "feed.pattern");
        Path feedFile = null;
        final List<String> feedMap = new ArrayList<>();
        String feedRate = null;
        if (fromFile)
        {
            feedFile = resolve(required(feed, "feed.file"));
            feedMap.addAll(list(feed, "feed.map"));
        }
        else
        {
            feedRate = required(feed, ScenarioRamp.FEED_RATE);
        }
        final JsonNode receiver = section(root, "receiver", false);
        final JsonNode host = section(root, "host", false);
        final JsonNode search = section(root, "search", false);
        known(receiver, "receiver", keysOf("receiver", ScenarioRamp.RCVBUF_FORCE));
        known(host, "host", keysOf("host", ScenarioRamp.HOST_SYSCTLS, ScenarioRamp.HOST_TUNE));
        known(search, "search", keysOf("search"));
        for (final String key : ScenarioRamp.OPTIONS.keySet())
        {
            final String section = key.substring(0, key.indexOf('.'));
            final String value = value(section.equals("feed") ? feed : section.equals("receiver") ? receiver :
                section.equals("host") ? host : search, key);
            if (value != null)
            {
                options.put(key, value);
            }
        }
        final Map<String, String> sysctls = map(host, ScenarioRamp.HOST_SYSCTLS);
        final String tune = value(host, ScenarioRamp.HOST_TUNE);
        return new Scenario(file, name, description, feedFile, feedMap, feedRate, options,
            flag(receiver, ScenarioRamp.RCVBUF_FORCE), sysctls, tune == null ? null : resolve(tune),
            goal(section(root, "goal", false)),
            expected(section(root, "expected", false)));
    }

    private Scenario.Goal goal(final JsonNode goal)
    {
        if (goal.isMissingNode())
        {
            return null;
        }
        known(goal, "goal", List.of("rate", "speed", "mode"));
        final String rate = value(goal, ScenarioRamp.GOAL_RATE);
        final String speed = value(goal, ScenarioRamp.GOAL_SPEED);
        if ((rate == null) == (speed == null))
        {
            throw bad("goal", "expected rate: N (messages per second) or speed: F (a factor of the feed)" +
                (rate != null ? ", not both" : ""));
        }
        final String mode = value(goal, ScenarioRamp.GOAL_MODE);
        Scenario.GoalMode parsed = Scenario.GoalMode.VERIFY;
        if (mode != null)
        {
            parsed = null;
            for (final Scenario.GoalMode candidate : Scenario.GoalMode.values())
            {
                if (candidate.label().equals(mode.trim().toLowerCase(Locale.ROOT)))
                {
                    parsed = candidate;
                }
            }
            if (parsed == null)
            {
                throw bad(ScenarioRamp.GOAL_MODE, "expected verify or ramp, found '" + mode + "'");
            }
        }
        return new Scenario.Goal(rate, speed, parsed);
    }

    private Scenario.Expected expected(final JsonNode expected)
    {
        if (expected.isMissingNode())
        {
            return null;
        }
        known(expected, "expected", EXPECTED);
        final String result = value(expected, "expected.result");
        ScenarioVerdict verdict = null;
        if (result != null)
        {
            verdict = ScenarioVerdict.ofLabel(result);
            if (verdict == null)
            {
                throw bad("expected.result", "expected held, not held or no result, found '" + result + "'");
            }
        }
        final String seconds = value(expected, "expected.seconds");
        if (seconds != null && !seconds.matches("\\d{1,9}"))
        {
            throw bad("expected.seconds", "expected a whole number of seconds, found '" + seconds + "'");
        }
        return new Scenario.Expected(verdict, value(expected, "expected.figure"), value(expected, "expected.date"),
            seconds == null ? null : Long.valueOf(seconds), value(expected, "expected.machine"));
    }

    private Path resolve(final String relative)
    {
        final Path folder = file.getParent();
        return (folder == null ? Path.of(relative) : folder.resolve(relative)).normalize();
    }

    /**
     * @return the keys under a section: those of {@link ScenarioRamp#OPTIONS} in it and the extra ones, short.
     */
    private static List<String> keysOf(final String section, final String... extra)
    {
        final Set<String> keys = new LinkedHashSet<>();
        for (final String key : ScenarioRamp.OPTIONS.keySet())
        {
            if (key.startsWith(section + "."))
            {
                keys.add(key.substring(section.length() + 1));
            }
        }
        for (final String key : extra)
        {
            keys.add(key.substring(section.length() + 1));
        }
        return List.copyOf(keys);
    }

    private void known(final JsonNode node, final String path, final List<String> keys)
    {
        known(node, path, keys, null);
    }

    /**
     * @param form the key that chose the allowed keys (the feed's form), named when another form's key is found.
     */
    private void known(final JsonNode node, final String path, final List<String> keys, final String form)
    {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!keys.contains(name))
            {
                final String key = path.isEmpty() ? name : path + "." + name;
                final boolean otherForm = form != null && (FILE_FEED.contains(name) || PATTERN_FEED.contains(name));
                throw bad(key, otherForm ? "not with " + form + " (a feed is either file:, map:, loop: or pattern:, "
                    + "rate:, size:)" : "unknown key: expected one of " + String.join(", ", keys));
            }
        }
    }

    private JsonNode section(final JsonNode parent, final String key, final boolean required)
    {
        final JsonNode node = parent.path(key);
        if (node.isMissingNode())
        {
            if (required)
            {
                throw bad(key, "missing: every scenario names its " + key);
            }
            return node;
        }
        if (!node.isObject())
        {
            throw bad(key, "expected a map of keys, found " + shape(node));
        }
        return node;
    }

    private String required(final JsonNode parent, final String key)
    {
        final String value = value(parent, key);
        if (value == null || value.isBlank())
        {
            throw bad(key, "missing: expected a value");
        }
        return value.trim();
    }

    /**
     * @return the single value under the key's last part, as text; null when the key is absent.
     */
    private String value(final JsonNode parent, final String key)
    {
        final JsonNode node = parent.path(key.substring(key.lastIndexOf('.') + 1));
        if (node.isMissingNode())
        {
            return null;
        }
        if (!node.isValueNode() || node.isNull())
        {
            throw bad(key, "expected a single value, found " + shape(node));
        }
        return node.asText();
    }

    private boolean flag(final JsonNode parent, final String key)
    {
        final JsonNode node = parent.path(key.substring(key.lastIndexOf('.') + 1));
        if (node.isMissingNode())
        {
            return false;
        }
        if (!node.isBoolean())
        {
            throw bad(key, "expected true or false, found " + shape(node));
        }
        return node.booleanValue();
    }

    private List<String> list(final JsonNode parent, final String key)
    {
        final JsonNode node = parent.path(key.substring(key.lastIndexOf('.') + 1));
        final List<String> values = new ArrayList<>();
        if (node.isMissingNode())
        {
            return values;
        }
        if (!node.isArray())
        {
            throw bad(key, "expected a list, like [233.54.12.1=239.255.0.1], found " + shape(node));
        }
        for (final JsonNode element : node)
        {
            if (!element.isValueNode() || element.isNull())
            {
                throw bad(key, "expected a list of single values, found " + shape(element) + " in it");
            }
            values.add(element.asText());
        }
        return values;
    }

    private Map<String, String> map(final JsonNode parent, final String key)
    {
        final JsonNode node = parent.path(key.substring(key.lastIndexOf('.') + 1));
        final Map<String, String> values = new LinkedHashMap<>();
        if (node.isMissingNode())
        {
            return values;
        }
        if (!node.isObject())
        {
            throw bad(key, "expected a map of name: value, like net.core.rmem_max: 16777216, found " + shape(node));
        }
        for (final Map.Entry<String, JsonNode> field : node.properties())
        {
            if (!field.getValue().isValueNode() || field.getValue().isNull())
            {
                throw bad(key, field.getKey() + ": expected a single value, found " + shape(field.getValue()));
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static String shape(final JsonNode node)
    {
        if (node.isObject())
        {
            return "a map";
        }
        if (node.isArray())
        {
            return "a list";
        }
        if (node.isNull())
        {
            return "nothing";
        }
        return "'" + node.asText() + "'";
    }

    private BadInputException bad(final String key, final String problem)
    {
        return new BadInputException(file + ": " + key + ": " + problem);
    }

    private static String oneLine(final String text)
    {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
