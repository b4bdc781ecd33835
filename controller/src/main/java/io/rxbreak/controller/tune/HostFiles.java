package io.rxbreak.controller.tune;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * One read(2) into a large buffer first: a {@code /proc/sys} integer reads as end of file at any offset but 0,
     * so reading it a byte at a time first ({@code Files.readAllBytes} does, for a file of size 0) gets "4" of
     * "4096".
     */
    @Override
    public String read(final String file) throws IOException
    {
        try (InputStream in = new FileInputStream(file))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
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
