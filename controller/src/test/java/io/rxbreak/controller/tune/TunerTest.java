package io.rxbreak.controller.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.control.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where each line of a tuning file goes, what is verified, what is restored and what the state file keeps, over
 * kernel files held in memory (the real kernel's are in {@code TuneRampTest}).
 */
class TunerTest
{
    private static final String RMEM_MIN = "/proc/sys/net/ipv4/udp_rmem_min";
    private static final String BACKLOG = "/proc/sys/net/core/netdev_max_backlog";
    private static final String SOMAXCONN = "/proc/sys/net/core/somaxconn";

    @TempDir
    Path state;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    /**
     * Kernel files in memory: a value, writable or not, and what the kernel makes of a write.
     */
    private static final class MemoryFiles implements KernelFiles
    {
        final Map<String, String> values = new HashMap<>();
        final Set<String> readOnly = new HashSet<>();
        final Map<String, UnaryOperator<String>> kernel = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        MemoryFiles with(final String file, final String value)
        {
            values.put(file, value);
            return this;
        }

        @Override
        public boolean exists(final String file)
        {
            return values.containsKey(file) || values.keySet().stream().anyMatch(f -> f.startsWith(file + "/"));
        }

        @Override
        public boolean writable(final String file)
        {
            return values.containsKey(file) && !readOnly.contains(file);
        }

        @Override
        public List<String> list(final String directory)
        {
            return values.keySet().stream().filter(f -> f.startsWith(directory + "/"))
                .map(f -> f.substring(directory.length() + 1).split("/")[0]).distinct().sorted().toList();
        }

        @Override
        public String read(final String file) throws IOException
        {
            if (!values.containsKey(file))
            {
                throw new IOException("No such file");
            }
            return values.get(file);
        }

        @Override
        public void write(final String file, final String value) throws IOException
        {
            if (!writable(file))
            {
                throw new IOException("Permission denied");
            }
            final String kept = kernel.getOrDefault(file, UnaryOperator.identity()).apply(value);
            if (kept == null)
            {
                throw new IOException("Invalid argument");
            }
            writes.add(file + "=" + value);
            values.put(file, kept);
        }
    }

    private static TuningPlan plan(final String... lines)
    {
        return TuneFile.parse(Path.of("tune.conf"), List.of(lines));
    }

    private static MemoryFiles sandbox()
    {
        // a namespace has its own udp_rmem_min and somaxconn, and no netdev_max_backlog
        return new MemoryFiles().with(RMEM_MIN, "4096").with(SOMAXCONN, "4096")
            .with("/sys/class/net/lo/queues/rx-0/rps_cpus", "0");
    }

    private static MemoryFiles host()
    {
        return new MemoryFiles().with(RMEM_MIN, "4096").with(SOMAXCONN, "4096").with(BACKLOG, "1000")
            .with("/sys/class/net/eth0/queues/rx-0/rps_cpus", "0").with("/sys/class/net/eth0/queues/rx-1/rps_cpus", "0")
            .with("/proc/irq/34/smp_affinity_list", "0-1")
            .with("/proc/interrupts", "           CPU0       CPU1\n 34:   10   20   PCI-MSI 1-edge   eth0-rx-0\n");
    }

    @Test
    void placesEachLineAppliesItReadsItBackAndRestoresTheHost() throws IOException
    {
        final MemoryFiles sandbox = sandbox();
        final MemoryFiles host = host();

        final Tuner tuner = Tuner.apply(plan("net.ipv4.udp_rmem_min = 8192", "net.core.netdev_max_backlog = 2000",
            "rps lo = 0-1", "irq eth0-rx-0 = 1"), sandbox, host, true, TuneState.of(state), err);

        assertThat(tuner.record().settings()).containsExactly(
            new TuneSetting(1, TuneKind.SYSCTL, "net.ipv4.udp_rmem_min", TuneSite.SANDBOX, "4096", "8192", "8192",
                true),
            new TuneSetting(2, TuneKind.SYSCTL, "net.core.netdev_max_backlog", TuneSite.HOST, "1000", "2000", "2000",
                true),
            new TuneSetting(3, TuneKind.RPS, "rps lo rx-0", TuneSite.SANDBOX, "0", "3", "3", true),
            new TuneSetting(4, TuneKind.IRQ, "irq 34", TuneSite.HOST, "0-1", "1", "1", true));
        assertThat(host.values.get(RMEM_MIN)).as("the host's own copy is untouched").isEqualTo("4096");
        final Path stateFile = TuneState.of(state).file();
        final TuneState.Saved saved = Json.TOLERANT.readValue(stateFile.toFile(), TuneState.Saved.class);
        assertThat(saved.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(saved.changes()).containsExactly(
            new TuneState.HostChange(TuneKind.SYSCTL, "net.core.netdev_max_backlog", BACKLOG, "1000"),
            new TuneState.HostChange(TuneKind.IRQ, "irq 34", "/proc/irq/34/smp_affinity_list", "0-1"));

        assertThat(tuner.restore(err)).isTrue();

        assertThat(host.values.get(BACKLOG)).isEqualTo("1000");
        assertThat(host.values.get("/proc/irq/34/smp_affinity_list")).isEqualTo("0-1");
        assertThat(stateFile).doesNotExist();
        assertThat(tuner.restore(err)).as("a second restore (the shutdown hook's) does nothing").isTrue();
    }

    @Test
    void aMachineWideKeyWithoutTuneHostIsRefusedBeforeAnythingIsWritten()
    {
        final MemoryFiles sandbox = sandbox();
        final MemoryFiles host = host();

        assertThatThrownBy(() -> Tuner.apply(plan("net.ipv4.udp_rmem_min = 8192", "net.core.netdev_max_backlog = 2000"),
            sandbox, host, false, TuneState.of(state), err))
            .isInstanceOf(BadInputException.class)
            .hasMessage("--tune: tune.conf line 2: net.core.netdev_max_backlog is machine-wide (a network namespace "
                + "has no copy of its own to set): --tune-host applies it to the host (as root)");
        assertThatThrownBy(() -> Tuner.apply(plan("irq 34 = 1"), sandbox, host, false, TuneState.of(state), err))
            .hasMessage("--tune: tune.conf line 1: irq 34: IRQ affinity is machine-wide: --tune-host applies it to the "
                + "host (as root)");
        assertThatThrownBy(() -> Tuner.apply(plan("net.core.no_such_knob = 1"), sandbox, host, true,
            TuneState.of(state), err))
            .hasMessage("--tune: tune.conf line 1: this kernel has no sysctl net.core.no_such_knob (no "
                + "/proc/sys/net/core/no_such_knob)");
        assertThat(sandbox.writes).isEmpty();
        assertThat(host.writes).isEmpty();
        assertThat(TuneState.of(state).file()).doesNotExist();
    }

    @Test
    void aValueTheKernelClampsIsAnErrorNamingTheKeyWithEverythingRestored()
    {
        final MemoryFiles sandbox = sandbox();
        final MemoryFiles host = host();
        // proc_dointvec keeps the first number of "5 6"
        sandbox.kernel.put(SOMAXCONN, value -> value.split(" ")[0]);

        assertThatThrownBy(() -> Tuner.apply(plan("net.core.netdev_max_backlog = 2000", "net.ipv4.udp_rmem_min = 8192",
            "net.core.somaxconn = 5 6"), sandbox, host, true, TuneState.of(state), err))
            .isInstanceOf(BadInputException.class)
            .hasMessage("--tune: tune.conf line 3: net.core.somaxconn reads '5' inside the sandbox after writing "
                + "'5 6': the kernel clamped or refused it; nothing was left changed");

        assertThat(host.values.get(BACKLOG)).isEqualTo("1000");
        assertThat(sandbox.values.get(RMEM_MIN)).isEqualTo("4096");
        assertThat(sandbox.values.get(SOMAXCONN)).isEqualTo("4096");
        assertThat(TuneState.of(state).file()).doesNotExist();
    }

    @Test
    void aRefusedValueIsAnErrorUnlessTheLineSaysToIgnoreIt()
    {
        final MemoryFiles host = host();
        host.kernel.put(BACKLOG, value -> value.startsWith("-") ? null : value);

        assertThatThrownBy(() -> Tuner.apply(plan("net.core.netdev_max_backlog = -5"), null, host, true,
            TuneState.of(state), err))
            .hasMessage("--tune: tune.conf line 1: the kernel refused net.core.netdev_max_backlog = -5 on the host "
                + "(Invalid argument); nothing was left changed");

        final Tuner tuner = Tuner.apply(plan("-net.core.netdev_max_backlog = -5", "-net.core.gone = 1",
            "net.core.somaxconn = 100"), null, host, true, TuneState.of(state), err);
        assertThat(tuner.record().settings()).containsExactly(
            new TuneSetting(1, TuneKind.SYSCTL, "net.core.netdev_max_backlog", TuneSite.HOST, "1000", "-5", "1000",
                false),
            new TuneSetting(3, TuneKind.SYSCTL, "net.core.somaxconn", TuneSite.HOST, "4096", "100", "100", true));
        assertThat(tuner.restore(err)).isTrue();
        assertThat(host.values.get(SOMAXCONN)).isEqualTo("4096");
    }

    @Test
    void aHostSettingAnotherLiveRunHoldsIsRefused() throws IOException
    {
        final MemoryFiles host = host();
        final ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        Files.write(state.resolve("tune-" + parent.pid() + ".json"), Json.toBytes(new TuneState.Saved(parent.pid(),
            parent.info().startInstant().map(Object::toString).orElse(null),
            List.of(new TuneState.HostChange(TuneKind.SYSCTL, "net.core.netdev_max_backlog", BACKLOG, "1000")))));

        assertThatThrownBy(() -> Tuner.apply(plan("net.core.netdev_max_backlog = 2000"), null, host, true,
            TuneState.of(state), err))
            .hasMessage("--tune: tune.conf line 1: net.core.netdev_max_backlog is tuned by another rxbreak run "
                + "(process " + parent.pid() + ") right now: run one tuning of the host at a time");
        assertThat(host.writes).isEmpty();
    }

    @Test
    void rpsWithoutAQueueSetsEveryReceiveQueue()
    {
        final MemoryFiles host = host();

        final Tuner tuner = Tuner.apply(plan("rps eth0 = 1"), null, host, true, TuneState.of(state), err);

        assertThat(tuner.record().settings()).extracting(TuneSetting::key)
            .containsExactly("rps eth0 rx-0", "rps eth0 rx-1");
        assertThat(host.values.get("/sys/class/net/eth0/queues/rx-1/rps_cpus")).isEqualTo("2");
        tuner.restore(err);
        assertThat(host.values.get("/sys/class/net/eth0/queues/rx-1/rps_cpus")).isEqualTo("0");
    }

    @Test
    void theNextRunRestoresWhatAKilledOneLeftAndDeletesItsStateFile() throws Exception
    {
        final MemoryFiles host = host().with(BACKLOG, "2000");
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final Path dead = state.resolve("tune-" + gone.pid() + ".json");
        Files.write(dead, Json.toBytes(new TuneState.Saved(gone.pid(), null,
            List.of(new TuneState.HostChange(TuneKind.SYSCTL, "net.core.netdev_max_backlog", BACKLOG, "1000")))));
        final Path alive = TuneState.of(state).file();
        Files.write(alive, Json.toBytes(new TuneState.Saved(ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().map(Object::toString).orElse(null),
            List.of(new TuneState.HostChange(TuneKind.SYSCTL, "net.core.somaxconn", SOMAXCONN, "1")))));

        assertThat(TuneState.repairLeftovers(state, host, err)).isEqualTo(1);

        assertThat(host.values.get(BACKLOG)).isEqualTo("1000");
        assertThat(host.values.get(SOMAXCONN)).as("a live run's values are its own").isEqualTo("4096");
        assertThat(dead).doesNotExist();
        assertThat(alive).exists();
        assertThat(errText.toString()).isEqualTo("rxbreak: restored what the killed rxbreak " + gone.pid() +
            " had changed on the host (net.core.netdev_max_backlog=1000) and deleted " + dead + "\n");
    }
}
