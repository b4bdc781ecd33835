package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@link Tunables} from the {@code /proc} and {@code /sys} roots. Ring sizes come from {@code ethtool -g},
 * only on the live system and only when {@code ethtool} is on the PATH.
 */
public final class TunablesReader
{
    private final CounterRoots roots;
    private final boolean readSysfs;
    private final CounterFiles files = new CounterFiles();

    /**
     * @param roots where to read.
     */
    public TunablesReader(final CounterRoots roots)
    {
        this(roots, true);
    }

    /**
     * @param roots where to read.
     * @param readSysfs whether to read RPS masks and ring sizes of the interfaces sysfs shows (false when the
     *     namespace read is not the one sysfs shows).
     */
    public TunablesReader(final CounterRoots roots, final boolean readSysfs)
    {
        this.roots = roots;
        this.readSysfs = readSysfs;
    }

    /**
     * @return the tunables; a setting that cannot be read is absent.
     */
    public Tunables read()
    {
        final Map<String, String> sysctls = new LinkedHashMap<>();
        for (final String name : Tunables.SYSCTLS)
        {
            final String value = readText(roots.procRoot().resolve(Tunables.sysctlPath(name)));
            if (value != null)
            {
                sysctls.put(name, value.replaceAll("\\s+", " "));
            }
        }
        final Map<String, String> rps = new TreeMap<>();
        final List<String> devices = readSysfs ? devices() : List.of();
        for (final String device : devices)
        {
            for (final Path queue : list(roots.sysRoot().resolve("class/net").resolve(device).resolve("queues"), "rx-*"))
            {
                final String mask = readText(queue.resolve("rps_cpus"));
                if (mask != null)
                {
                    rps.put(device + "/" + queue.getFileName(), mask);
                }
            }
        }
        final List<Path> irqDirs = list(roots.procRoot().resolve("irq"), "[0-9]*");
        irqDirs.sort(Comparator.comparingInt(irq -> Integer.parseInt(irq.getFileName().toString())));
        final Map<String, String> irqAffinity = new LinkedHashMap<>();
        for (final Path irq : irqDirs)
        {
            final String affinity = readText(irq.resolve("smp_affinity_list"));
            if (affinity != null)
            {
                final StringBuilder name = new StringBuilder(irq.getFileName().toString());
                for (final Path action : list(irq, "*"))
                {
                    if (Files.isDirectory(action))
                    {
                        name.append(' ').append(action.getFileName());
                    }
                }
                irqAffinity.put(name.toString(), affinity);
            }
        }
        return new Tunables(sysctls, rps, irqAffinity, readSysfs ? ringSizes(devices) : null);
    }

    private List<String> devices()
    {
        final List<String> names = new ArrayList<>();
        for (final Path device : list(roots.sysRoot().resolve("class/net"), "*"))
        {
            names.add(device.getFileName().toString());
        }
        names.sort(null);
        return names;
    }

    private Map<String, String> ringSizes(final List<String> devices)
    {
        if (!roots.procRoot().equals(CounterRoots.LIVE.procRoot()) || !EthtoolRings.available())
        {
            return null;
        }
        final Map<String, String> rings = new LinkedHashMap<>();
        for (final String device : devices)
        {
            final String current = EthtoolRings.current(device, TimeUnit.SECONDS.toMillis(5));
            if (current != null)
            {
                rings.put(device, current);
            }
        }
        return rings;
    }

    private String readText(final Path file)
    {
        try
        {
            return files.read(file) ? files.text() : null;
        }
        catch (final UncheckedIOException ex)
        {
            return null; // unreadable (permission, or not applicable to this device): absent, never zero
        }
    }

    private static List<Path> list(final Path dir, final String glob)
    {
        final List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob))
        {
            stream.forEach(entries::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not list " + dir + ": " + ex.getMessage(), ex);
        }
        entries.sort(null);
        return entries;
    }
}
