package io.rxbreak.controller.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.os.CpuSet;

/**
 * Reads a tuning file ({@code --tune FILE}): sysctl.d syntax ({@code key = value} or {@code key=value}; lines that
 * begin with {@code #} or {@code ;} are comments; a leading {@code -} means "skip this line if the key is missing or
 * refused"; dotted or slashed names), plus two kinds of lines of its own:
 * <pre>
 * rps DEV = CPUS          every receive queue of DEV steers to CPUS (a CPU list, or off)
 * rps DEV rx-N = CPUS     one receive queue
 * irq N = CPUS            IRQ N's affinity (smp_affinity_list)
 * irq NAME = CPUS         the IRQ named NAME in /proc/interrupts, like eth0-rx-0
 * </pre>
 * A line of any other form is an error naming the file, the line and what was expected.
 */
public final class TuneFile
{
    /** The option that names a tuning file. */
    public static final String OPTION = "--tune";
    /** The option that lets a tuning file change the host. */
    public static final String HOST_OPTION = "--tune-host";

    private static final Pattern SYSCTL_NAME =
        Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@+-]*([./][A-Za-z0-9_.:@+-]+)+");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final Pattern QUEUE = Pattern.compile("rx-\\d+");
    private static final Pattern IRQ = Pattern.compile("[A-Za-z0-9_.:@/-]+");

    private TuneFile()
    {
    }

    /**
     * @param file the tuning file.
     * @return its settings, in the file's order.
     * @throws BadInputException naming {@link #OPTION} and the file (its line) when it cannot be read or a line is
     *     malformed.
     */
    public static TuningPlan read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw BadInputException.option(OPTION, "cannot read " + file + ": " + ex.getMessage());
        }
        return parse(file, lines);
    }

    /**
     * @param file the file's name, for errors.
     * @param lines its lines.
     * @return its settings, in order.
     * @throws BadInputException naming the file and the line when a line is malformed.
     */
    public static TuningPlan parse(final Path file, final List<String> lines)
    {
        final List<TuneEntry> entries = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++)
        {
            final String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))
            {
                continue;
            }
            entries.add(entry(file, index + 1, line));
        }
        return new TuningPlan(file, entries);
    }

    private static TuneEntry entry(final Path file, final int number, final String line)
    {
        final int equals = line.indexOf('=');
        if (equals < 0)
        {
            throw error(file, number, "expected 'key = value', 'rps DEV [rx-N] = CPUS' or 'irq N|NAME = CPUS', not '"
                + line + "'");
        }
        String key = line.substring(0, equals).strip();
        final String value = line.substring(equals + 1).strip();
        final boolean ignoreFailure = key.startsWith("-");
        if (ignoreFailure)
        {
            key = key.substring(1).strip();
        }
        if (value.isEmpty())
        {
            throw error(file, number, "expected a value after '=' for " + key);
        }
        final String[] words = key.split("\\s+");
        if ("rps".equals(words[0]) && words.length > 1)
        {
            if (words.length > 3 || !DEVICE.matcher(words[1]).matches() ||
                words.length == 3 && !QUEUE.matcher(words[2]).matches())
            {
                throw error(file, number, "expected 'rps DEV = CPUS' or 'rps DEV rx-N = CPUS', not '" + line + "'");
            }
            cpus(file, number, value, true);
            return new TuneEntry(number, TuneKind.RPS, String.join(" ", Arrays.copyOfRange(words, 1, words.length)),
                value, ignoreFailure);
        }
        if ("irq".equals(words[0]) && words.length > 1)
        {
            if (words.length != 2 || !IRQ.matcher(words[1]).matches())
            {
                throw error(file, number, "expected 'irq N = CPUS' or 'irq NAME = CPUS' (NAME as /proc/interrupts "
                    + "shows it), not '" + line + "'");
            }
            cpus(file, number, value, false);
            return new TuneEntry(number, TuneKind.IRQ, words[1], value, ignoreFailure);
        }
        if (words.length != 1)
        {
            throw error(file, number, "expected a sysctl name without spaces, or 'rps ...' or 'irq ...', not '" + key
                + "'");
        }
        if (key.indexOf('*') >= 0 || key.indexOf('?') >= 0)
        {
            throw error(file, number, key + ": globs are not supported; name each key");
        }
        if (!SYSCTL_NAME.matcher(key).matches() || key.contains("..") || key.contains("//"))
        {
            throw error(file, number, "expected a sysctl name like net.core.rmem_max or net/core/rmem_max, not '" +
                key + "'");
        }
        return new TuneEntry(number, TuneKind.SYSCTL, key, value, ignoreFailure);
    }

    /**
     * @param value a CPU list, or {@link TuneEntry#RPS_OFF} where allowed.
     * @param option what to name in an error.
     * @param offAllowed whether {@code off} (no CPU) is a value.
     * @return the CPUs, empty for {@code off}.
     */
    static CpuSet cpus(final String value, final String option, final boolean offAllowed)
    {
        if (offAllowed && TuneEntry.RPS_OFF.equals(value))
        {
            return null;
        }
        return CpuSet.parse(value, option);
    }

    private static void cpus(final Path file, final int number, final String value, final boolean offAllowed)
    {
        try
        {
            cpus(value, OPTION, offAllowed);
        }
        catch (final BadInputException ex)
        {
            throw error(file, number, "expected a CPU list like 0-1,3" + (offAllowed ? " (or off)" : "") + ", not '"
                + value + "'");
        }
    }

    private static BadInputException error(final Path file, final int number, final String problem)
    {
        return BadInputException.option(OPTION, file + " line " + number + ": " + problem);
    }
}
