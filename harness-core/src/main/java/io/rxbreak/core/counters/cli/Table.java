package io.rxbreak.core.counters.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table with aligned columns: the first column left-aligned, the others right-aligned.
 */
final class Table
{
    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    Table(final String indent, final String... header)
    {
        this.indent = indent;
        rows.add(header);
    }

    Table row(final String... cells)
    {
        rows.add(cells);
        return this;
    }

    int size()
    {
        return rows.size() - 1;
    }

    void print(final PrintWriter out)
    {
        final int columns = rows.get(0).length;
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int i = 0; i < columns && i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], visibleLength(row[i]));
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns && i < row.length; i++)
            {
                final String cell = row[i] == null ? "" : row[i];
                final int pad = widths[i] - visibleLength(cell);
                if (i > 0)
                {
                    line.append("  ");
                    line.append(" ".repeat(pad)).append(cell);
                }
                else
                {
                    line.append(cell).append(" ".repeat(pad));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static int visibleLength(final String text)
    {
        return text == null ? 0 : text.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
