package io.rxbreak.controller.report.compare;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.rxbreak.controller.search.LossGoal;

/**
 * The console side-by-side of several runs: break points with the change from the first run, the layer that broke
 * first in each, and the tunables and environment values that differ between them.
 */
public final class CompareText
{
    private CompareText()
    {
    }

    /**
     * @param runs the runs, the first being the reference.
     * @return the text, lines ending in {@code \n}.
     */
    public static String render(final List<ComparedRun> runs)
    {
        final ComparedRun first = runs.get(0);
        final StringBuilder out = new StringBuilder();
        out.append("rxbreak compare: ").append(runs.size()).append(" runs, changes from the first (")
            .append(first.name()).append(")\n\nBreak points (msgs/s)\n");
        final Table table = new Table("run", "outcome", "NDR", "change", "PDR", "change", "lowest fail", "trials",
            "broke first");
        for (final ComparedRun run : runs)
        {
            table.row(run.name(), run.report().outcome().status(), run.rateText(LossGoal.NDR),
                ComparedRun.changeText(run == first ? null : run.changePct(LossGoal.NDR, first)),
                run.rateText(LossGoal.PDR),
                ComparedRun.changeText(run == first ? null : run.changePct(LossGoal.PDR, first)),
                run.report().lowestFailRate() == null ? "-" : String.format(java.util.Locale.ROOT, "%,d",
                    run.report().lowestFailRate()),
                Integer.toString(run.report().trials().size()),
                run.report().attribution().isEmpty() ? "nothing lost" : run.report().attribution().get(0).layer());
        }
        table.appendTo(out);
        out.append("\nAttribution (at each run's lowest failing rate)\n");
        for (final ComparedRun run : runs)
        {
            out.append("  ").append(run.name()).append(": ").append(run.attributionText()).append('\n');
        }
        differences(out, "Tunables that differ", runs, true);
        differences(out, "Environment that differs", runs, false);
        out.append("\nWhat the first layer to break means\n");
        final TreeSet<String> seen = new TreeSet<>();
        for (final ComparedRun run : runs)
        {
            if (!run.report().attribution().isEmpty() && seen.add(run.report().attribution().get(0).layer()))
            {
                out.append("  ").append(run.report().attribution().get(0).layer()).append(": ")
                    .append(run.report().attribution().get(0).meaning()).append("\n    knob: ")
                    .append(run.report().attribution().get(0).knob()).append('\n');
            }
        }
        if (seen.isEmpty())
        {
            out.append("  no run lost anything\n");
        }
        return out.toString();
    }

    /**
     * @param runs        the runs.
     * @param tunables    true for the tunables, false for the environment.
     * @return the keys whose values differ between runs, each with its value per run ({@code -} when absent).
     */
    public static Map<String, String[]> differing(final List<ComparedRun> runs, final boolean tunables)
    {
        final TreeSet<String> keys = new TreeSet<>();
        for (final ComparedRun run : runs)
        {
            keys.addAll(values(run, tunables).keySet());
        }
        final Map<String, String[]> differing = new TreeMap<>();
        for (final String key : keys)
        {
            final String[] row = new String[runs.size()];
            boolean differs = false;
            for (int i = 0; i < runs.size(); i++)
            {
                row[i] = values(runs.get(i), tunables).get(key);
                differs |= !Objects.equals(row[i], row[0]);
                row[i] = row[i] == null ? "-" : row[i];
            }
            if (differs)
            {
                differing.put(key, row);
            }
        }
        return differing;
    }

    private static Map<String, String> values(final ComparedRun run, final boolean tunables)
    {
        if (tunables)
        {
            return run.report().tunables();
        }
        final Map<String, String> environment = new TreeMap<>(run.report().environment().details());
        put(environment, "kernel", run.report().environment().kernel());
        put(environment, "CPUs", run.report().environment().cpus());
        put(environment, "JVM", run.report().environment().jvm());
        put(environment, "interface", run.report().environment().interfaceName());
        put(environment, "rcvbuf granted", run.report().environment().rcvbufGrantedBytes());
        put(environment, "configuration", run.report().config() == null ? null : run.report().config().describe());
        return environment;
    }

    private static void put(final Map<String, String> map, final String key, final Object value)
    {
        if (value != null)
        {
            map.put(key, value.toString());
        }
    }

    private static void differences(final StringBuilder out, final String title, final List<ComparedRun> runs,
        final boolean tunables)
    {
        out.append('\n').append(title).append('\n');
        final Map<String, String[]> differing = differing(runs, tunables);
        if (differing.isEmpty())
        {
            out.append("  none\n");
            return;
        }
        final String[] header = new String[runs.size() + 1];
        header[0] = "";
        for (int i = 0; i < runs.size(); i++)
        {
            header[i + 1] = runs.get(i).name();
        }
        final Table table = new Table(header);
        differing.forEach((key, row) ->
        {
            final String[] cells = new String[row.length + 1];
            cells[0] = key;
            System.arraycopy(row, 0, cells, 1, row.length);
            table.row(cells);
        });
        table.appendTo(out);
    }

    /**
     * A left-aligned text table, two spaces between columns, no trailing spaces.
     */
    private static final class Table
    {
        private final String[] header;
        private final java.util.List<String[]> rows = new java.util.ArrayList<>();

        private Table(final String... header)
        {
            this.header = header;
        }

        private void row(final String... cells)
        {
            rows.add(cells);
        }

        private void appendTo(final StringBuilder out)
        {
            final int[] widths = new int[header.length];
            for (int c = 0; c < header.length; c++)
            {
                widths[c] = header[c].length();
                for (final String[] row : rows)
                {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            line(out, header, widths);
            for (final String[] row : rows)
            {
                line(out, row, widths);
            }
        }

        private static void line(final StringBuilder out, final String[] cells, final int[] widths)
        {
            final StringBuilder text = new StringBuilder("  ");
            for (int c = 0; c < cells.length; c++)
            {
                text.append(c == 0 ? "" : "  ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }
}
