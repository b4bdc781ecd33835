package io.rxbreak.core.counters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxbreak.core.control.Json;

/**
 * A capture: the counter files copied into a folder at the paths they were read from ({@code DIR/proc/net/udp},
 * {@code DIR/sys/class/net/eth0/statistics/rx_dropped}, ...), so that the folder reads as roots
 * {@code DIR/proc} and {@code DIR/sys} like the live system. {@code DIR/capture.json} holds the time and what was
 * copied; {@code DIR/uname.txt} the output of {@code uname -a}. For a process in another network namespace, the
 * interface folders of sysfs (which show the capturing process's namespace) are left out. A folder made by hand with {@code cp --parents}
 * reads too (without capture.json its time is unknown).
 */
public final class Capture
{
    /** The file holding the capture's time. */
    public static final String CAPTURE_JSON = "capture.json";
    /** The network files copied from {@code /proc/net} (or {@code /proc/PID/net}). */
    public static final List<String> NET_FILES =
        List.of("softnet_stat", "snmp", "snmp6", "netstat", "udp", "udp6", "dev", "igmp", "igmp6");

    private Capture()
    {
    }

    /**
     * Copy the counter files of {@code roots} into {@code dir}, which must not exist or be empty.
     *
     * @param roots where to read (a process's namespace files go to {@code DIR/proc/net}).
     * @param dir the capture folder.
     * @return the files written, relative to {@code dir}.
     */
    public static List<String> write(final CounterRoots roots, final Path dir)
    {
        final long monotonicNs = System.nanoTime();
        final long epochMs = System.currentTimeMillis();
        final CounterFiles files = new CounterFiles();
        final List<String> written = new ArrayList<>();
        final Path proc = dir.resolve("proc");
        final Path sys = dir.resolve("sys");
        for (final String name : NET_FILES)
        {
            final Path source = name.equals("softnet_stat") ? roots.softnetStat() : roots.net(name);
            copy(files, source, proc.resolve("net").resolve(name), dir, written);
        }
        for (final String sysctl : Tunables.SYSCTLS)
        {
            final String path = Tunables.sysctlPath(sysctl);
            copy(files, roots.procRoot().resolve(path), proc.resolve(path), dir, written);
        }
        copy(files, roots.procRoot().resolve("softirqs"), proc.resolve("softirqs"), dir, written);
        copy(files, roots.procRoot().resolve("sys/kernel/random/boot_id"), proc.resolve("sys/kernel/random/boot_id"),
            dir, written);
        for (final Path irq : CounterFiles.list(roots.procRoot().resolve("irq"), "[0-9]*"))
        {
            final Path target = proc.resolve("irq").resolve(irq.getFileName().toString());
            if (copy(files, irq.resolve("smp_affinity_list"), target.resolve("smp_affinity_list"), dir, written))
            {
                for (final Path action : CounterFiles.list(irq, "*"))
                {
                    if (Files.isDirectory(action))
                    {
                        mkdirs(target.resolve(action.getFileName().toString()));
                    }
                }
            }
        }
        final List<Path> devices = roots.sysfsShowsNamespace() ? CounterFiles.list(roots.sysRoot().resolve("class/net"), "*") : List.of();
        for (final Path device : devices)
        {
            final Path target = sys.resolve("class/net").resolve(device.getFileName().toString());
            for (final Path statistic : CounterFiles.list(device.resolve("statistics"), "*"))
            {
                copy(files, statistic, target.resolve("statistics").resolve(statistic.getFileName().toString()), dir,
                    written);
            }
            for (final Path queue : CounterFiles.list(device.resolve("queues"), "rx-*"))
            {
                copy(files, queue.resolve("rps_cpus"),
                    target.resolve("queues").resolve(queue.getFileName().toString()).resolve("rps_cpus"), dir, written);
            }
        }
        final String uname = uname();
        writeText(dir.resolve("uname.txt"), uname + "\n");
        final ObjectNode json = CountersJson.mapper().createObjectNode();
        json.put("formatVersion", CountersJson.FORMAT_VERSION);
        json.put("epochMs", epochMs);
        json.put("time", Instant.ofEpochMilli(epochMs).toString());
        json.put("monotonicNs", monotonicNs);
        json.put("bootId", files.read(roots.procRoot().resolve("sys/kernel/random/boot_id")) ? files.text() : null);
        json.put("uname", uname);
        json.put("procRoot", roots.procRoot().toString());
        json.put("sysRoot", roots.sysRoot().toString());
        json.put("pid", roots.pid());
        final ArrayNode list = json.putArray("files");
        written.forEach(list::add);
        try
        {
            writeText(dir.resolve(CAPTURE_JSON),
                Json.PRETTY.writeValueAsString(json) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return written;
    }

    /**
     * Read a capture as a snapshot: its counters, and its time from {@code capture.json} when present (else the
     * time and boot id are unknown: epoch 0 and null).
     *
     * @param dir the capture folder (holding {@code proc/} and, optionally, {@code sys/}).
     * @return the snapshot.
     * @throws IllegalArgumentException when {@code dir} holds no {@code proc/} folder.
     */
    public static CounterSnapshot read(final Path dir)
    {
        if (!Files.isDirectory(dir.resolve("proc")))
        {
            throw new IllegalArgumentException(dir + " is not a capture: it has no proc/ folder");
        }
        final CounterSnapshot counters = new CounterSampler(CounterRoots.of(dir.resolve("proc"), dir.resolve("sys")),
            true).sample();
        final Path json = dir.resolve(CAPTURE_JSON);
        long monotonicNs = 0;
        long epochMs = 0;
        String bootId = null;
        if (Files.isRegularFile(json))
        {
            try
            {
                final JsonNode node = CountersJson.mapper().readTree(json.toFile());
                monotonicNs = node.path("monotonicNs").asLong();
                epochMs = node.path("epochMs").asLong();
                bootId = node.path("bootId").isTextual() ? node.path("bootId").asText() : counters.bootId();
            }
            catch (final IOException ex)
            {
                throw new MalformedCounterException(json.toString(), 0,
                    "expected a JSON object with epochMs and monotonicNs: " + ex.getMessage());
            }
        }
        return new CounterSnapshot(monotonicNs, epochMs, bootId, counters.softnet(), counters.snmp(),
            counters.netstat(), counters.udpSockets(), counters.netDev(), counters.interfaceStatistics(),
            counters.memberships(), counters.tunables(), null, null, counters.softirqs(), counters.ksoftirqd());
    }

    private static boolean copy(final CounterFiles files, final Path source, final Path target, final Path dir,
        final List<String> written)
    {
        final boolean exists;
        try
        {
            exists = files.read(source);
        }
        catch (final UncheckedIOException ex)
        {
            return false; // unreadable here (permission, unsupported statistic): the capture lacks it
        }
        if (!exists)
        {
            return false;
        }
        mkdirs(target.getParent());
        try
        {
            Files.write(target, java.util.Arrays.copyOf(files.bytes(), files.length()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write " + target + ": " + ex.getMessage(), ex);
        }
        written.add(dir.relativize(target).toString());
        return true;
    }

    private static void mkdirs(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not create " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private static void writeText(final Path file, final String text)
    {
        try
        {
            mkdirs(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not write " + file + ": " + ex.getMessage(), ex);
        }
    }


    private static String uname()
    {
        try
        {
            final Process process = new ProcessBuilder("uname", "-a").redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return System.getProperty("os.name") + " " + System.getProperty("os.version");
            }
            return output;
        }
        catch (final IOException ex)
        {
            return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }
}
