package io.rxbreak.controller;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.rxbreak.controller.report.AutoTuner;

/**
 * Finds the services on this host that can change receive-path settings during a run: irqbalance and bpftune
 * running (a process of that name), and TuneD's active profile ({@code tuned-adm active}, when tuned-adm is
 * installed).
 */
final class AutoTuners
{
    private static final String TUNED_ADM = "tuned-adm";
    private static final long TUNED_ADM_TIMEOUT_S = 5;

    private AutoTuners()
    {
    }

    /**
     * @return what was found, in {@link AutoTuner.Kind} order; empty when none.
     */
    static List<AutoTuner> find()
    {
        final List<AutoTuner> found = new ArrayList<>();
        running(AutoTuner.Kind.IRQBALANCE).ifPresent(found::add);
        tunedActive().ifPresent(found::add);
        running(AutoTuner.Kind.BPFTUNE).ifPresent(found::add);
        return found;
    }

    private static Optional<AutoTuner> running(final AutoTuner.Kind kind)
    {
        return ProcessHandle.allProcesses()
            .filter(process -> process.info().command().map(command ->
                command.equals(kind.label()) || command.endsWith("/" + kind.label())).orElse(false))
            .findFirst()
            .map(process -> new AutoTuner(kind, "running, pid " + process.pid()));
    }

    private static Optional<AutoTuner> tunedActive()
    {
        final String path = System.getenv("PATH");
        if (path == null || List.of(path.split(":")).stream()
            .noneMatch(dir -> new File(dir, TUNED_ADM).canExecute()))
        {
            return Optional.empty();
        }
        try
        {
            // its answer is a line or two, well within a pipe's buffer: wait first, so that a hung tuned-adm (D-Bus)
            // cannot hold the run
            final Process process = new ProcessBuilder(TUNED_ADM, "active").redirectErrorStream(true).start();
            if (!process.waitFor(TUNED_ADM_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return Optional.of(new AutoTuner(AutoTuner.Kind.TUNED, "tuned-adm active did not answer within " +
                    TUNED_ADM_TIMEOUT_S + " s"));
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return Optional.of(new AutoTuner(AutoTuner.Kind.TUNED, "tuned-adm active: " +
                output.replace('\n', ' ')));
        }
        catch (final IOException ex)
        {
            return Optional.of(new AutoTuner(AutoTuner.Kind.TUNED, "tuned-adm active failed: " + ex.getMessage()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
