package io.rxbreak.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxbreak.core.cli.Main;
import io.rxbreak.testsupport.ChildProcess;
import io.rxbreak.testsupport.Deadline;
import io.rxbreak.testsupport.NetworkNamespace;
import io.rxbreak.testsupport.Privileges;
import io.rxbreak.testsupport.ReferencePrograms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rxbreak checked against an independent reference: the same receiver's break point found by a plain smooth pacer
 * that shares no code with rxbreak ({@code shared/tools/mcsend.c}, driven by a plain search in this test) and by
 * {@code rxbreak ramp}. The two must agree within 5 %: a break point that is rxbreak's own (a sender that bursts, a
 * harness on the receiver's CPU) would be lower. The receivers read 512 B datagrams into the default socket buffer
 * (about 166 of them), at about 10,000 a second, so that the buffer rides out the few milliseconds a busy 2-core
 * machine takes from a thread now and then.
 */
class FidelityReferenceTest
{
    private static final Duration RAMP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int SIZE = 512;
    private static final double AGREEMENT = 0.05;
    /** How many times in all the side that reads lower is measured again while the two disagree. */
    private static final int MEASURED_AGAIN = 2;
    private static final String GROUP = "239.255.77.21";

    @TempDir
    Path runs;

    @BeforeEach
    void root()
    {
        Privileges.assumeRoot("the fidelity tests run real multicast in a private network namespace");
    }

    /**
     * A plain C receiver spending 100 us of busy work per message (nominal capacity 10,000 a second), observed:
     * {@code rxbreak ramp --observe-pid} and the reference pacer find the same break point.
     */
    @Test
    void observeModeFindsWhatASmoothPacerFindsForAPlainReceiver()
    {
        final int port = 47021;
        try (NetworkNamespace ns = NetworkNamespace.create();
            ChildProcess receiver = ns.start(pinned(ReceiverCpu.RECEIVER, List.of(
                ReferencePrograms.build(ReferencePrograms.MCRECV).toString(), "-g", GROUP, "-p", Integer.toString(port),
                "-w", "100000", "-t", "600", "-I", "600000"))))
        {
            receiver.awaitStderrLine(START_TIMEOUT, line -> line.startsWith("mcrecv ready"));
            final int[] runsSoFar = {0};
            compare("observed plain receiver", again -> referenceNdr(ns, receiver.pid(), port, again > 0), () ->
            {
                final RampProcess ramp = RampProcess.start(ns, runs.resolve("observe-" + ++runsSoFar[0]),
                    "--observe-pid", Long.toString(receiver.pid()), "--observe-group", GROUP + ":" + port, "--size",
                    Integer.toString(SIZE), "--start-rate", "6000", "--step", "x1.25", "--precision", "1%",
                    "--duration", "2s", "--warm-up", "500ms", "--confirm-duration", "4s", "--confirm-trial-duration",
                    "2s", "--max-trials", "30");
                return rampNdr(ramp);
            });
        }
    }

    /**
     * rxbreak's own receiver throttled to 10,000 messages a second, default buffer: {@code rxbreak ramp --throttle
     * rate:10000} finds what the reference pacer finds for {@code rxbreak receive --throttle rate:10000}.
     */
    @Test
    void aThrottledReceiversBreakPointIsWhatASmoothPacerFinds()
    {
        final int port = 47022;
        try (NetworkNamespace ns = NetworkNamespace.create())
        {
            final int[] runsSoFar = {0};
            compare("throttled rxbreak receiver", again ->
            {
                try (ChildProcess receiver = ns.start(pinned(ReceiverCpu.ANY, ChildProcess.javaCommand(Main.class,
                    List.of("receive", "--json", "--group", GROUP + ":" + port, "--throttle", "rate:10000",
                        "--duration", "600s", "--reader-cpus", ReceiverCpu.RECEIVER.cpu())))))
                {
                    receiver.awaitStderrLine(START_TIMEOUT, line -> line.startsWith("  socket 0:"));
                    return referenceNdr(ns, receiver.pid(), port, again > 0);
                }
            }, () ->
            {
                final RampProcess ramp = RampProcess.start(ns, runs.resolve("throttled-" + ++runsSoFar[0]), "--group",
                    GROUP + ":" + port, "--throttle", "rate:10000", "--size", Integer.toString(SIZE), "--start-rate",
                    "6000", "--step", "x1.25", "--precision", "1%", "--duration", "2s", "--warm-up", "500ms",
                    "--confirm-duration", "4s", "--confirm-trial-duration", "2s", "--max-trials", "30");
                return rampNdr(ramp);
            });
        }
    }

    /**
     * Find the break point both ways and require them to agree within {@link #AGREEMENT}. Noise from the host (a
     * hypervisor's steal of the receiver's CPU, the kernel's background work) only ever adds loss: it can lower a
     * break point, never raise it (a rate above the receiver's capacity overflows its buffer within a trial). So
     * while the two disagree, the side that reads lower is measured again and the highest of its readings kept, at
     * most {@link #MEASURED_AGAIN} times in all. Once was not enough: in one CI run both sides read low in turn
     * (rxbreak 7,265 then 9,961; the reference 8,143, its receiver losing at 8,437 of a 10,000 throttle), and the
     * reference's low reading stood unmeasured.
     *
     * @param referenceSearch the reference's search, given how many times it ran before.
     */
    private static void compare(final String what, final IntToLongFunction referenceSearch,
        final LongSupplier rxbreakSearch)
    {
        int referenceRuns = 0;
        long reference = referenceSearch.applyAsLong(referenceRuns++);
        long rxbreak = rxbreakSearch.getAsLong();
        System.out.printf(Locale.ROOT, "fidelity: %s: rxbreak NDR %,d, reference %,d (%+.1f%%)%n", what, rxbreak,
            reference, 100.0 * (rxbreak - reference) / reference);
        for (int again = 0; again < MEASURED_AGAIN && !agree(rxbreak, reference); again++)
        {
            if (rxbreak < reference)
            {
                rxbreak = Math.max(rxbreak, rxbreakSearch.getAsLong());
            }
            else
            {
                reference = Math.max(reference, referenceSearch.applyAsLong(referenceRuns++));
            }
            System.out.printf(Locale.ROOT, "fidelity: %s, the lower side measured again: rxbreak NDR %,d, reference "
                + "%,d (%+.1f%%)%n", what, rxbreak, reference, 100.0 * (rxbreak - reference) / reference);
        }
        assertThat((double)rxbreak).as("rxbreak's NDR %,d against the reference's %,d (%s)", rxbreak, reference, what)
            .isBetween(reference * (1 - AGREEMENT), reference * (1 + AGREEMENT));
    }

    private static boolean agree(final long rxbreak, final long reference)
    {
        return rxbreak >= reference * (1 - AGREEMENT) && rxbreak <= reference * (1 + AGREEMENT);
    }

    /**
     * @return the ramp's NDR, after checking that it ran through and that no trial was the harness's interference.
     */
    private static long rampNdr(final RampProcess ramp)
    {
        assertThat(ramp.waitFor(RAMP_TIMEOUT)).as(ramp.output()).isZero();
        System.out.println(ramp.process().stdout());
        for (final JsonNode trial : ramp.trials())
        {
            assertThat(trial.path("invalidReason").asText()).as("trial %s", trial.path("trial"))
                .isNotEqualTo("HARNESS_INTERFERENCE");
        }
        return ramp.report().path("ndr").asLong();
    }

    /**
     * The reference search: after a discarded warm-up, the smooth pacer sends 2.5 s at a rate (the ramp's warm-up
     * and window), the receiver's socket drops say whether it took it all; up by 1.25 from 6,000 until one loses,
     * then halves the interval down to 1 %, as the ramp does (without the ramp's confirmation of the result).
     * Measured again (after a reading lower than the ramp's), a rate that lost is tried once more and counts as lost
     * only when it loses again: the reference is the truth the ramp is held to, so a loss the host caused (a CI
     * run's reference lost at 9,468 of a 10,000 throttle while the hypervisor took up to 14 % of the CPUs, and read
     * 9,375 against the ramp's 9,961) must not lower it.
     *
     * @param lostTwice whether a rate counts as lost only when it loses twice in a row.
     */
    private static long referenceNdr(final NetworkNamespace ns, final long pid, final int port, final boolean lostTwice)
    {
        // a discarded warm-up, as the ramp's warm-up trial: a receiver's first messages meet cold caches
        referenceTrial(ns, pid, port, 3_000);
        long low = 0;
        long high = 0;
        long rate = 6_000;
        final List<String> log = new ArrayList<>();
        for (int trial = 0; trial < 30 && !(low > 0 && high > 0 && high - low <= 0.01 * high); trial++)
        {
            final boolean first = referenceTrial(ns, pid, port, rate);
            final boolean passed = first || lostTwice && referenceTrial(ns, pid, port, rate);
            log.add(String.format(Locale.ROOT, "%,d %s", rate, first ? "pass" : passed ? "lost, then pass" : lostTwice ? "lost twice" : "lost"));
            if (passed)
            {
                low = rate;
                rate = high == 0 ? rate * 5 / 4 : (low + high) / 2;
            }
            else
            {
                high = rate;
                rate = low == 0 ? rate / 2 : (low + high) / 2;
            }
        }
        System.out.println("fidelity: the reference search: " + log);
        assertThat(low).as("the reference search: %s", log).isPositive();
        assertThat(high).as("the reference search never lost: %s", log).isPositive();
        return low;
    }

    private static boolean referenceTrial(final NetworkNamespace ns, final long pid, final int port, final long rate)
    {
        final long before = ReferencePrograms.socketDrops(pid, port);
        try (ChildProcess pacer = ns.start(pinned(ReceiverCpu.SENDER, List.of(
            ReferencePrograms.build(ReferencePrograms.MCSEND).toString(), "-g", GROUP, "-p", Integer.toString(port),
            "-r", Long.toString(rate), "-s", Integer.toString(SIZE), "-t", "2.5", "-T", "0"))))
        {
            assertThat(pacer.waitFor(Duration.ofSeconds(20))).as(pacer.stderr()).isZero();
        }
        // the tail: whatever the receiver still holds is read or dropped once its queue is empty
        Deadline.await(Duration.ofSeconds(5), "the receiver's queue empties",
            () -> ReferencePrograms.queuedBytes(pid, port) == 0);
        return ReferencePrograms.socketDrops(pid, port) == before;
    }

    /**
     * The test's CPUs: the receiver on the last, the senders on the first (as the ramp places its agents), when
     * there are two or more.
     */
    private enum ReceiverCpu
    {
        RECEIVER, SENDER, ANY;

        String cpu()
        {
            final int cpus = Runtime.getRuntime().availableProcessors();
            return Integer.toString(this == RECEIVER ? cpus - 1 : 0);
        }
    }

    private static List<String> pinned(final ReceiverCpu where, final List<String> command)
    {
        if (where == ReceiverCpu.ANY || Runtime.getRuntime().availableProcessors() < 2)
        {
            return command;
        }
        final List<String> full = new ArrayList<>(List.of("taskset", "-c", where.cpu()));
        full.addAll(command);
        return full;
    }
}
