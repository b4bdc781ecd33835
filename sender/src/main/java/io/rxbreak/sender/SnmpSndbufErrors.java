package io.rxbreak.sender;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.OptionalLong;

import io.rxbreak.core.counters.CounterFiles;
import io.rxbreak.core.counters.MalformedCounterException;
import io.rxbreak.core.counters.SnmpCounters;
import io.rxbreak.core.counters.SnmpParser;

/**
 * Udp SndbufErrors from {@code /proc/net/snmp} of the sender's own network namespace, through the counters
 * library's parser. IPv4 UDP only: the Udp6 counters live in {@code /proc/net/snmp6}, which that library does not
 * parse yet. Read only before and after a trial, never on the hot path.
 */
public final class SnmpSndbufErrors implements SndbufErrorsSource
{
    /** The file read by default. */
    public static final Path PROC_NET_SNMP = Path.of("/proc/net/snmp");

    private final Path file;
    private final SnmpParser parser = new SnmpParser();
    private final CounterFiles files = new CounterFiles();

    /**
     * @param file the snmp file, {@link #PROC_NET_SNMP} in production.
     */
    public SnmpSndbufErrors(final Path file)
    {
        this.file = file;
    }

    @Override
    public synchronized OptionalLong sndbufErrors()
    {
        try
        {
            final SnmpCounters counters = parser.read(file, files);
            final Long value = counters == null ? null : counters.value("Udp", "SndbufErrors");
            return value == null ? OptionalLong.empty() : OptionalLong.of(value);
        }
        catch (final MalformedCounterException | UncheckedIOException ex)
        {
            return OptionalLong.empty();
        }
    }
}
