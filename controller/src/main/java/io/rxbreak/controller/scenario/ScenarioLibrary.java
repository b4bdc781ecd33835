package io.rxbreak.controller.scenario;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.rxbreak.core.config.BadInputException;

/**
 * The scenario library: a folder of scenario files ({@code *.yaml}, {@code *.yml}), by default the
 * {@value #FOLDER} folder of the project rxbreak runs from (found above the jar or the classes folder), else of the
 * current folder.
 */
public final class ScenarioLibrary
{
    /** The library's folder name, at the project's root. */
    public static final String FOLDER = "scenarios";

    private static final int LEVELS_UP = 4;

    private ScenarioLibrary()
    {
    }

    /**
     * @return the default library folder.
     * @throws BadInputException when there is none: name one.
     */
    public static Path defaultFolder()
    {
        Path from = codeLocation();
        for (int level = 0; from != null && level < LEVELS_UP; level++, from = from.getParent())
        {
            final Path candidate = from.resolve(FOLDER);
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        final Path here = Path.of(FOLDER);
        if (Files.isDirectory(here))
        {
            return here;
        }
        throw new BadInputException("no " + FOLDER + "/ folder above " + codeLocation() + " or in the current folder: " +
            "name one, like 'rxbreak scenario list DIR'");
    }

    /**
     * @param folder a library folder.
     * @return its scenario files, by name.
     * @throws BadInputException when it is not a folder.
     * @throws IOException when it cannot be listed.
     */
    public static List<Path> files(final Path folder) throws IOException
    {
        if (!Files.isDirectory(folder))
        {
            throw new BadInputException(folder + ": no such scenario folder");
        }
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.{yaml,yml}"))
        {
            entries.forEach(files::add);
        }
        Collections.sort(files);
        return files;
    }

    /**
     * @param text {@code scenario run}'s argument: a scenario file, or the name of one in the default library
     *     (like {@code open-burst}).
     * @return the file to read.
     */
    public static Path resolve(final String text)
    {
        final Path given = Path.of(text);
        if (Files.exists(given) || text.contains("/") || text.contains("."))
        {
            return given;
        }
        final Path named = defaultFolder().resolve(text + ".yaml");
        return Files.exists(named) ? named : given;
    }

    private static Path codeLocation()
    {
        try
        {
            return Path.of(ScenarioLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath();
        }
        catch (final URISyntaxException | SecurityException | NullPointerException ex)
        {
            return null;
        }
    }
}
