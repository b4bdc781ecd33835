package io.rxbreak.core.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code rxbreak} entry point: the only place that calls {@link System#exit(int)}.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        quietNettyMachineId();
        final PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        final int exitCode = Rxbreak.newCommandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Netty looks for a hardware address to build channel ids and, in a network namespace with only loopback,
     * prints a two-line warning when it finds none: that breaks the one-line error rule. Channel ids need no
     * hardware address: give Netty a random machine id (unless one was set).
     */
    private static void quietNettyMachineId()
    {
        if (System.getProperty("io.netty.machineId") == null)
        {
            final byte[] id = new byte[8];
            new java.security.SecureRandom().nextBytes(id);
            final StringBuilder text = new StringBuilder();
            for (final byte b : id)
            {
                text.append(text.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xff));
            }
            System.setProperty("io.netty.machineId", text.toString());
        }
    }
}
