package io.rxbreak.testsupport;

import org.opentest4j.TestAbortedException;

/**
 * A test that cannot run here (not root, too few CPUs, a program missing): skipped with a printed reason, but never
 * under {@code CI=true}, where it is a failure. Every skip names its group ({@code not root}, {@code fewer than 2
 * CPUs}), which {@link SkippedTestsListener} counts, so that a run that skipped tests says so at its end.
 */
public final class Skips
{
    private Skips()
    {
    }

    /**
     * A test skipped for a reason of a known group: the exception JUnit reports as an aborted test.
     */
    public static final class Skipped extends TestAbortedException
    {
        private static final long serialVersionUID = 1L;

        private final String group;

        Skipped(final String group, final String reason)
        {
            super(reason);
            this.group = group;
        }

        /**
         * @return the group a summary counts it in, like {@code not root}.
         */
        public String group()
        {
            return group;
        }
    }

    /**
     * Skip the calling test (printing why), or fail it under CI.
     *
     * @param group  the group a summary counts it in, like {@code not root}; a few words.
     * @param reason what the test needs and how to provide it, one line.
     * @throws Skipped outside CI.
     * @throws AssertionError under {@code CI=true}.
     */
    public static void skipOrFail(final String group, final String reason)
    {
        if (Privileges.isCi())
        {
            throw new AssertionError("CI=true, so this test may not skip (" + group + "): " + reason);
        }
        skip(group, reason);
    }

    /**
     * Skip the calling test, printing why: for callers that decided CI already.
     *
     * @param group  the group a summary counts it in.
     * @param reason what the test needs and how to provide it, one line.
     * @throws Skipped always.
     */
    static void skip(final String group, final String reason)
    {
        System.out.println("SKIPPED: " + reason);
        throw new Skipped(group, reason);
    }

    /**
     * Skip the calling test when this JVM sees fewer than {@code cpus} CPUs (printing why), or fail it under CI.
     *
     * @param cpus how many CPUs the test needs.
     * @param why  what it needs them for.
     */
    public static void assumeCpus(final int cpus, final String why)
    {
        final int available = Runtime.getRuntime().availableProcessors();
        if (available >= cpus)
        {
            return;
        }
        skipOrFail("fewer than " + cpus + " CPUs", "needs " + cpus + " CPUs (" + why + "); this JVM sees " +
            available);
    }
}
