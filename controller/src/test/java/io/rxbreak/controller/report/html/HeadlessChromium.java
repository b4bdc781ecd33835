package io.rxbreak.controller.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.rxbreak.testsupport.Skips;

import static org.assertj.core.api.Assertions.fail;

/**
 * Headless Chromium for the HTML tests, with no network: a screenshot or the DOM after rendering, each run bounded
 * in time (the process and its children are killed after {@link #TIMEOUT_SECONDS}) with a fresh profile that is
 * deleted afterwards.
 */
final class HeadlessChromium
{
    static final long TIMEOUT_SECONDS = 60;
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium()
    {
    }

    /**
     * Skip the test with a printed reason when Chromium is missing, unless CI=true: then fail.
     */
    static void assumeAvailable()
    {
        if (Files.isExecutable(BINARY))
        {
            return;
        }
        Skips.skipOrFail("chromium not installed", "headless Chromium (" + BINARY + ") is not installed: "
            + "apt-get install -y chromium (./run.sh test installs it as root)");
    }

    static void screenshot(final Path html, final Path png, final int width, final int height)
        throws IOException, InterruptedException
    {
        run(html, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height));
        if (!Files.isRegularFile(png))
        {
            fail("Chromium wrote no screenshot " + png);
        }
    }

    static String dumpDom(final Path html) throws IOException, InterruptedException
    {
        return run(html, List.of("--dump-dom"));
    }

    private static String run(final Path html, final List<String> extra) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory("rxbreak-chromium-");
        final Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        final Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        final List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--user-data-dir=" + profile));
        command.addAll(extra);
        command.add(html.toAbsolutePath().toUri().toString());
        final Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile()).start();
        try
        {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(stderr));
            }
            if (process.exitValue() != 0)
            {
                fail("Chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }
        finally
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
