package io.rxbreak.controller.tune;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's setting files as this process sees them (the host, unless this process runs in a namespace).
 */
public final class HostFiles implements KernelFiles
{
    /** The files of this process's own namespace. */
    public static final HostFiles LIVE = new HostFiles();

    private HostFiles()
    {
    }

    @Override
    public boolean exists(final String file)
    {
        return Files.exists(Path.of(file));
    }

    @Override
    public boolean writable(final String file)
    {
        return Files.isWritable(Path.of(file));
    }

    @Override
    public List<String> list(final String directory)
    {
        final List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of(directory)))
        {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    @Override
    public String read(final String file) throws IOException
    {
        return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void write(final String file, final String value) throws IOException
    {
        try (OutputStream out = new FileOutputStream(file))
        {
            out.write((value + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
