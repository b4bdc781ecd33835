package io.rxbreak.controller;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rxbreak.controller.tune.HostFiles;
import io.rxbreak.controller.tune.KernelFiles;
import io.rxbreak.controller.tune.TuneSite;
import io.rxbreak.controller.tune.TuneState;
import io.rxbreak.controller.tune.Tuner;
import io.rxbreak.controller.tune.Tuning;
import io.rxbreak.controller.tune.TuningPlan;
import io.rxbreak.core.config.BadInputException;
import io.rxbreak.core.control.Json;
import io.rxbreak.core.counters.CounterRoots;
import io.rxbreak.core.counters.TunablesReader;
import io.rxbreak.core.os.Privileges;

/**
 * Runs an rxbreak command in a private network namespace of its own ({@code --sandbox}): the namespace
 * {@code rxbreak-PID} gets loopback up, the benchmarking-range address {@value #ADDRESS} on it and multicast routed
 * over it; what the {@link SandboxSetup} asks is set inside it (sysctls the namespace has of its own, RPS on its
 * loopback); the command runs inside it in a child JVM with this one's class path and standard streams; and the
 * namespace is deleted afterwards whatever happens: on exit, on SIGINT or SIGTERM (a shutdown hook), and, if this
 * process was killed outright, by the next sandbox, which deletes namespaces whose process is gone.
 */
public final class Sandbox
{
    /**
     * The environment variable through which the command inside learns the host's sysctls (name=value, separated
     * by {@code ;}): most {@code net.core} tunables are not visible inside a new network namespace, yet they decide
     * where the break point lies, so the report keeps them.
     */
    public static final String HOST_SYSCTLS = "RXBREAK_HOST_SYSCTLS";

    /**
     * The environment variable through which the command inside learns what the tuning file set ({@code --tune}),
     * as the JSON of a {@link Tuning}: the sandbox applies it, the report inside records it.
     */
    public static final String TUNING = "RXBREAK_TUNING";

    /** The namespace's own address on loopback: the multicast source inside it. */
    public static final String ADDRESS = "198.18.0.1";

    private static final String PREFIX = "rxbreak-";
    private static final Pattern OURS = Pattern.compile(PREFIX + "(\\d+)");
    private static final long COMMAND_TIMEOUT_S = 20;

    private final String name;
    private volatile Process child;
    private volatile Tuner tuner;
    private PrintWriter err;
    private boolean deleted;

    private Sandbox(final String name)
    {
        this.name = name;
    }

    /**
     * @param args the rxbreak arguments to run inside (without {@code --sandbox}).
     * @param setup what to set inside the namespace before the command starts.
     * @param tuning the tuning file to apply ({@code --tune}), or null: inside the namespace what it can hold, on the
     *     host the rest when {@code tuneHost} allows it, restored when the command ends.
     * @param tuneHost whether the tuning file may change the host ({@code --tune-host}).
     * @param err where the tuning is said, and a restore that failed.
     * @return the command's exit code.
     * @throws BadInputException when not root, or when the setup or the tuning file names a sysctl the namespace has
     *     no copy of (or a value the kernel refuses): before the command starts, the namespace deleted and the host
     *     restored.
     * @throws InterruptedException when interrupted while waiting.
     */
    public static int run(final List<String> args, final SandboxSetup setup, final TuningPlan tuning,
        final boolean tuneHost, final PrintWriter err) throws InterruptedException
    {
        if (!Privileges.isRoot())
        {
            throw BadInputException.option("--sandbox",
                "needs root to create a network namespace (ip netns add); run as root, or drop --sandbox to run host-only on loopback");
        }
        removeLeftovers(err);
        final Sandbox sandbox = new Sandbox(PREFIX + ProcessHandle.current().pid());
        sandbox.err = err;
        final Thread hook = new Thread(sandbox::cleanUp, "rxbreak-sandbox-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            sandbox.create();
            sandbox.apply(setup);
            if (tuning != null)
            {
                sandbox.tuner = Tuner.apply(tuning, sandbox.new InsideFiles(), HostFiles.LIVE, tuneHost,
                    TuneState.of(TuneState.DIRECTORY), err);
                err.println("rxbreak ramp: " + describe(sandbox.tuner.record()));
                err.flush();
            }
            return sandbox.runInside(args);
        }
        finally
        {
            sandbox.cleanUp();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook runs anyway and finds nothing left to do
            }
        }
    }

    /**
     * Whether a network namespace has a copy of its own of a sysctl, asked of a new namespace that lives only as
     * long as the question ({@code unshare --net}): a machine-wide one is missing there, or read-only, as the sandbox
     * would find it.
     *
     * @param name a dotted sysctl name, like {@code net.core.netdev_max_backlog}.
     * @return true when a namespace can set it; false when it is machine-wide on this kernel.
     * @throws BadInputException when not root (only root can make a namespace).
     */
    public static boolean namespaceHasOwn(final String name)
    {
        if (!Privileges.isRoot())
        {
            throw BadInputException.option("--sandbox", "needs root to create a network namespace (ip netns add); "
                + "run as root");
        }
        try
        {
            final Process process = new ProcessBuilder("unshare", "--net", "test", "-w",
                SandboxSetup.sysctlFile(name).toString()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("unshare --net test -w did not finish");
            }
            return process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not run unshare (is util-linux installed?): " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking whether " + name + " is machine-wide", ex);
        }
    }

    /**
     * @return the namespace's name.
     */
    public String name()
    {
        return name;
    }

    private void create()
    {
        ip("netns", "add", name);
        ip("-n", name, "link", "set", "lo", "up");
        ip("-n", name, "link", "set", "lo", "multicast", "on");
        ip("-n", name, "addr", "add", ADDRESS + "/32", "dev", "lo");
        ip("-n", name, "route", "add", "224.0.0.0/4", "dev", "lo", "src", ADDRESS);
        ip("-n", name, "-6", "route", "add", "multicast", "ff00::/8", "dev", "lo", "table", "local");
    }

    /**
     * Set what the setup asks, inside the namespace only: each sysctl is written from a shell inside it (so
     * {@code /proc/sys/net} is the namespace's) and read back; RPS through the namespace's own sysfs, which
     * {@code ip netns exec} mounts.
     */
    private void apply(final SandboxSetup setup)
    {
        for (final Map.Entry<String, String> sysctl : setup.sysctls().entrySet())
        {
            final String file = SandboxSetup.sysctlFile(sysctl.getKey()).toString();
            // a machine-wide sysctl is missing inside, or (net.core.rmem_max on 6.x) shown read-only, the host's
            if (inside("test", "-w", file).exitCode() != 0)
            {
                throw BadInputException.option(SandboxSetup.SYSCTL_OPTION, sysctl.getKey() + " is machine-wide on this "
                    + "kernel (a network namespace has no copy of its own to set): the sandbox cannot set it without "
                    + "changing the host; set it there yourself (sysctl -w) and restore it afterwards");
            }
            final String now = write(file, sysctl.getValue(), SandboxSetup.SYSCTL_OPTION, sysctl.getKey());
            if (!now.replaceAll("\\s+", " ").equals(sysctl.getValue().replaceAll("\\s+", " ")))
            {
                throw BadInputException.option(SandboxSetup.SYSCTL_OPTION, sysctl.getKey() + " reads '" + now +
                    "' inside the sandbox after writing '" + sysctl.getValue() + "'");
            }
        }
        if (setup.rpsCpus() != null)
        {
            final String mask = SandboxSetup.mask(setup.rpsCpus());
            final String now = write(SandboxSetup.LOOPBACK_RPS_FILE, mask, SandboxSetup.RPS_OPTION, "rps_cpus");
            if (!SandboxSetup.maskValue(now).equals(SandboxSetup.maskValue(mask)))
            {
                throw BadInputException.option(SandboxSetup.RPS_OPTION, "the sandbox's lo reads rps_cpus " + now +
                    " after writing " + mask + " (a kernel built without CONFIG_RPS?)");
            }
        }
    }

    /**
     * One write(2) of the value from a shell inside the namespace, then the file read back.
     *
     * @return what the file reads afterwards, trimmed.
     */
    private String write(final String file, final String value, final String option, final String what)
    {
        final InsideFiles files = new InsideFiles();
        try
        {
            files.write(file, value);
        }
        catch (final IOException ex)
        {
            throw BadInputException.option(option, "the kernel refused " + what + "=" + value + " inside the sandbox: " +
                ex.getMessage());
        }
        try
        {
            return files.read(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not read " + file + " inside " + name + ": " + ex.getMessage(), ex);
        }
    }

    private Result inside(final String... command)
    {
        final List<String> args = new ArrayList<>(List.of("netns", "exec", name));
        args.addAll(List.of(command));
        return ipResult(args.toArray(new String[0]));
    }

    private int runInside(final List<String> args) throws InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.rxbreak.core.cli.Main");
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(HOST_SYSCTLS, hostSysctls());
        builder.environment().put(RampCommand.IN_SANDBOX, name);
        if (tuner != null)
        {
            builder.environment().put(TUNING, Json.toLine(tuner.record()));
        }
        try
        {
            child = builder.start();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not start rxbreak inside the namespace " + name + ": " + ex.getMessage(), ex);
        }
        return child.waitFor();
    }

    /**
     * @param tuning what a tuning file set.
     * @return it in one line, like {@code tuning tune.conf: 2 settings inside the sandbox, 1 on the host (restored
     *     when the run ends)}.
     */
    public static String describe(final Tuning tuning)
    {
        final long inside = tuning.settings().stream().filter(s -> s.site() == TuneSite.SANDBOX).count();
        final long host = tuning.settings().stream().filter(s -> s.site() == TuneSite.HOST).count();
        return "tuning " + tuning.file() + ": " + inside + " setting(s) inside the sandbox, " + host +
            " on the host" + (host > 0 ? " (restored when the run ends)" : "") + ", each read back as asked";
    }

    /**
     * @return what the sandbox's parent applied from the tuning file ({@link #TUNING}), or null when it applied none.
     * @throws IllegalStateException when the variable is not a tuning record.
     */
    public static Tuning tuningFromEnvironment()
    {
        final String text = System.getenv(TUNING);
        if (text == null || text.isBlank())
        {
            return null;
        }
        try
        {
            return Json.TOLERANT.readValue(text, Tuning.class);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(TUNING + " is not a tuning record: " + ex.getMessage(), ex);
        }
    }

    private static String hostSysctls()
    {
        final StringBuilder text = new StringBuilder();
        new TunablesReader(CounterRoots.LIVE).read().sysctls().forEach((name, value) ->
        {
            if (value.indexOf(';') < 0 && value.indexOf('=') < 0)
            {
                text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(value);
            }
        });
        return text.toString();
    }

    /**
     * @param text the value of {@link #HOST_SYSCTLS}, or null.
     * @return the host's sysctls it holds, in order; empty when none.
     */
    public static Map<String, String> parseHostSysctls(final String text)
    {
        final Map<String, String> sysctls = new LinkedHashMap<>();
        if (text == null || text.isBlank())
        {
            return sysctls;
        }
        for (final String pair : text.split(";"))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0)
            {
                sysctls.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return sysctls;
    }

    private synchronized void cleanUp()
    {
        if (deleted)
        {
            return;
        }
        deleted = true;
        final Process running = child;
        if (running != null && running.isAlive())
        {
            running.destroy();
            try
            {
                if (!running.waitFor(10, TimeUnit.SECONDS))
                {
                    running.descendants().forEach(ProcessHandle::destroyForcibly);
                    running.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        final Tuner applied = tuner;
        if (applied != null)
        {
            applied.restore(err);
        }
        delete(name);
    }

    private static void delete(final String nsName)
    {
        try
        {
            for (final String pid : ipOutput("netns", "pids", nsName).split("\\s+"))
            {
                if (!pid.isBlank())
                {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            ip("netns", "del", nsName);
        }
        catch (final IllegalStateException ex)
        {
            if (exists(nsName))
            {
                throw ex;
            }
        }
    }

    private static boolean exists(final String nsName)
    {
        return Files.exists(Path.of("/run/netns", nsName));
    }

    /**
     * Delete the namespaces of sandboxes whose process is gone (killed outright), with what still runs in them, and
     * say so, a line each.
     *
     * @param err where to say it.
     */
    static void removeLeftovers(final PrintWriter err)
    {
        if (!Files.isDirectory(Path.of("/run/netns")))
        {
            return;
        }
        for (final String line : ipOutput("netns", "list").split("\n"))
        {
            final String nsName = line.trim().split("\\s+")[0];
            final Matcher matcher = OURS.matcher(nsName);
            if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())
            {
                delete(nsName);
                err.println("rxbreak ramp: removed the sandbox " + nsName + " of a run killed outright (pid "
                    + matcher.group(1) + " is gone), with what still ran in it");
                err.flush();
            }
        }
    }

    private static void ip(final String... args)
    {
        ipOutput(args);
    }

    private static String ipOutput(final String... args)
    {
        final Result result = ipResult(args);
        if (result.exitCode() != 0)
        {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed: " + result.output().trim());
        }
        return result.output();
    }

    private static Result ipResult(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not run " + String.join(" ", command) +
                " (is iproute2 installed?): " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), ex);
        }
    }

    /**
     * The kernel's setting files as the namespace sees them: read and written from a shell inside it (so that
     * {@code /proc/sys/net} and {@code /sys/class/net} are the namespace's).
     */
    private final class InsideFiles implements KernelFiles
    {
        @Override
        public boolean exists(final String file)
        {
            return inside("test", "-e", file).exitCode() == 0;
        }

        @Override
        public boolean writable(final String file)
        {
            return inside("test", "-w", file).exitCode() == 0;
        }

        @Override
        public List<String> list(final String directory)
        {
            final Result listed = inside("ls", "-1", directory);
            if (listed.exitCode() != 0)
            {
                return List.of();
            }
            return List.of(listed.output().trim().split("\\s+")).stream().filter(n -> !n.isEmpty()).sorted()
                .toList();
        }

        @Override
        public String read(final String file) throws IOException
        {
            final Result read = inside("cat", file);
            if (read.exitCode() != 0)
            {
                throw new IOException(read.output().trim());
            }
            return read.output().trim();
        }

        @Override
        public void write(final String file, final String value) throws IOException
        {
            final Result written = inside("sh", "-c", "printf '%s\\n' \"$1\" > \"$2\"", "sh", value, file);
            if (written.exitCode() != 0)
            {
                throw new IOException(written.output().trim().replace('\n', ' '));
            }
        }
    }

    /**
     * A command's exit code and its output (standard error included).
     */
    private record Result(int exitCode, String output)
    {
    }
}
