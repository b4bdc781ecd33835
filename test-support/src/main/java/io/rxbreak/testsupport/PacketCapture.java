package io.rxbreak.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's capture programs (tcpdump, dumpcap, editcap) for tests: whether one is installed (a test without it
 * is skipped with the reason printed, and fails under {@code CI=true}, where {@code ./run.sh test} installs it), and a
 * capture started in a network namespace and stopped as Ctrl-C would.
 */
public final class PacketCapture
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final String CAPTURE_BUFFER_KIB = "32768";

    private PacketCapture()
    {
    }

    /**
     * @param command the program, like {@code tcpdump}.
     * @param debianPackage the package that holds it.
     */
    public static void assumeInstalled(final String command, final String debianPackage)
    {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (final String dir : path.split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)))
            {
                return;
            }
        }
        Skips.skipOrFail(command + " not installed", command + " is not installed: apt-get install -y " +
            debianPackage + " (./run.sh test installs it as root)");
    }

    /**
     * Run a capture tool on the host (like {@code editcap}) and wait for it.
     *
     * @param command the program and its arguments.
     */
    public static void run(final String... command)
    {
        try (ChildProcess child = ChildProcess.start(List.of(command)))
        {
            final int exit = child.waitFor(START_TIMEOUT);
            if (exit != 0)
            {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + ": " + child.stderr());
            }
        }
    }

    /**
     * Start tcpdump writing to a file, per packet, and wait until it listens.
     *
     * @param ns the namespace.
     * @param device the interface, like {@code lo} or {@code any}.
     * @param file where it writes.
     * @param filter what it captures, like {@code udp} or {@code udp and ip multicast}.
     * @param options more options, like {@code --time-stamp-precision nano}.
     * @return the running capture.
     */
    public static ChildProcess tcpdump(final NetworkNamespace ns, final String device, final Path file,
        final String filter, final String... options)
    {
        // a 32 MiB buffer: with --immediate-mode the default one drops a burst of a few hundred datagrams
        final List<String> command = new ArrayList<>(List.of("tcpdump", "-i", device, "-U", "--immediate-mode", "-B",
            CAPTURE_BUFFER_KIB, "-Z", "root", "-w", file.toString()));
        command.addAll(List.of(options));
        command.add(filter);
        final ChildProcess capture = ns.start(command);
        capture.awaitStderrLine(START_TIMEOUT, line -> line.contains("listening on"));
        return capture;
    }

    /**
     * Stop a capture program as Ctrl-C would, and wait for it to write the rest and exit.
     *
     * @param capture the capture.
     * @return what it said on stderr (its packet counts).
     * @throws AssertionError when it exited with an error or dropped packets (the capture would not be whole).
     */
    public static String stop(final ChildProcess capture)
    {
        NetworkNamespace.run("kill", "-INT", Long.toString(capture.pid()));
        final int exit = capture.waitFor(STOP_TIMEOUT);
        if (exit != 0)
        {
            throw new AssertionError("the capture exited " + exit + ": " + capture.stderr());
        }
        final String said = capture.stderr();
        final java.util.regex.Matcher dropped = java.util.regex.Pattern.compile("(\\d+) packets? dropped by kernel")
            .matcher(said);
        if (dropped.find() && Long.parseLong(dropped.group(1)) > 0)
        {
            throw new AssertionError("the capture dropped packets, so it does not hold all that was sent: " + said);
        }
        return said;
    }
}
