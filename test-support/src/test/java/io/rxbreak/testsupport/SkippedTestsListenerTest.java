package io.rxbreak.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The listener on a real JUnit Platform launcher, running the fixture classes below (not run by Surefire: they are
 * nested), with only this listener (the registered one would count the fixtures' skips in this module's file).
 */
class SkippedTestsListenerTest
{
    @TempDir
    Path dir;

    static class SomeSkipped
    {
        @Test
        void runs()
        {
            assertThat(1 + 1).isEqualTo(2);
        }

        @Test
        void needsRoot()
        {
            Skips.skip(Privileges.NOT_ROOT, "needs root (a namespace); run the tests as root to include it");
        }

        @Test
        @Disabled("not yet")
        void disabled()
        {
        }

        @Test
        void plainAssumption()
        {
            Assumptions.assumeTrue(false, "a plain\tassumption\nover two lines");
        }
    }

    static class AllSkipped
    {
        @BeforeAll
        static void needsCpus()
        {
            Skips.skip("fewer than 64 CPUs", "needs 64 CPUs (a test of many); this JVM sees 2");
        }

        @Test
        void one()
        {
        }

        @Test
        void two()
        {
        }
    }

    /**
     * Run each class in a launcher of its own, as one JVM would run several test plans.
     */
    private static void run(final Path file, final Class<?>... classes)
    {
        final AtomicBoolean emptied = new AtomicBoolean();
        for (final Class<?> fixture : classes)
        {
            final Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(request().selectors(selectClass(fixture)).build(),
                new SkippedTestsListener(file, emptied));
        }
    }

    @Test
    void everySkipIsOneLineWithItsGroupCountTestAndReason() throws Exception
    {
        final Path file = dir.resolve("target").resolve(SkippedTestsListener.FILE);
        run(file, SomeSkipped.class, AllSkipped.class);

        final String some = "SkippedTestsListenerTest$SomeSkipped ";
        assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(
            "not root\t1\t" + some + "needsRoot()\tneeds root (a namespace); run the tests as root to include it",
            "disabled\t1\t" + some + "disabled()\tnot yet",
            "other\t1\t" + some + "plainAssumption()\tAssumption failed: a plain assumption over two lines",
            "fewer than 64 CPUs\t2\tSkippedTestsListenerTest$AllSkipped\tneeds 64 CPUs (a test of many); this JVM "
                + "sees 2");
    }

    @Test
    void aRunWithoutSkipsEmptiesAnEarlierRunsFile() throws Exception
    {
        final Path file = dir.resolve(SkippedTestsListener.FILE);
        Files.writeString(file, "not root\t3\tan earlier run\tneeds root\n");
        run(file, Passing.class);

        assertThat(file).exists();
        assertThat(Files.readAllLines(file)).isEqualTo(List.of());
    }

    static class Passing
    {
        @Test
        void passes()
        {
            assertThat("a").isEqualTo("a");
        }
    }
}
