package io.rxbreak.core.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.rxbreak.core.net.NettyMachineId;

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
        // Netty's two-line warning about a missing hardware address would break the one-line error rule
        NettyMachineId.setIfUnset();
        final PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        final int exitCode = Rxbreak.newCommandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }
}
