package io.rxbreak.controller.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads its lines: sections, {@code Key=value} assignments in order (a key may
 * be assigned many times), comments ({@code #}, {@code ;}) and continuation lines ending in a backslash.
 *
 * @param sections each section's assignments, by key, in the order written.
 */
record UnitFile(Map<String, Map<String, List<String>>> sections)
{
    /**
     * @param file a unit file or drop-in.
     * @return its assignments.
     * @throws IOException when it cannot be read.
     */
    static UnitFile read(final Path file) throws IOException
    {
        final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        final StringBuilder pending = new StringBuilder();
        for (final String raw : Files.readAllLines(file))
        {
            final String line = raw.strip();
            if (pending.length() == 0 && (line.isEmpty() || line.startsWith("#") || line.startsWith(";")))
            {
                continue;
            }
            if (line.endsWith("\\"))
            {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            final String whole = pending.append(line).toString();
            pending.setLength(0);
            if (whole.startsWith("[") && whole.endsWith("]"))
            {
                section = sections.computeIfAbsent(whole.substring(1, whole.length() - 1), name -> new LinkedHashMap<>());
                continue;
            }
            final int equals = whole.indexOf('=');
            if (section == null || equals < 0)
            {
                throw new IllegalArgumentException(file + ": not an assignment in a section: " + whole);
            }
            section.computeIfAbsent(whole.substring(0, equals).strip(), key -> new ArrayList<>())
                .add(whole.substring(equals + 1).strip().replaceAll("\\s+", " "));
        }
        return new UnitFile(sections);
    }

    /**
     * @param section a section, like {@code Service}.
     * @param key     a key.
     * @return every value assigned to it, in order (none when never assigned).
     */
    List<String> values(final String section, final String key)
    {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /**
     * @param section a section.
     * @param key     a key assigned once.
     * @return its value, or null when it is not assigned.
     * @throws IllegalStateException when it is assigned more than once.
     */
    String value(final String section, final String key)
    {
        final List<String> values = values(section, key);
        if (values.size() > 1)
        {
            throw new IllegalStateException(key + " is assigned " + values.size() + " times: " + values);
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
