package io.rxbreak.controller.tune;

import java.nio.file.Path;

import io.rxbreak.controller.SandboxSetup;

/**
 * One setting line of a tuning file, as written (checked for its form only).
 *
 * @param line the line number, from 1.
 * @param kind what it sets.
 * @param key for a sysctl its name as written (dotted, or slashed like {@code net/core/rmem_max}); for RPS the
 *     interface, optionally followed by one receive queue ({@code veth0 rx-0}); for an IRQ its number or its name in
 *     {@code /proc/interrupts}.
 * @param value the value: a sysctl's text, or a CPU list ({@code off} for an empty RPS mask).
 * @param ignoreFailure whether the line began with {@code -}: a key that is missing or refused is skipped, as
 *     systemd-sysctl skips it.
 */
public record TuneEntry(int line, TuneKind kind, String key, String value, boolean ignoreFailure)
{
    /** The value that clears an RPS mask (RPS off). */
    public static final String RPS_OFF = "off";

    /**
     * @return a sysctl's file under {@code /proc/sys}: a slashed name as written, a dotted one with its dots as
     *     slashes.
     */
    public Path sysctlFile()
    {
        return SandboxSetup.sysctlFile(key);
    }

    /**
     * @return a sysctl's dotted name (a slashed name with its slashes as dots), the way the report shows it.
     */
    public String sysctlName()
    {
        return key.indexOf('/') >= 0 ? key.replace('/', '.') : key;
    }

    /**
     * @return whether a sysctl is of the network stack ({@code net.}): only those can have a copy per network
     *     namespace ({@code kernel.}, {@code vm.} and the rest are machine-wide even when a namespace shows them).
     */
    public boolean isNetworkSysctl()
    {
        return kind == TuneKind.SYSCTL && (key.startsWith("net.") || key.startsWith("net/"));
    }

    /**
     * @return the line as the report names it, like {@code net.core.rmem_max}, {@code rps lo} or {@code irq 34}.
     */
    public String label()
    {
        return kind == TuneKind.SYSCTL ? sysctlName() : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + key;
    }

    /**
     * @param file the tuning file.
     * @return where this line is, for an error: {@code FILE line N}.
     */
    public String where(final Path file)
    {
        return file + " line " + line;
    }
}
