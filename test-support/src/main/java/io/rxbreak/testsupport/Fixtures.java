package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixture files on the test class path, read as text or copied into a folder laid out like a capture.
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    /**
     * @param resource the class path resource, for example {@code /fixtures/softnet_stat/width-13.txt}.
     * @return its contents.
     */
    public static String text(final String resource)
    {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no fixture " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Write a fixture's text to {@code root/relativePath}, creating folders.
     *
     * @param root the root of a capture, for example a temporary {@code proc} folder.
     * @param relativePath where under it, for example {@code net/softnet_stat}.
     * @param resource the class path resource.
     * @return the written file.
     */
    public static Path copy(final Path root, final String relativePath, final String resource)
    {
        return write(root, relativePath, text(resource));
    }

    /**
     * @param root a folder.
     * @param relativePath where under it.
     * @param text what to write.
     * @return the written file.
     */
    public static Path write(final Path root, final String relativePath, final String text)
    {
        try
        {
            final Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
