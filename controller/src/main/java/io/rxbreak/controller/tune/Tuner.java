package io.rxbreak.controller.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.rxbreak.core.config.BadInputException;

/**
 * Applies a tuning file and undoes it. Every line is placed first (nothing written until every line has a place);
 * the host's original values are saved in the state file; then each value is written and read back: a value the
 * kernel refuses or clamps is an error naming the key and what it reads, after everything applied so far has been
 * restored. {@link #restore} puts the host's values back and reads them back (what the sandbox holds goes with its
 * namespace); it runs when the run ends, and from a shutdown hook on SIGINT or SIGTERM.
 */
public final class Tuner
{
    private final TuningPlan plan;
    private final TuneState state;
    private final KernelFiles host;
    private final List<TuningPlan.Target> applied = new ArrayList<>();
    private final List<TuneSetting> settings = new ArrayList<>();
    private final List<TuneState.HostChange> hostChanges = new ArrayList<>();
    private final Thread hook;
    private final PrintWriter err;
    private boolean restored;

    private Tuner(final TuningPlan plan, final TuneState state, final KernelFiles host, final PrintWriter err)
    {
        this.err = err;
        this.plan = plan;
        this.state = state;
        this.host = host;
        this.hook = new Thread(() -> restore(err), "rxbreak-tune-restore");
    }

    /**
     * @param plan the tuning file, read.
     * @param sandbox the sandbox's files, or null without a sandbox.
     * @param host the host's files.
     * @param tuneHost whether {@code --tune-host} lets lines change the host.
     * @param state where the host's originals are kept.
     * @param err where a failed restore is said.
     * @return the tuner, with everything applied and verified, and its shutdown hook installed.
     * @throws BadInputException naming the file, the line and the key when a line has no place, or the kernel
     *     refuses or clamps a value: nothing is left changed then.
     */
    public static Tuner apply(final TuningPlan plan, final KernelFiles sandbox, final KernelFiles host,
        final boolean tuneHost, final TuneState state, final PrintWriter err)
    {
        final List<TuningPlan.Target> targets = plan.resolve(sandbox, host, tuneHost);
        final Tuner tuner = new Tuner(plan, state, host, err);
        final List<String> before = new ArrayList<>();
        for (final TuningPlan.Target target : targets)
        {
            try
            {
                before.add(target.files().read(target.file()));
            }
            catch (final IOException ex)
            {
                throw plan.error(target.entry(), "cannot read " + target.file() + ": " + ex.getMessage());
            }
            if (target.site() == TuneSite.HOST)
            {
                final Long owner = TuneState.otherOwner(state.directory(), target.file());
                if (owner != null)
                {
                    throw plan.error(target.entry(), target.key() + " is tuned by another rxbreak run (process " +
                        owner + ") right now: run one tuning of the host at a time");
                }
                tuner.hostChanges.add(new TuneState.HostChange(target.entry().kind(), target.key(), target.file(),
                    before.get(before.size() - 1)));
            }
        }
        if (!tuner.hostChanges.isEmpty())
        {
            try
            {
                state.save(tuner.hostChanges);
            }
            catch (final IOException ex)
            {
                throw BadInputException.option(TuneFile.HOST_OPTION, "cannot keep the host's values in " +
                    state.file() + " before changing them (" + ex.getMessage() + "): nothing was changed");
            }
            Runtime.getRuntime().addShutdownHook(tuner.hook);
        }
        try
        {
            for (int i = 0; i < targets.size(); i++)
            {
                tuner.write(targets.get(i), before.get(i));
            }
        }
        catch (final BadInputException ex)
        {
            tuner.undoAfterFailure(before, targets, err);
            throw ex;
        }
        return tuner;
    }

    private void write(final TuningPlan.Target target, final String before)
    {
        final TuneEntry entry = target.entry();
        final String asked = TuneValues.toKernel(entry.kind(), entry.value());
        final String where = target.site() == TuneSite.SANDBOX ? " inside the sandbox" : " on the host";
        applied.add(target);
        String problem = null;
        String now = null;
        try
        {
            target.files().write(target.file(), asked);
        }
        catch (final IOException ex)
        {
            problem = "the kernel refused " + target.key() + " = " + asked + where + " (" + ex.getMessage() + ")";
        }
        try
        {
            now = target.files().read(target.file());
        }
        catch (final IOException ex)
        {
            problem = problem != null ? problem : "cannot read " + target.file() + " back: " + ex.getMessage();
        }
        if (problem == null && !TuneValues.matches(entry.kind(), asked, now))
        {
            problem = target.key() + " reads '" + now + "'" + where + " after writing '" + asked +
                "': the kernel clamped or refused it";
        }
        if (problem != null && !entry.ignoreFailure())
        {
            throw plan.error(entry, problem + "; nothing was left changed");
        }
        settings.add(new TuneSetting(entry.line(), entry.kind(), target.key(), target.site(), before, asked, now,
            problem == null));
    }

    private void undoAfterFailure(final List<String> before, final List<TuningPlan.Target> targets,
        final PrintWriter err)
    {
        final List<String> failures = new ArrayList<>();
        final List<TuningPlan.Target> lastFirst = new ArrayList<>(applied);
        Collections.reverse(lastFirst);
        for (final TuningPlan.Target target : lastFirst)
        {
            final TuneState.HostChange change = new TuneState.HostChange(target.entry().kind(), target.key(),
                target.file(), before.get(targets.indexOf(target)));
            failures.addAll(restore(List.of(change), target.files()));
        }
        if (failures.isEmpty())
        {
            finish();
        }
        else
        {
            restored = true;
            err.println("rxbreak: could not restore " + String.join("; ", failures) + " (kept " + state.file() + ")");
            err.flush();
        }
    }

    /**
     * @return what was applied, for the report.
     */
    public Tuning record()
    {
        return new Tuning(plan.file().toString(), settings);
    }

    /**
     * Put the host's original values back and read them back; delete the state file when all read as before. Runs
     * once (later calls, such as the shutdown hook's after the run's own, do nothing).
     *
     * @param err where a value that does not read back as restored is said (the state file is kept then, for the
     *     next run).
     * @return whether everything reads as before.
     */
    public synchronized boolean restore(final PrintWriter err)
    {
        if (restored)
        {
            return true;
        }
        restored = true;
        final List<String> failures = restore(hostChanges, host);
        if (!failures.isEmpty())
        {
            err.println("rxbreak: could not restore " + String.join("; ", failures) + " (kept " + state.file() +
                " for the next run)");
            err.flush();
            return false;
        }
        finish();
        return true;
    }

    private void finish()
    {
        restored = true;
        if (!hostChanges.isEmpty())
        {
            state.delete(err);
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: this is the hook, or it finds nothing left to do
            }
        }
    }

    /**
     * Write each change's original value back, last first, and read it back.
     *
     * @param changes the changes.
     * @param files the files to write them through.
     * @return what did not read back as before, one phrase each; empty when all did.
     */
    static List<String> restore(final List<TuneState.HostChange> changes, final KernelFiles files)
    {
        final List<String> failures = new ArrayList<>();
        final List<TuneState.HostChange> lastFirst = new ArrayList<>(changes);
        Collections.reverse(lastFirst);
        for (final TuneState.HostChange change : lastFirst)
        {
            try
            {
                files.write(change.file(), change.original());
                final String now = files.read(change.file());
                if (!TuneValues.matches(change.kind(), change.original(), now))
                {
                    failures.add(change.key() + " reads '" + now + "', not '" + change.original() + "'");
                }
            }
            catch (final IOException ex)
            {
                failures.add(change.key() + ": " + ex.getMessage());
            }
        }
        return failures;
    }
}
