package io.rxbreak.controller.topology;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;

import io.rxbreak.controller.search.TrialRunner;
import io.rxbreak.controller.trial.SenderShare;
import io.rxbreak.controller.trial.TrialPhase;
import io.rxbreak.controller.trial.TrialRequest;
import io.rxbreak.controller.trial.TrialResult;
import io.rxbreak.core.control.AgentClient;
import io.rxbreak.core.os.Schedstat;
import io.rxbreak.core.os.ThreadGroupClock;
import io.rxbreak.core.os.Threads;
import io.rxbreak.core.protocol.AgentApi;
import io.rxbreak.core.protocol.SenderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the control plane of a topology ramp costs against the number of agents: dozens of in-process fake agents
 * ({@link FakeAgents}) speaking the real protocol over real HTTP on loopback, driven by the real
 * {@link TopologyTrialRunner} through {@link SharedTrials}, as {@code ramp --topology} drives real agents. Every
 * trial's window is {@value #DURATION_NS} ns, so a trial's wall time is the control plane's.
 * <p>
 * The test asserts correctness only: every receiver accounts sent = received exactly, every agent served exactly one
 * begin, run or end per trial however many receivers' searches asked for it, and the senders' shares add up to the
 * rate. It asserts no time (figures are claimed with benchmarks, not timed tests): it measures, per trial, the wall
 * time of the controller's {@code run}, from the kernel's schedstat the CPU of the controller's own threads (the
 * calling thread, the runner's call threads and the agents' HTTP clients: what runs in a real controller) and of this
 * whole JVM (the fakes' servers, the JIT and the collector too), and once per topology what the runner's own CPU
 * accounting of a trial costs; it writes the medians to {@code target/topology-scale.txt} and every trial's figures
 * to {@code target/topology-scale.tsv}, which {@code benchmarks/scripts/topology-scale.sh} reads over repeated runs.
 * The agent counts take turns, in rounds that reverse the order, so that neither the JIT's warming nor the threads
 * an earlier topology's HTTP clients leave behind (JDK 17 cannot close them; their pools' idle threads end after a
 * minute) favour the small counts or the large ones; the table says how many threads the JVM had.
 * <p>
 * A quarter of the agents are senders, the rest receivers (at least one of each): a lab replicates a feed from a
 * few hosts (more senders only for a rate or channels beyond one host) to many consumers, and multicast's point is
 * that every consumer takes every group; receivers cost the controller two calls per trial, senders one.
 */
class TopologyScaleTest
{
    private static final int[] AGENTS = {2, 4, 8, 16, 32, 48};
    /** Rounds over every agent count, the order reversed each round, so that the JIT's warming favours none. */
    /**
     * One round in the suite (the checks are the same in every round); the benchmark script asks for two
     * ({@code -Drxbreak.scale.rounds=2}), which balance the order.
     */
    private static final int ROUNDS = Integer.getInteger("rxbreak.scale.rounds", 1);
    private static final int WARM_UP_TRIALS = 1;
    private static final int TRIALS = 3;
    private static final long DURATION_NS = 1_000_000L;
    private static final long DRAIN_NS = 2_000_000_000L;
    private static final int SIZE_BYTES = 64;
    /** The whole rate of the first trial; each next one adds a prime so that the split leaves remainders. */
    private static final long RATE = 10_000_000L;
    private static final long RATE_STEP = 7_919L;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int ROUND_TRIPS = 100;
    private static final Path PROC = Path.of("/proc");
    private static final long PID = ProcessHandle.current().pid();
    /** The controller's threads besides the caller, by the kernel's name (15 characters at most). */
    private static final List<String> CONTROLLER_THREADS = List.of("rxbreak-topolog", "HttpClient-");
    /** Whether the kernel keeps schedstat: without it the CPU figures are not measured (the checks still run). */
    private static final boolean SCHEDSTAT = Schedstat.ofThread(PROC, PID, Threads.currentTid()) != null;

    /**
     * One trial's cost.
     *
     * @param wallNs            the controller's {@code run}, start to end.
     * @param controllerNs      the CPU of the controller's threads over it.
     * @param controllerWaitNs  how long they waited for a CPU meanwhile (the machine's other load).
     * @param jvmNs             the CPU of this whole JVM over it.
     * @param accountingNs      the CPU of the runner's own accounting of a trial (two readings of every thread's
     *                          schedstat), measured once after the topology's trials: part of {@code controllerNs}.
     * @param threads           the JVM's threads at the end of the trial.
     * @param controllerThreads the controller's among them.
     */
    private record Cost(long wallNs, long controllerNs, long controllerWaitNs, long jvmNs, long accountingNs,
        int threads, int controllerThreads)
    {
    }

    @Test
    void theControllerDrivesDozensOfAgentsPerTrialWithExactAccounting() throws Exception
    {
        final Map<Integer, List<Cost>> costs = new LinkedHashMap<>();
        final StringBuilder raw = new StringBuilder("round\tagents\tsenders\treceivers\ttrial\twall_ns"
            + "\tcontroller_cpu_ns\tcontroller_wait_ns\tjvm_cpu_ns\taccounting_cpu_ns\tthreads\tcontroller_threads\n");
        for (int round = 1; round <= ROUNDS; round++)
        {
            for (int k = 0; k < AGENTS.length; k++)
            {
                final int agents = AGENTS[round % 2 == 1 ? k : AGENTS.length - 1 - k];
                for (final Cost cost : topology(agents))
                {
                    costs.computeIfAbsent(agents, a -> new ArrayList<>()).add(cost);
                    raw.append(String.format(Locale.ROOT, "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", round,
                        agents, senders(agents), agents - senders(agents), costs.get(agents).size(), cost.wallNs(),
                        cost.controllerNs(), cost.controllerWaitNs(), cost.jvmNs(), cost.accountingNs(),
                        cost.threads(), cost.controllerThreads()));
                }
                // JDK 17's HttpClient cannot be closed: its selector thread ends once it is collected. Collect the last
                // topology's before the next starts, so that fewer of its threads linger into the next.
                System.gc();
            }
        }
        final long bestRoundTripNs;
        try (FakeAgents one = FakeAgents.start(1, 0))
        {
            bestRoundTripNs = bestRoundTrip(one);
        }
        final String table = table(costs, bestRoundTripNs);
        final Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("topology-scale.txt"), table);
        Files.writeString(target.resolve("topology-scale.tsv"), raw);
        System.out.print(table);
        System.out.flush();
    }

    /**
     * @param agents how many agents.
     * @return how many of them are senders: a quarter, at least one.
     */
    private static int senders(final int agents)
    {
        return Math.max(1, agents / 4);
    }

    /**
     * Start a topology of fake agents, run its trials and check every one, and stop it.
     *
     * @param agents how many agents.
     * @return the measured trials' costs (the warm-up's left out).
     */
    private static List<Cost> topology(final int agents) throws InterruptedException
    {
        final int senders = senders(agents);
        final int receivers = agents - senders;
        final List<Cost> costs = new ArrayList<>();
        try (FakeAgents fakes = FakeAgents.start(senders, receivers);
            TopologyTrialRunner runner = new TopologyTrialRunner(fakes.senderSides(CALL_TIMEOUT),
                fakes.receiverSides(CALL_TIMEOUT), SIZE_BYTES, null, false))
        {
            final SharedTrials shared = new SharedTrials(runner::run);
            final List<TrialRunner> searches = new ArrayList<>();
            for (int i = 0; i < receivers; i++)
            {
                searches.add(shared.runnerFor(i));
            }
            final int trials = WARM_UP_TRIALS + TRIALS;
            for (int n = 1; n <= trials; n++)
            {
                final Cost cost = trial(fakes, shared, searches, n);
                if (n > WARM_UP_TRIALS)
                {
                    costs.add(cost);
                }
            }
            final long accountingNs = accountingNs();
            costs.replaceAll(cost -> new Cost(cost.wallNs(), cost.controllerNs(), cost.controllerWaitNs(),
                cost.jvmNs(), accountingNs, cost.threads(), cost.controllerThreads()));
            assertThat(shared.trials()).as("one trial per step, however many searches asked").hasSize(trials);
            for (final FakeAgents.FakeSender sender : fakes.senders())
            {
                assertThat(sender.calls().all()).as(sender.name() + ": nothing but the trials").isEqualTo(trials);
            }
            for (final FakeAgents.FakeReceiver receiver : fakes.receivers())
            {
                assertThat(receiver.calls().all()).as(receiver.name() + ": nothing but the trials")
                    .isEqualTo(2 * trials);
            }
        }
        return costs;
    }

    private static String table(final Map<Integer, List<Cost>> costs, final long bestRoundTripNs)
    {
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "TopologyScaleTest: %d trials per agent count (%d rounds of %d after "
            + "%d warm-up), window %d ms, %d CPU(s), load average %.1f at the end, Java %s%n", ROUNDS * TRIALS,
            ROUNDS, TRIALS, WARM_UP_TRIALS, DURATION_NS / 1_000_000, Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version")));
        table.append("per trial: the controller's wall time and its threads' CPU, median [min-max] ms; medians of"
            + " their wait for a CPU, of this whole JVM's CPU (the fakes' too), of the runner's own CPU accounting"
            + " (part of the controller's CPU), and the JVM's threads (the controller's)\n");
        table.append(String.format(Locale.ROOT, "%6s %7s %9s %5s %22s %22s %8s %8s %10s %10s%n", "agents", "senders",
            "receivers", "calls", "wall", "controller CPU", "CPU wait", "JVM CPU", "accounting", "threads"));
        for (final Map.Entry<Integer, List<Cost>> count : costs.entrySet())
        {
            final int agents = count.getKey();
            final List<Cost> trials = count.getValue();
            table.append(String.format(Locale.ROOT, "%6d %7d %9d %5d %22s %22s %8s %8s %10s %10s%n", agents,
                senders(agents), agents - senders(agents), senders(agents) + 2 * (agents - senders(agents)),
                medianAndRange(trials, Cost::wallNs), medianAndRange(trials, Cost::controllerNs),
                ms(median(trials, Cost::controllerWaitNs)), ms(median(trials, Cost::jvmNs)),
                ms(median(trials, Cost::accountingNs)), median(trials, Cost::threads) + " (" +
                median(trials, Cost::controllerThreads) + ")"));
        }
        if (!SCHEDSTAT)
        {
            table.append("CPU not measured: this kernel keeps no schedstat (/proc/PID/task/TID/schedstat)\n");
        }
        table.append(String.format(Locale.ROOT, "best round trip of one /status call over loopback (HTTP/JSON, "
            + "keep-alive), of %d: %.0f us%n", ROUND_TRIPS, bestRoundTripNs / 1e3));
        return table.toString();
    }

    /**
     * Run trial {@code n} as the searches of a topology ramp ask for it: the first receiver's search runs it (timed),
     * every other receiver's search asks for the same trial and reads the same one; then check it.
     */
    private static Cost trial(final FakeAgents fakes, final SharedTrials shared, final List<TrialRunner> searches,
        final int n) throws InterruptedException
    {
        final long rate = RATE + RATE_STEP * n;
        final TrialRequest request = new TrialRequest(n, 1, TrialPhase.RAMP, "ndr", rate, 0, DURATION_NS, DRAIN_NS);
        final ThreadCpu start = ThreadCpu.read();
        final long wallStart = System.nanoTime();
        final TrialResult first = searches.get(0).run(request);
        final long wallNs = System.nanoTime() - wallStart;
        final ThreadCpu end = ThreadCpu.read();
        final Schedstat controller = end.controllerSince(start);
        final long jvmNs = end.allSince(start).onCpuNs();

        final List<TopologyTrial> run = shared.trials();
        final TopologyTrial trial = run.get(run.size() - 1);
        final int id = trial.trialId();
        final long[] shares = TopologyTrialRunner.split(rate, fakes.senders().size());
        assertThat(Arrays.stream(shares).sum()).as("the shares add up to the rate").isEqualTo(rate);
        long sent = 0;
        for (int i = 0; i < shares.length; i++)
        {
            final FakeAgents.FakeSender sender = fakes.senders().get(i);
            assertThat(sender.calls().of(AgentApi.TRIAL_RUN, id)).as(sender.name() + " ran trial " + id).isEqualTo(1);
            assertThat(sender.share(id)).as(sender.name() + "'s share").isEqualTo(shares[i]);
            assertThat(trial.sent().get(i).sent()).isEqualTo(FakeAgents.due(shares[i], DURATION_NS));
            sent += FakeAgents.due(shares[i], DURATION_NS);
        }
        for (int i = 0; i < searches.size(); i++)
        {
            final FakeAgents.FakeReceiver receiver = fakes.receivers().get(i);
            final TrialResult result = i == 0 ? first : searches.get(i).run(request);
            assertThat(result).as(receiver.name() + " reads the trial run once").isSameAs(trial.received().get(i));
            assertThat(receiver.calls().of(AgentApi.TRIAL_BEGIN, id)).as(receiver.name() + " begun").isEqualTo(1);
            assertThat(receiver.calls().of(AgentApi.TRIAL_END, id)).as(receiver.name() + " ended").isEqualTo(1);
            assertThat(result.sent()).as(receiver.name() + ": every sender's messages").isEqualTo(sent);
            assertThat(result.received()).as(receiver.name() + ": sent = received").isEqualTo(sent);
            assertThat(result.gaps()).isZero();
            assertThat(result.dropsByLayer().values()).allMatch(drops -> drops == 0);
            assertThat(result.counterFailure()).isNull();
            assertThat(result.achievedRate()).isEqualTo((double)rate);
            if (shares.length > 1)
            {
                assertThat(result.senders().stream().mapToLong(SenderShare::targetRate).sum()).isEqualTo(rate);
            }
        }
        assertThat(shared.trials()).as("the other searches ran nothing").hasSize(run.size());
        return new Cost(wallNs, controller.onCpuNs(), controller.runQueueWaitNs(), jvmNs, 0,
            end.threads().size() + 1, end.controller().size() + 1);
    }

    /**
     * Every thread of this JVM, read from the kernel's schedstat, the controller's apart (this one, the runner's call
     * threads, the agents' HTTP clients; the fakes' servers run on threads of their own, none of these). This
     * thread's own figure is taken before the others are read at the end and after they are read at the start, so
     * that what reading them costs is counted in no trial.
     *
     * @param threads    each thread but this one.
     * @param controller the tids of the controller's threads among them.
     * @param self       this thread's tid.
     * @param selfBefore this thread, before the others were read.
     * @param selfAfter  this thread, after.
     */
    private record ThreadCpu(Map<Integer, Schedstat> threads, Set<Integer> controller, int self, Schedstat selfBefore,
        Schedstat selfAfter)
    {
        private static final Map<Integer, Boolean> CONTROLLER_BY_TID = new ConcurrentHashMap<>();

        static ThreadCpu read()
        {
            final int self = Threads.currentTid();
            final Schedstat before = orZero(Schedstat.ofThread(PROC, PID, self));
            final Map<Integer, Schedstat> threads = new HashMap<>();
            final Set<Integer> controller = new HashSet<>();
            for (final int tid : Threads.tasks(PROC, PID))
            {
                final Schedstat thread = tid == self ? null : Schedstat.ofThread(PROC, PID, tid);
                if (thread != null)
                {
                    threads.put(tid, thread);
                    if (CONTROLLER_BY_TID.computeIfAbsent(tid, ThreadCpu::isController))
                    {
                        controller.add(tid);
                    }
                }
            }
            return new ThreadCpu(threads, controller, self, before, orZero(Schedstat.ofThread(PROC, PID, self)));
        }

        /**
         * @param start the reading before the trial.
         * @return what the controller's threads used since then (a thread that ended meanwhile takes its figure
         *     with it: a lower bound then).
         */
        Schedstat controllerSince(final ThreadCpu start)
        {
            Schedstat used = selfBefore.since(start.selfAfter);
            for (final int tid : controller)
            {
                used = used.plus(threads.get(tid).since(start.threads.getOrDefault(tid, Schedstat.ZERO)));
            }
            return used;
        }

        /**
         * @param start the reading before the trial.
         * @return what every thread used since then (a lower bound, as {@link #controllerSince}).
         */
        Schedstat allSince(final ThreadCpu start)
        {
            Schedstat used = selfBefore.since(start.selfAfter);
            for (final Map.Entry<Integer, Schedstat> thread : threads.entrySet())
            {
                used = used.plus(thread.getValue().since(start.threads.getOrDefault(thread.getKey(), Schedstat.ZERO)));
            }
            return used;
        }

        private static Schedstat orZero(final Schedstat reading)
        {
            return reading == null ? Schedstat.ZERO : reading;
        }

        private static boolean isController(final int tid)
        {
            try
            {
                final String name = Files.readString(PROC.resolve(Long.toString(PID)).resolve("task")
                    .resolve(Integer.toString(tid)).resolve("comm")).trim();
                return CONTROLLER_THREADS.stream().anyMatch(name::startsWith);
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
    }

    /**
     * @return what the runner's own CPU accounting of one trial costs this thread now: a
     *     {@link ThreadGroupClock} over the whole JVM started and stopped, as {@link TopologyTrialRunner#run} does
     *     around every trial (two readings of every thread's schedstat).
     */
    private static long accountingNs()
    {
        final int self = Threads.currentTid();
        final Schedstat before = Schedstat.ofThread(PROC, PID, self);
        final ThreadGroupClock clock = ThreadGroupClock.allBut(PID, List.of());
        clock.start();
        clock.stop();
        final Schedstat after = Schedstat.ofThread(PROC, PID, self);
        return before == null || after == null ? 0 : after.onCpuNs() - before.onCpuNs();
    }

    /**
     * @return the shortest of many {@code /status} round trips to one fake agent over loopback: what the control
     *     channel's round trip is at best.
     */
    private static long bestRoundTrip(final FakeAgents fakes)
    {
        final AgentClient client = new AgentClient(fakes.senders().get(0).url(), null, CALL_TIMEOUT);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < ROUND_TRIPS; i++)
        {
            final long start = System.nanoTime();
            client.status(AgentApi.SENDER, SenderStatus.class);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static long median(final List<Cost> costs, final ToLongFunction<Cost> figure)
    {
        final long[] values = costs.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String medianAndRange(final List<Cost> costs, final ToLongFunction<Cost> figure)
    {
        final long[] values = costs.stream().mapToLong(figure).sorted().toArray();
        return ms(values[values.length / 2]) + " [" + ms(values[0]) + "-" + ms(values[values.length - 1]) + "]";
    }

    private static String ms(final long ns)
    {
        return String.format(Locale.ROOT, "%.2f", ns / 1e6);
    }
}
