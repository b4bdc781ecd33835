package io.rxbreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes every skipped test of a module's run, with its group and reason, to {@value #FILE} under the module's
 * {@code target/}, so that {@code ./run.sh test} can end with how many tests were skipped and why: a suite that
 * skipped its tests must not pass for a green one. Registered with the JUnit Platform launcher through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}: every module whose tests have
 * test-support on their class path gets it, under Surefire as under an IDE.
 * <p>
 * One line a skip, tab-separated: the group ({@link Skips.Skipped#group()}; {@code disabled} for a test JUnit
 * skipped without running it, {@code other} for a plain assumption), how many tests it stands for (a class aborted
 * in {@code @BeforeAll} stands for all of its tests), the test, and the reason. The file is emptied when this
 * JVM's first test plan starts (Surefire runs one JVM per module by default), so that it never holds an earlier
 * run's skips; {@code run.sh test} also removes it before Maven starts.
 */
public final class SkippedTestsListener implements TestExecutionListener
{
    /** The file's name, under the module's {@code target/}. */
    public static final String FILE = "skipped-tests.txt";

    private static final AtomicBoolean EMPTIED_IN_THIS_JVM = new AtomicBoolean();

    private final Path file;
    private final AtomicBoolean emptied;
    private TestPlan plan;

    /**
     * A listener writing to {@code target/}{@value #FILE} under the module's folder: Surefire's {@code basedir},
     * else the working directory.
     */
    public SkippedTestsListener()
    {
        this(Path.of(System.getProperty("basedir", "."), "target", FILE), EMPTIED_IN_THIS_JVM);
    }

    /**
     * @param file    where the skips are written.
     * @param emptied whether the file was emptied already; set when the first test plan starts.
     */
    SkippedTestsListener(final Path file, final AtomicBoolean emptied)
    {
        this.file = file;
        this.emptied = emptied;
    }

    @Override
    public void testPlanExecutionStarted(final TestPlan testPlan)
    {
        plan = testPlan;
        if (emptied.compareAndSet(false, true))
        {
            write(new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    @Override
    public void executionSkipped(final TestIdentifier test, final String reason)
    {
        record(test, "disabled", reason);
    }

    @Override
    public void executionFinished(final TestIdentifier test, final TestExecutionResult result)
    {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED)
        {
            return;
        }
        final Throwable cause = result.getThrowable().orElse(null);
        final String group = cause instanceof Skips.Skipped ? ((Skips.Skipped)cause).group() : "other";
        record(test, group, cause == null ? null : cause.getMessage());
    }

    private void record(final TestIdentifier test, final String group, final String reason)
    {
        final long tests = test.isTest() ? 1 : Math.max(1, plan == null ? 0 :
            plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count());
        final String line = oneField(group) + '\t' + tests + '\t' + oneField(name(test)) + '\t' +
            oneField(reason == null ? "no reason given" : reason) + '\n';
        write(line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    /**
     * @return a test with its class ({@code SendNamespaceTest sendsConsecutive...()}), or a class alone.
     */
    private String name(final TestIdentifier test)
    {
        final String parent = plan == null || !test.isTest() ? "" :
            plan.getParent(test).map(TestIdentifier::getDisplayName).map(name -> name + " ").orElse("");
        return parent + test.getDisplayName();
    }

    private static String oneField(final String text)
    {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private synchronized void write(final byte[] bytes, final StandardOpenOption mode)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write the skipped tests to " + file, ex);
        }
    }
}
