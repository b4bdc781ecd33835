/**
 * Test support shared by every module: private network namespaces, veth pairs and the processes in them, a lab of
 * several hosts joined by a bridge ({@code NamespaceLab}) with an sshd on one ({@code Sshd}), sysctl
 * overrides restored afterwards, deadline waits, privilege checks and skips that name their reason (with the
 * listener that lists a run's skips for {@code run.sh test}), the kernel's tracing instances, fixture files, PEM
 * files, a plain Java multicast sender and receiver, and the independent C reference programs, built once per test
 * run.
 * <p>
 * May use: the JDK and JUnit's API (the Platform launcher's for the listener) only; no rxbreak module, so that it checks them from outside. It is on the test
 * class path only, never in {@code rxbreak.jar}. Threading: meant for a test's own thread; a {@code ChildProcess}
 * collects its output on two daemon threads of its own (the line lists are synchronized); the cleanup of a
 * {@code NetworkNamespace} or a {@code SysctlOverride} may also run from a shutdown hook, synchronized with
 * {@code close()}; {@code ReferencePrograms.build} is synchronized.
 */
package io.rxbreak.testsupport;
