package io.rxbreak.controller.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.rxbreak.controller.tune.TuneEntry;
import io.rxbreak.controller.tune.TuneFile;
import io.rxbreak.core.config.BadInputException;

/**
 * A sweep of a machine-wide sysctl: each point's ramp sets it on the host through a tuning file of the point's own
 * ({@code --tune FILE} with the ramp's {@code --tune-host}), so that the ramp applies it, reads it back, records it
 * and restores it when the point ends, whatever ends it (a killed point's by the next ramp). The file is the user's
 * own {@code --tune} file, when given, with the knob's line added; a user's file that sets the knob itself is refused.
 * The files are kept in the sweep's folder ({@value #FOLDER}/), beside the run folders they made.
 */
final class HostTuneFiles
{
    /** The folder under the sweep's that holds the points' tuning files. */
    static final String FOLDER = "tune";

    private final SweepKnob knob;
    private final List<String> rampArgs;
    private final List<String> userLines;
    private final Path folder;
    private final List<Path> written = new ArrayList<>();

    private HostTuneFiles(final SweepKnob knob, final List<String> rampArgs, final List<String> userLines,
        final Path folder)
    {
        this.knob = knob;
        this.rampArgs = rampArgs;
        this.userLines = userLines;
        this.folder = folder;
    }

    /**
     * @param knob a {@link SweepKnob.Kind#HOST_SYSCTL} knob.
     * @param rampArgs the ramp options given to the sweep, with any {@code --tune FILE} among them.
     * @param directory the sweep's folder.
     * @return the files' maker.
     * @throws BadInputException when the user's tuning file sets the knob too, or cannot be read.
     */
    static HostTuneFiles of(final SweepKnob knob, final List<String> rampArgs, final Path directory)
    {
        final Path userFile = userFile(rampArgs);
        final List<String> userLines = new ArrayList<>();
        if (userFile != null)
        {
            for (final TuneEntry entry : TuneFile.read(userFile).entries())
            {
                if (entry.sysctlName().equals(knob.name()))
                {
                    throw BadInputException.option(TuneFile.OPTION, entry.where(userFile) + " sets " + knob.name()
                        + ", the sweep's knob, which sets it at each point: drop the line");
                }
            }
            try
            {
                userLines.addAll(Files.readAllLines(userFile, StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                throw BadInputException.option(TuneFile.OPTION, "cannot read " + userFile + ": " + ex.getMessage());
            }
        }
        return new HostTuneFiles(knob, rampArgs, userLines, directory.resolve(FOLDER));
    }

    /**
     * @param value one of the knob's values.
     * @return the point's ramp options: those given without their {@code --tune FILE}, and {@code --tune} the point's
     *     own file, written now.
     * @throws IOException when the file cannot be written.
     */
    List<String> rampArgs(final SweepValue value) throws IOException
    {
        final Path file = folder.resolve(knob.folderName(value) + ".conf");
        final List<String> lines = new ArrayList<>();
        lines.add("# rxbreak sweep " + knob.name() + ": the point " + value.text()
            + (userLines.isEmpty() ? "" : ", after the lines of the ramp's own --tune file"));
        lines.addAll(userLines);
        lines.add(knob.name() + " = " + value.text());
        Files.createDirectories(folder);
        Files.write(file, lines, StandardCharsets.UTF_8);
        written.add(file);
        final List<String> args = new ArrayList<>();
        for (int i = 0; i < rampArgs.size(); i++)
        {
            final String arg = rampArgs.get(i);
            if (arg.equals(TuneFile.OPTION))
            {
                i++;
            }
            else if (!arg.startsWith(TuneFile.OPTION + "="))
            {
                args.add(arg);
            }
        }
        args.add(TuneFile.OPTION);
        args.add(file.toString());
        return args;
    }

    /**
     * Delete the files written (a sweep refused before it started).
     *
     * @throws IOException when one cannot be deleted.
     */
    void delete() throws IOException
    {
        for (final Path file : written)
        {
            Files.deleteIfExists(file);
        }
        if (Files.isDirectory(folder))
        {
            try (var left = Files.list(folder))
            {
                if (left.findAny().isEmpty())
                {
                    Files.delete(folder);
                }
            }
        }
    }

    private static Path userFile(final List<String> rampArgs)
    {
        for (int i = 0; i < rampArgs.size(); i++)
        {
            final String arg = rampArgs.get(i);
            if (arg.equals(TuneFile.OPTION) && i + 1 < rampArgs.size())
            {
                return Path.of(rampArgs.get(i + 1));
            }
            if (arg.startsWith(TuneFile.OPTION + "="))
            {
                return Path.of(arg.substring(TuneFile.OPTION.length() + 1));
            }
        }
        return null;
    }
}
