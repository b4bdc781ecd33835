package io.rxbreak.controller.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.rxbreak.testsupport.Skips;

/**
 * The programs the deploy tests run (ansible-playbook, systemd-analyze, openssl): found on the PATH, skipped with a
 * reason when missing (a failure under CI), each run bounded in time with its output kept.
 */
final class Programs
{
    /** How long one run may take before it is killed and the test fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Programs()
    {
    }

    /**
     * What a run printed and how it ended.
     *
     * @param command  the command line.
     * @param exitCode its exit code.
     * @param stdout   its standard output.
     * @param stderr   its standard error.
     */
    record Result(List<String> command, int exitCode, String stdout, String stderr)
    {
        /**
         * @return the command, its exit code and its output, for an assertion's message.
         */
        String describe()
        {
            return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" +
                stderr;
        }
    }

    /**
     * @param name a program's name.
     * @return where it is on the PATH, if anywhere.
     */
    static Optional<Path> find(final String name)
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return Optional.empty();
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name          a program's name.
     * @param debianPackage the Debian package that holds it.
     * @param what          what the test checks with it.
     * @return where it is; the calling test is skipped (failed under CI=true) when it is missing.
     */
    static Path require(final String name, final String debianPackage, final String what)
    {
        final Optional<Path> found = find(name);
        if (found.isEmpty())
        {
            Skips.skipOrFail(name + " not installed", name + " is not installed, so " + what + " is not checked: " +
                "apt-get install -y " + debianPackage + " (./run.sh test installs it as root)");
        }
        return found.orElseThrow();
    }

    /**
     * Run a command to its end (killed, with its children, after {@link #TIMEOUT}).
     *
     * @param command     the command line.
     * @param workDir     its working folder, which also holds its output files.
     * @param environment variables added to this JVM's environment.
     * @return how it ended.
     */
    static Result run(final List<String> command, final Path workDir, final Map<String, String> environment)
    {
        try
        {
            final Path out = Files.createTempFile(workDir, "stdout-", ".txt");
            final Path err = Files.createTempFile(workDir, "stderr-", ".txt");
            final ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            final Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " still running after " + TIMEOUT.toSeconds() +
                    " s; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, ex);
        }
    }
}
