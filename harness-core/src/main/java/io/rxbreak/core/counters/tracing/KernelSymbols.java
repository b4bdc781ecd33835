package io.rxbreak.core.counters.tracing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves kernel text addresses to function names through {@code /proc/kallsyms} (the addresses are real only for
 * root; {@code kernel.kptr_restrict} may hide them, and then every address is {@code ?}). Read once, on the first
 * lookup; each address resolved is remembered.
 */
final class KernelSymbols
{
    /** The name of an address that cannot be resolved. */
    static final String UNKNOWN = "?";

    private final Path kallsyms;
    private final Map<Long, String> resolved = new HashMap<>();
    private long[] addresses;
    private String[] names;

    KernelSymbols(final Path kallsyms)
    {
        this.kallsyms = kallsyms;
    }

    /**
     * @param address a kernel text address.
     * @return the function holding it, or {@link #UNKNOWN}.
     */
    String function(final long address)
    {
        return resolved.computeIfAbsent(address, this::lookup);
    }

    private String lookup(final long address)
    {
        if (addresses == null)
        {
            load();
        }
        int index = Arrays.binarySearch(addresses, address);
        if (index < 0)
        {
            index = -index - 2;
        }
        return index < 0 || Long.compareUnsigned(address, addresses[index]) < 0 ? UNKNOWN : names[index];
    }

    private void load()
    {
        final List<long[]> entries = new ArrayList<>();
        final List<String> symbolNames = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(kallsyms, StandardCharsets.US_ASCII))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                // "ffffffff81000000 T _stext [module]": text symbols only
                final int first = line.indexOf(' ');
                if (first != 16 || line.length() < 20 || (line.charAt(17) != 't' && line.charAt(17) != 'T'))
                {
                    continue;
                }
                final long address = Long.parseUnsignedLong(line, 0, first, 16);
                if (address == 0)
                {
                    continue;
                }
                final int end = line.indexOf('\t', 19);
                entries.add(new long[] {address, symbolNames.size()});
                symbolNames.add(line.substring(19, end < 0 ? line.length() : end));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not read " + kallsyms + ": " + ex.getMessage(), ex);
        }
        // kernel addresses are all in the upper half: signed order is their order
        entries.sort((a, b) -> Long.compare(a[0], b[0]));
        addresses = new long[entries.size()];
        names = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++)
        {
            addresses[i] = entries.get(i)[0];
            names[i] = symbolNames.get((int)entries.get(i)[1]);
        }
    }
}
