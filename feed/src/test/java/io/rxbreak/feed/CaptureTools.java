package io.rxbreak.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Privileges;
import org.junit.jupiter.api.Assumptions;

/**
 * The capture programs the real-capture tests run (tcpdump, and Wireshark's dumpcap and editcap): found on the
 * {@code PATH}, or the test is skipped with a printed reason, except under {@code CI=true}, where a missing program
 * fails it ({@code ./run.sh test} installs them when it runs as root).
 */
final class CaptureTools
{
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private CaptureTools()
    {
    }

    /**
     * @param command the program, like {@code tcpdump}.
     * @param debianPackage the package that holds it.
     */
    static void assumeInstalled(final String command, final String debianPackage)
    {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (final String dir : path.split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)))
            {
                return;
            }
        }
        final String reason = command + " is not installed: apt-get install -y " + debianPackage;
        if (Privileges.isCi())
        {
            throw new AssertionError(reason + " (required under CI=true; ./run.sh test installs it as root)");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /**
     * Run a program on the host and wait for it.
     *
     * @param command the program and its arguments.
     */
    static void run(final String... command)
    {
        try (ChildProcess child = ChildProcess.start(List.of(command)))
        {
            final int exit = child.waitFor(RUN_TIMEOUT);
            if (exit != 0)
            {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + ": " + child.stderr());
            }
        }
    }
}
