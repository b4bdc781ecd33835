package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.rxbreak.core.cli.Rxbreak;

/**
 * One run of the command line through the factory {@code main} uses, with its output captured.
 *
 * @param exitCode the exit code.
 * @param out standard output.
 * @param err standard error.
 */
record CliRun(int exitCode, String out, String err)
{
    static CliRun run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Rxbreak.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
